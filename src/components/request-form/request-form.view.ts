// What every step of <so-request-form> renders with: the answers, problems and words of one render,
// and the field templates (text box, list, choices). The first step lives here, so it paints from the
// element's first load; the later steps (request-form.steps) arrive on demand and use the same helpers.
import { html, nothing, type TemplateResult } from 'lit';
import { RELATIONSHIPS, type Locale } from '../../core/model/codes.js';
import type { BackendConfig } from '../../core/model/config.js';
import { getValue, isHidden, type FormIssue, type FormValues, type StepId } from './request-form.model.js';
import type { FormMessages } from './request-form.messages.js';
import { jurisdictionGroups, languageOptions, type Option, type OptionGroup } from './request-form.i18n.js';

/** One render's state, and the two actions a later step asks of the element. */
export interface FormView {
  m: FormMessages;
  values: FormValues;
  issues: readonly FormIssue[];
  hidden: readonly string[];
  lang: Locale;
  config?: BackendConfig;
  /** Replaces the answers after a question edit, focuses the element with id `focus`, and announces `message`. */
  edit(values: FormValues, focus?: string, message?: string): void;
  /** Opens a step from the review; Continue there comes back to the review. */
  change(step: StepId): void;
  /** A problem in words: the field's own message (`specific`), else the core's generic one. */
  words(issue: FormIssue): { text: string; specific: boolean };
}

/** Options of a text box. */
export interface TextOptions {
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  multiline?: boolean;
  optional?: boolean;
  hint?: string;
  spellcheck?: boolean;
}

type Part = TemplateResult | typeof nothing;

/** The id of a field's control (`patient.birthDate` → `f-patient-birthDate`). */
export const fieldId = (field: string) => `f-${field.replace(/\./g, '-')}`;

/** A field's label; a question box is numbered. */
export function label(v: FormView, field: string): string {
  return (field.startsWith('questions.') ? v.m.questionLabel(Number(field.split('.')[1]) + 1) : v.m.labels[field]) ?? field;
}

/** The problem shown on a field, if any. */
export const issueFor = (v: FormView, field: string) => v.issues.find((i) => i.field === field);

/** A problem in words. */
export const issueText = (v: FormView, issue: FormIssue) => v.words(issue).text;

/** The message beside a field, when it has a problem. */
export function errorLine(v: FormView, field: string): Part {
  const issue = issueFor(v, field);
  return issue ? html`<p class="error-message" id="${fieldId(field)}-error" part="error">${issueText(v, issue)}</p>` : nothing;
}

/** `aria-describedby` for a field: its hint and its message, when shown. */
export function describedBy(v: FormView, field: string, hint: boolean): string | typeof nothing {
  const ids = [hint ? `${fieldId(field)}-hint` : '', issueFor(v, field) ? `${fieldId(field)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

const invalidClass = (v: FormView, field: string) => (issueFor(v, field) ? 'invalid' : '');
const hintLine = (id: string, hint: string | undefined): Part => (hint ? html`<div class="hint" id="${id}-hint" part="hint">${hint}</div>` : nothing);

// Label, hint and message above one control; the control comes from the caller.
function field(v: FormView, name: string, hint: string | undefined, optional: boolean | undefined, control: TemplateResult): TemplateResult {
  const id = fieldId(name);
  return html`<div class="field ${invalidClass(v, name)}" part="field">
      <label for=${id} part="label">${label(v, name)}${optional ? html` <span class="optional">${v.m.optional}</span>` : nothing}</label>
      ${hintLine(id, hint)}
      ${errorLine(v, name)}
      ${control}
    </div>`;
}

/** A text box (or a multi-line one); nothing when the host hid the field. */
export function text(v: FormView, name: string, o: TextOptions = {}): Part {
  if (isHidden(name, v.hidden)) return nothing;
  const id = fieldId(name);
  const hint = o.hint ?? v.m.hints[name];
  const value = (getValue(v.values, name) as string | undefined) ?? '';
  const described = describedBy(v, name, !!hint);
  const invalid = issueFor(v, name) ? 'true' : nothing;
  return field(v, name, hint, o.optional, o.multiline
    ? html`<textarea part="input" id=${id} name=${name} rows="4" aria-describedby=${described} aria-invalid=${invalid} .value=${value}></textarea>`
    : html`<input part="input" id=${id} name=${name} type=${o.type ?? 'text'} autocomplete=${o.autocomplete ?? 'off'}
        spellcheck=${o.spellcheck === false ? 'false' : nothing} aria-describedby=${described} aria-invalid=${invalid} .value=${value} />`);
}

/** A closed list, optionally grouped; nothing when the host hid the field. */
export function select(v: FormView, name: string, options: readonly Option[], o: { autocomplete?: string; groups?: readonly OptionGroup[] } = {}): Part {
  if (isHidden(name, v.hidden)) return nothing;
  const value = (getValue(v.values, name) as string | undefined) ?? '';
  const hint = v.m.hints[name];
  const opt = ([val, l]: Option) => html`<option value=${val} ?selected=${val === value}>${l}</option>`;
  return field(v, name, hint, false, html`<select part="input" id=${fieldId(name)} name=${name} autocomplete=${o.autocomplete ?? 'off'}
      aria-describedby=${describedBy(v, name, !!hint)} aria-invalid=${issueFor(v, name) ? 'true' : nothing}>
      <option value="" ?selected=${value === ''}>${v.m.chooseOne}</option>
      ${options.map(opt)}
      ${(o.groups ?? []).map(([l, list]) => html`<optgroup label=${l}>${list.map(opt)}</optgroup>`)}
    </select>`);
}

/**
 * A group of radios (one answer) or, for `reasons`, checkboxes (several); `extra` adds what the
 * chosen radio asks next, under it. Nothing when the host hid the field.
 */
export function choices(v: FormView, name: string, options: readonly Option[], extra?: (value: string) => Part): Part {
  if (isHidden(name, v.hidden)) return nothing;
  const id = fieldId(name);
  const raw = getValue(v.values, name);
  const many = Array.isArray(raw);
  const value = typeof raw === 'boolean' ? (raw ? 'yes' : 'no') : raw;
  const hint = v.m.hints[name];
  return html`<fieldset class="${invalidClass(v, name)}" part="field" aria-describedby=${describedBy(v, name, !!hint)}>
      <legend part="label">${label(v, name)}</legend>
      ${hintLine(id, hint)}
      ${errorLine(v, name)}
      ${options.map(([val, l], n) => {
        const on = many ? raw.includes(val) : val === value;
        const cid = n === 0 ? id : `${id}-${n}`;
        return html`<div class="choice">
          <input part="input" type=${many ? 'checkbox' : 'radio'} id=${cid} name=${name} .value=${val} .checked=${on} />
          <label for=${cid}>${l}</label>
        </div>${on && extra ? extra(val) : nothing}`;
      })}
    </fieldset>`;
}

/** The preferred-language choices (a pre-filled one outside the list included). */
export const languages = (v: FormView) => languageOptions(v.m, v.lang, v.values.patient.preferredLanguage);

const NO_JURISDICTIONS: readonly string[] = [];

/** Step 1: who fills in the form and who the patient is. */
export function stepWho(v: FormView): TemplateResult {
  const m = v.m;
  const rel = v.values.requester.relationship;
  const self = rel === 'self';
  const someoneElse = !!rel && !self;
  // Personal autofill goes to whoever is typing: the patient's boxes only when they are the patient.
  const mine = (token: string) => (self ? token : 'off');
  return html`
      ${choices(v, 'requester.relationship', RELATIONSHIPS.map((r) => [r, m.relationship[r]!]))}
      ${someoneElse ? html`<h3>${m.requesterHeading}</h3>
        ${text(v, 'requester.givenName', { autocomplete: 'given-name', spellcheck: false })}
        ${text(v, 'requester.familyName', { autocomplete: 'family-name', spellcheck: false })}
        ${text(v, 'requester.organization', { autocomplete: 'organization', optional: true })}
        ${text(v, 'requester.email', { type: 'email', autocomplete: 'email', spellcheck: false })}
        ${text(v, 'requester.phone', { type: 'tel', autocomplete: 'tel', optional: true })}` : nothing}
      <h3>${m.patientHeading}</h3>
      ${text(v, 'patient.givenName', { autocomplete: mine('given-name'), spellcheck: false })}
      ${text(v, 'patient.familyName', { autocomplete: mine('family-name'), spellcheck: false })}
      ${text(v, 'patient.birthDate', { autocomplete: mine('bday') })}
      ${select(v, 'patient.jurisdiction', [], { groups: jurisdictionGroups(m, v.config?.jurisdictions ?? NO_JURISDICTIONS), autocomplete: mine('address-level1') })}
      ${text(v, 'patient.email', { type: 'email', autocomplete: mine('email'), spellcheck: false, optional: someoneElse, hint: someoneElse ? '' : undefined })}
      ${text(v, 'patient.phone', { type: 'tel', autocomplete: mine('tel'), optional: true })}
      ${select(v, 'patient.preferredLanguage', languages(v))}`;
}
