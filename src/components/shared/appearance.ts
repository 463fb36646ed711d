// Stripe-style appearance ({ theme, variables, rules }) compiled to the same hooks host CSS uses:
// --so-* custom properties on the provider and ::part() rules in an adopted stylesheet.
import { devWarn } from './dev.js';

/** `auto` follows the person's system setting. */
export type AppearanceTheme = 'auto' | 'light' | 'dark';

/** Token overrides; each becomes the matching `--so-*` custom property (colorPrimary -> --so-color-primary). */
export interface AppearanceVariables {
  colorPrimary?: string;
  colorText?: string;
  colorTextMuted?: string;
  colorBackground?: string;
  colorBorder?: string;
  colorFocus?: string;
  colorNeutral?: string;
  colorNeutralBackground?: string;
  colorInfo?: string;
  colorInfoBackground?: string;
  colorSuccess?: string;
  colorSuccessBackground?: string;
  colorWarning?: string;
  colorWarningBackground?: string;
  colorDanger?: string;
  colorDangerBackground?: string;
  fontFamily?: string;
  fontSizeBase?: string;
  borderRadius?: string;
  spacingUnit?: string;
  focusRingWidth?: string;
  focusRingOffset?: string;
  duration?: string;
}

/** CSS declarations for one part, camelCase or kebab-case names. */
export type AppearanceRule = Record<string, string>;

/** The appearance of every element under a provider. */
export interface Appearance {
  theme?: AppearanceTheme;
  variables?: AppearanceVariables;
  /** Keys are `::part(name)` or `so-element::part(name)`, optionally with `:hover`, `:focus-visible` or `:active`. */
  rules?: Record<string, AppearanceRule>;
}

/** What an appearance compiles to. */
export interface CompiledAppearance {
  /** Custom properties to set on the provider. */
  properties: Record<string, string>;
  /** Part rules, each selector prefixed with `scope`. */
  css: string;
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const RULE_KEY = /^(so-[a-z][a-z0-9-]*)?::part\(([a-z][a-z0-9-]*)\)(:(?:hover|focus|focus-visible|active))?$/;
const PROPERTY = /^-?[a-z][a-z-]*$/;
// Values are plain CSS values: nothing that could close a block, load a resource or inject a rule.
const UNSAFE_VALUE = /[;{}<>\\]|url\s*\(|image-set\s*\(|@import|expression\s*\(/i;

function safeValue(key: string, value: unknown): value is string {
  if (typeof value === 'string' && value.trim() !== '' && !UNSAFE_VALUE.test(value)) return true;
  devWarn('appearance', `appearance: the value for "${key}" was ignored (plain CSS values only).`, `appearance-value-${key}`);
  return false;
}

/** Compiles an appearance; invalid entries are skipped with a development warning, never thrown. */
export function compileAppearance(appearance: Appearance | undefined, scope: string): CompiledAppearance {
  const properties: Record<string, string> = {};
  if (!appearance) return { properties, css: '' };
  if (appearance.theme === 'light' || appearance.theme === 'dark') properties['--so-color-scheme'] = appearance.theme;
  for (const [name, value] of Object.entries(appearance.variables ?? {})) {
    if (!/^[a-z][a-zA-Z]*$/.test(name)) continue;
    if (safeValue(name, value)) properties[`--so-${kebab(name)}`] = value;
  }
  const blocks: string[] = [];
  for (const [key, rule] of Object.entries(appearance.rules ?? {})) {
    const m = RULE_KEY.exec(key);
    if (!m) {
      devWarn('appearance', `appearance: the rule "${key}" was ignored (use ::part(name) or so-element::part(name)).`, `appearance-rule-${key}`);
      continue;
    }
    const declarations = Object.entries(rule ?? {})
      .map(([prop, value]) => [kebab(prop), value] as const)
      .filter(([prop, value]) => PROPERTY.test(prop) && safeValue(`${key} ${prop}`, value))
      .map(([prop, value]) => `${prop}: ${value};`);
    if (declarations.length) blocks.push(`${scope} ${m[1] ?? '*'}::part(${m[2]})${m[3] ?? ''} { ${declarations.join(' ')} }`);
  }
  return { properties, css: blocks.join('\n') };
}

/**
 * Writes `compiled`'s custom properties on `el` (CSSOM writes, allowed under a strict CSP) and
 * removes the `previous` ones it no longer sets; returns the names now set.
 */
export function setAppearanceProperties(el: HTMLElement, compiled: CompiledAppearance, previous: readonly string[]): string[] {
  for (const name of previous) el.style.removeProperty(name);
  for (const [name, value] of Object.entries(compiled.properties)) el.style.setProperty(name, value);
  return Object.keys(compiled.properties);
}
