// The form's languages at run time: its catalogues through ElementWords (each fetched the first time a
// form speaks it); field problems worded per field; and the option lists built once per catalogue, so a
// render does no Intl work (a cold Intl.DisplayNames or collator costs a page 15-25 ms).
import type { Locale } from '../../core/model/codes.js';
import { messageFrom } from '../../core/i18n/issues-en.js';
import { isCanadian } from '../../core/model/jurisdictions.js';
import { healthCardExample } from '../../core/model/health-card.js';
import type { BackendConfig } from '../../core/model/config.js';
import type { FormMessages } from './request-form.messages.js';
import type { FormIssue } from './request-form.model.js';
import { ElementWords } from '../shared/i18n/element-words.js';

/** The preferred languages offered, in the order the list shows them. */
export const LANGUAGES = ['en', 'fr-CA', 'zh', 'pa', 'es', 'ar', 'tl', 'it', 'de', 'pt', 'fa', 'ur', 'ru', 'vi', 'ko', 'hi', 'ta', 'uk', 'pl'];

/** A choice in a list: [value, label]. */
export type Option = readonly [string, string];
/** A labelled group of choices. */
export type OptionGroup = readonly [string, readonly Option[]];

/**
 * The form's catalogues. Unlike the other elements' words, even English is fetched on demand (the form's
 * words are most of its weight): the page's language first, another only on a switch.
 */
export const FORM_WORDS = new ElementWords<FormMessages>(() => import('./request-form.messages.js').then((mod) => mod.FORM_MESSAGES_EN), {
  'fr-CA': () => import('./request-form.messages.fr-CA.js').then((mod) => mod.FORM_MESSAGES_FR),
});

/** A field's problem in words: its own message when the catalogue has one (`specific`), else the core's generic one. */
export function issueWords(m: FormMessages, issue: FormIssue, plan?: string): { text: string; specific: boolean } {
  const base = issue.field.startsWith('questions') ? 'questions' : issue.field;
  const own = m.fieldIssues[base]?.[issue.code];
  if (own === undefined) return { text: messageFrom(m.issues, issue.code, issue.params ?? {}), specific: false };
  const example = plan ? healthCardExample(plan) : undefined;
  return { text: typeof own === 'function' ? own({ ...issue.params, example }) : own, specific: true };
}

// Everything below depends only on the catalogue (and the backend's config), never on answers. The
// caches are marked pure so a bundle keeps only those its first load uses.
const byCatalogue = <T>(build: (m: FormMessages) => T) => {
  const cache = new WeakMap<FormMessages, T>();
  return (m: FormMessages): T => {
    let v = cache.get(m);
    if (v === undefined) cache.set(m, (v = build(m)));
    return v;
  };
};

const namesByCode = /* @__PURE__ */ byCatalogue((m) => new Map(m.jurisdictionNames));

/** The name of a province, territory or state in the catalogue's language; the code itself when unknown. */
export function jurisdictionName(m: FormMessages, code: string): string {
  return namesByCode(m).get(code) ?? code;
}

/** The provinces and territories, alphabetical in the catalogue's language (the coverage plan list). */
export const provinceOptions = /* @__PURE__ */ byCatalogue((m): readonly Option[] => m.jurisdictionNames.filter(([c]) => isCanadian(c)));

const groupCache = new WeakMap<FormMessages, WeakMap<readonly string[], readonly OptionGroup[]>>();

/** The backend's jurisdictions grouped by country, alphabetical in the catalogue's language (already so in the catalogue). */
export function jurisdictionGroups(m: FormMessages, offered: readonly string[]): readonly OptionGroup[] {
  let perList = groupCache.get(m);
  if (!perList) groupCache.set(m, (perList = new WeakMap()));
  let groups = perList.get(offered);
  if (!groups) {
    const wanted = new Set(offered);
    const list = m.jurisdictionNames.filter(([c]) => wanted.has(c));
    const all: OptionGroup[] = [[m.canada, list.filter(([c]) => isCanadian(c))], [m.unitedStates, list.filter(([c]) => !isCanadian(c))]];
    groups = all.filter(([, l]) => l.length > 0);
    perList.set(offered, groups);
  }
  return groups;
}

const baseLanguages = /* @__PURE__ */ byCatalogue((m): readonly Option[] => LANGUAGES.map((code) => [code, m.languageNames[code] ?? code]));
const displayNames = new Map<Locale, Intl.DisplayNames>();

/** The preferred-language choices; a pre-filled tag outside the list is added, named by Intl (once per locale). */
export function languageOptions(m: FormMessages, locale: Locale, current: string | undefined): readonly Option[] {
  const list = baseLanguages(m);
  if (!current || LANGUAGES.includes(current)) return list;
  let label = current;
  try {
    let names = displayNames.get(locale);
    if (!names) displayNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language' })));
    const named = names.of(current) ?? current;
    label = named.charAt(0).toLocaleUpperCase(locale) + named.slice(1);
  } catch {
    // A pre-filled tag Intl cannot name is shown as written.
  }
  return [...list, [current, label]];
}

const specialtyCache = new WeakMap<BackendConfig, Partial<Record<Locale, readonly Option[]>>>();

/** The backend's specialties labelled in a locale, built once per config and locale. */
export function specialtyOptions(config: BackendConfig, locale: Locale): readonly Option[] {
  let perLocale = specialtyCache.get(config);
  if (!perLocale) specialtyCache.set(config, (perLocale = {}));
  return (perLocale[locale] ??= config.specialties.map((s): Option => [s.code, s.label[locale]]));
}
