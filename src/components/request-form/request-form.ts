// <so-request-form>: the second-opinion request in six steps. The controller (request-form.model)
// holds the rules; this element renders the step, forwards what the person types, and submits once.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CONSULTATION_MODES, REASONS, REFERRAL_PATHS, RELATIONSHIPS, URGENCIES, COVERAGE_KINDS } from '../../core/model/codes.js';
import { healthCardExample } from '../../core/model/health-card.js';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import { isSecondOpinionError, ValidationError } from '../../core/errors.js';
import { newIdempotencyKey, type SecondOpinionClient } from '../../core/client/client.js';
import type { BackendConfig } from '../../core/model/config.js';
import type { Locale } from '../../core/model/codes.js';
import type { Case } from '../../core/model/case.js';
import { SoElement } from '../shared/base-element.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { claimClientError } from '../shared/client-errors.js';
import { announce } from '../shared/announce.js';
import { focusErrorSummary, focusStepHeading } from '../shared/focus.js';
import { compileAppearance, type Appearance } from '../shared/appearance.js';
import { formatDate } from '../shared/i18n/format.js';
import type { MessagesOverride } from '../shared/i18n/messages.js';
import {
  addQuestion, buildRequest, getValue, isHidden, moveQuestion, parseHiddenFields, placeIssues, recordsChecklist, removeQuestion, setValue,
  STEP_FIELDS, STEPS, stepOfField, validateAll, validateField, validateStep, valuesFrom, type FormIssue, type FormValues, type StepId,
} from './request-form.model.js';
import type { FormMessages } from './request-form.messages.js';
import { BOOT } from './request-form.boot.js';
import {
  formMessagesNow, issueWords, jurisdictionGroups, jurisdictionName, languageOptions, loadFormMessages, provinceOptions, specialtyOptions,
  type Option, type OptionGroup,
} from './request-form.i18n.js';
import { SoCaseCreatedEvent, SoStepChangeEvent } from './request-form.events.js';
import { requestFormStyles } from './request-form.styles.js';

/** The form's words a host may override, partly: `{ submit: 'Send' }`. */
export type RequestFormI18n = MessagesOverride & Partial<FormMessages>;

const NO_JURISDICTIONS: readonly string[] = [];
// The draft store (IndexedDB and WebCrypto) is fetched only when a draft is read, written or cleared.
const drafts = () => import('./draft-store.js');
const fieldId = (field: string) => `f-${field.replace(/\./g, '-')}`;

interface TextOptions {
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  multiline?: boolean;
  optional?: boolean;
  hint?: string;
  spellcheck?: boolean;
}

/**
 * The second-opinion request: who it is for, the diagnosis and treatment, questions for the
 * specialist, referral and coverage, the records to gather, then a review with consent. Submits
 * exactly one case through the client and shows the reference number and what happens next.
 *
 * Inputs are native and live in this element's shadow root inside a real `<form>` with
 * `autocomplete` tokens, so the browser's own autofill fills identity and contact fields.
 *
 * @summary A kind, six-step second-opinion request form with review, consent and submit.
 * @tagname so-request-form
 * @fires {SoStepChangeEvent} so-step-change - The person moved to another step (`from`, `to`, `index`).
 * @fires {SoCaseCreatedEvent} so-case-created - Cancelable. The case was created (`case`); cancel to show your own next page.
 * @slot next-step - Shown on the confirmation, under "What to do next" (for example a `<so-record-uploader>`).
 * @csspart form - The form.
 * @csspart step-indicator - "Step n of m".
 * @csspart heading - The step heading, focused on each step change.
 * @csspart notice - The "not for emergencies" notice.
 * @csspart error-summary - The list of problems, focused when shown.
 * @csspart field - One question: label, hint, message and control.
 * @csspart label - A field label.
 * @csspart hint - Hint text under a label.
 * @csspart error - The message beside a field.
 * @csspart input - A text box, list or choice.
 * @csspart button - Every button.
 * @csspart back - The Back button.
 * @csspart next - The Continue button.
 * @csspart submit - The Send button.
 * @csspart checklist - The records checklist.
 * @csspart review - The check-your-answers list.
 * @csspart confirmation - The confirmation panel.
 * @csspart reference - The case reference number.
 * @cssprop --so-color-primary - Buttons and links.
 * @cssprop --so-color-danger - Problems and their borders.
 * @cssprop --so-color-warning-background - Background of the emergency notice.
 * @cssprop --so-color-success-background - Background of the confirmation.
 * @cssprop --so-color-text - Text colour.
 * @cssprop --so-color-text-muted - Hints and captions.
 * @cssprop --so-color-border - Field borders.
 * @cssprop --so-color-background - Background.
 * @cssprop --so-color-focus - Focus ring colour.
 * @cssprop --so-border-radius - Corner radius.
 * @cssprop --so-spacing-unit - Base spacing.
 * @cssprop --so-font-family - Font family (inherits the page's by default).
 * @cssprop --so-color-scheme - `light`, `dark`, or `light dark`.
 */
export class SoRequestForm extends SoElement {
  static override tagName = 'so-request-form';
  static override styles = [tokenStyles, requestFormStyles];

  /** Pre-filled answers: a partial request (an insurer portal knows the member's name, birth date, plan). */
  @property({ attribute: false }) initial?: unknown;

  /** Fields pre-filled by the host and not asked again, by name or group: `patient.givenName coverage`. */
  @property({ attribute: 'hidden-fields' }) hiddenFields = '';

  /** Keeps an encrypted draft on this device so a reload loses nothing. Off: nothing is stored. */
  @property({ type: Boolean, reflect: true }) autosave = false;

  /** Theme and `--so-*` variables for this form alone (`rules` need a `<so-provider>`). */
  @property({ attribute: false }) appearance?: Appearance;

  /** Partial override of the form's words, for example `{ submit: 'Send to the clinic' }`. */
  @property({ attribute: false }) override i18n?: RequestFormI18n;

  @state() private values: FormValues = valuesFrom(undefined);
  @state() private stepIndex = 0;
  @state() private issues: FormIssue[] = [];
  @state() private summary: FormIssue[] = [];
  @state() private config?: BackendConfig;
  @state() private configFailed = false;
  @state() private submitting = false;
  @state() private submitFailed = false;
  @state() private created?: Case;
  @state() private handedOver = false;
  /** The language whose catalogue failed to arrive; cleared by the Retry button. */
  @state() private catalogueFailed?: Locale;

  private touched = new Set<string>();
  private returnToReview = false;
  private pendingFocus: 'heading' | 'summary' | string | undefined;
  private submitKey?: { key: string; body: string };
  private draftLoaded = false;
  private saveChain: Promise<void> = Promise.resolve();
  private draftGeneration = 0;
  private appliedProperties: string[] = [];
  // The words in use and their language, settled once per update (see willUpdate).
  private words?: FormMessages;
  private textLang: Locale = 'en';
  private wordsFor?: { base: FormMessages; i18n: RequestFormI18n | undefined };
  private catalogueLoad?: Promise<unknown>;
  private loadingLocale?: Locale;
  private hiddenCache: { attr: string; list: string[] } = { attr: '', list: [] };

  /** The step shown. */
  get step(): StepId {
    return STEPS[this.stepIndex]!;
  }

  /** The answers so far, as the request they would send. */
  get request(): ReturnType<typeof buildRequest>['request'] {
    return buildRequest(this.values, this.config?.consent.version).request;
  }

  /** Resolves once an autosaved draft (if any) has been read and applied. */
  draftReady: Promise<void> = Promise.resolve();

  // The words shown: the current language's, or while it arrives the last language shown. Only
  // rendering reads it, and render() shows the loading line until a catalogue is here.
  private get fm(): FormMessages {
    return this.words as FormMessages;
  }

  private get hiddenList(): string[] {
    if (this.hiddenCache.attr !== this.hiddenFields) this.hiddenCache = { attr: this.hiddenFields, list: parseHiddenFields(this.hiddenFields) };
    return this.hiddenCache.list;
  }

  // Picks the catalogue for this update; a language not here yet is fetched, and the form keeps
  // the language it showed (or a loading line in the new one) until it arrives.
  private settleWords(): void {
    const locale = this.locale;
    let base = formMessagesNow(locale);
    let lang = locale;
    if (!base) {
      if (this.catalogueFailed !== locale) this.fetchCatalogue(locale);
      base = this.wordsFor?.base;
      lang = this.textLang;
    }
    if (!base) {
      this.words = undefined;
      this.textLang = locale;
      return;
    }
    if (this.wordsFor?.base !== base || this.wordsFor.i18n !== this.i18n || !this.words) {
      this.words = this.i18n ? { ...base, ...(this.i18n as Partial<FormMessages>) } : base;
      this.wordsFor = { base, i18n: this.i18n };
    }
    this.textLang = lang;
  }

  private fetchCatalogue(locale: Locale): void {
    if (this.loadingLocale === locale) return;
    this.loadingLocale = locale;
    this.catalogueLoad = loadFormMessages(locale).then(
      () => {
        if (this.catalogueFailed === locale) this.catalogueFailed = undefined;
      },
      () => {
        this.catalogueFailed = locale;
      },
    ).finally(() => {
      if (this.loadingLocale === locale) this.loadingLocale = undefined;
      this.catalogueLoad = undefined;
      this.requestUpdate();
    });
  }

  // updateComplete also waits for a language being fetched and the render that follows it.
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let i = 0; i < 3 && this.catalogueLoad; i++) {
      await this.catalogueLoad;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.autosave && !this.draftLoaded) this.draftReady = this.restoreDraft();
  }

  protected override clientChanged(client: SecondOpinionClient | undefined): void {
    if (client) void this.loadConfig(client);
  }

  private async loadConfig(client: SecondOpinionClient): Promise<void> {
    this.configFailed = false;
    try {
      this.config = await client.config();
    } catch (e) {
      claimClientError(e);
      this.configFailed = true;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.settleWords();
    if (changed.has('initial')) this.applyInitial();
    if (changed.has('appearance')) this.applyAppearance();
    if (changed.has('autosave') && this.autosave && !this.draftLoaded && this.isConnected) this.draftReady = this.restoreDraft();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const target = this.pendingFocus;
    if (!target) return;
    this.pendingFocus = undefined;
    if (target === 'heading') {
      const h = this.renderRoot.querySelector<HTMLElement>('[part~="heading"]');
      if (h) focusStepHeading(h);
    } else if (target === 'summary') {
      const s = this.renderRoot.querySelector<HTMLElement>('[part~="error-summary"]');
      if (s) focusErrorSummary(s);
    } else {
      this.renderRoot.querySelector<HTMLElement>(`#${target}`)?.focus();
    }
  }

  // Answers the person has not touched take the host's pre-fill; their own typing is never overwritten.
  private applyInitial(): void {
    const fresh = valuesFrom(this.initial);
    if (this.touched.size === 0 && !this.draftLoaded) {
      this.values = fresh;
      return;
    }
    let v = this.values;
    for (const field of STEPS.flatMap((s) => STEP_FIELDS[s])) {
      if (!this.touched.has(field) && getValue(fresh, field) !== undefined) v = setValue(v, field, getValue(fresh, field));
    }
    this.values = v;
  }

  private applyAppearance(): void {
    const compiled = compileAppearance(this.appearance, '');
    for (const name of this.appliedProperties) this.style.removeProperty(name);
    for (const [name, value] of Object.entries(compiled.properties)) this.style.setProperty(name, value);
    this.appliedProperties = Object.keys(compiled.properties);
  }

  private async restoreDraft(): Promise<void> {
    this.draftLoaded = true;
    const generation = this.draftGeneration;
    const draft = (await (await drafts()).loadDraft()) as { values?: unknown; step?: unknown } | undefined;
    if (!draft || generation !== this.draftGeneration) return;
    let v = valuesFrom(draft.values);
    // What the host supplies and hides stays the host's, never a stale copy from the draft.
    const fromHost = valuesFrom(this.initial);
    for (const field of STEPS.flatMap((s) => STEP_FIELDS[s])) {
      if (isHidden(field, this.hiddenList)) v = setValue(v, field, getValue(fromHost, field));
    }
    this.values = v;
    const step = typeof draft.step === 'number' && draft.step >= 0 && draft.step < STEPS.length ? draft.step : 0;
    this.stepIndex = step;
  }

  private persist(): void {
    if (!this.autosave) return;
    const snapshot = { values: this.values, step: this.stepIndex };
    const generation = this.draftGeneration;
    this.saveChain = this.saveChain.then(async () => (generation === this.draftGeneration ? (await drafts()).saveDraft(snapshot) : undefined)).catch(() => undefined);
  }

  /** Deletes the saved draft (the answers on screen stay). Resolves once storage is clean. */
  async clearDraft(): Promise<void> {
    this.draftGeneration++;
    await this.saveChain;
    await (await drafts()).clearDraft();
  }

  /** Resolves once every pending autosave has been written. */
  async draftSaved(): Promise<void> {
    await this.saveChain;
  }

  // ----- navigation -----

  /** Shows another step, without checking the current one (the review's change links use it). */
  goTo(step: StepId): void {
    const to = STEPS.indexOf(step);
    if (to < 0 || to === this.stepIndex) return;
    const from = this.step;
    this.stepIndex = to;
    this.issues = [];
    this.summary = [];
    this.submitFailed = false;
    this.pendingFocus = 'heading';
    this.persist();
    this.emit(new SoStepChangeEvent(from, step, to + 1));
    const m = this.words;
    if (m) void announce(`${m.stepOf(to + 1, STEPS.length)}: ${m.steps[step]}`);
  }

  /** Checks the current step and moves on when it is complete; returns whether it moved. */
  next(): boolean {
    const problems = validateStep(this.values, this.step, this.config?.consent.version);
    if (problems.length) {
      this.showProblems(problems);
      return false;
    }
    const target = this.returnToReview ? 'review' : STEPS[this.stepIndex + 1];
    if (!target) return false;
    if (target === 'review') this.returnToReview = false;
    this.goTo(target);
    return true;
  }

  /** Goes back one step; nothing typed is lost. */
  back(): void {
    const target = STEPS[this.stepIndex - 1];
    if (target) this.goTo(target);
  }

  /** True when every step is complete. */
  checkValidity(): boolean {
    return validateAll(this.values, this.config?.consent.version).length === 0;
  }

  private showProblems(problems: FormIssue[]): void {
    this.issues = problems;
    this.summary = problems;
    this.pendingFocus = 'summary';
    if (this.words) void announce(this.words.errorAnnounce(problems.length), { politeness: 'assertive' });
  }

  // ----- input -----

  private onInput = (e: Event): void => {
    const t = e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const name = t.name;
    if (!name) return;
    let v = this.values;
    if (name === 'reasons') {
      const box = t as HTMLInputElement;
      const set = new Set(v.reasons);
      if (box.checked) set.add(box.value);
      else set.delete(box.value);
      v = { ...v, reasons: REASONS.filter((r) => set.has(r)) };
    } else if (name === 'careTeam.share') {
      v = setValue(v, name, t.value === 'yes');
    } else if (name === 'consent') {
      const box = t as HTMLInputElement;
      v = { ...v, consent: box.checked ? { acceptedAt: new Date().toISOString(), version: this.config?.consent.version } : {} };
    } else {
      v = setValue(v, name, t.value);
    }
    this.values = v;
    const field = name === 'consent' ? 'consent.scopes' : name;
    this.touched.add(field);
    // Choices are settled when made; a shown problem clears as soon as it is fixed.
    const isChoice = t instanceof HTMLSelectElement || (t as HTMLInputElement).type === 'radio' || (t as HTMLInputElement).type === 'checkbox';
    if (isChoice || this.issues.some((i) => i.field === field)) this.checkField(field);
    this.persist();
  };

  private onBlur = (e: FocusEvent): void => {
    const t = e.target as HTMLInputElement;
    if (!t.name || !this.touched.has(t.name)) return;
    this.checkField(t.name);
  };

  private checkField(field: string): void {
    const problem = validateField(this.values, field, this.config?.consent.version);
    const others = this.issues.filter((i) => i.field !== field);
    this.issues = problem ? [...others, problem] : others;
    // The summary keeps its list until the next check of the step, minus what got fixed.
    if (!problem) this.summary = this.summary.filter((i) => i.field !== field);
  }

  private onSubmitEvent = (e: SubmitEvent): void => {
    e.preventDefault();
    if (this.step === 'review') void this.submit();
    else this.next();
  };

  // ----- questions -----

  private editQuestions(values: FormValues, focusSlot: number | undefined, message?: string): void {
    this.values = values;
    this.touched.add('questions');
    this.issues = this.issues.filter((i) => !i.field.startsWith('questions'));
    if (focusSlot !== undefined) this.pendingFocus = fieldId(`questions.${focusSlot}`);
    if (message) void announce(message);
    this.persist();
  }

  private moveQ(slot: number, delta: number): void {
    const moved = moveQuestion(this.values, slot, delta);
    this.editQuestions(moved.values, undefined, this.fm.questionMoved(moved.slot + 1));
    // Focus stays on the same button of the moved question, so repeated presses keep moving it.
    const which = delta < 0 && moved.slot > 0 ? 'up' : delta > 0 && moved.slot < moved.values.questions.length - 1 ? 'down' : 'text';
    this.pendingFocus = which === 'text' ? fieldId(`questions.${moved.slot}`) : `q-${which}-${moved.slot}`;
  }

  // ----- submit -----

  /** Checks every step and sends the request once; resolves with the case, or undefined if it did not go. */
  async submit(): Promise<Case | undefined> {
    if (this.submitting || this.created) return this.created;
    const client = this.activeClient;
    const version = this.config?.consent.version;
    const problems = validateAll(this.values, version);
    if (problems.length || !client) {
      this.landOn(problems);
      return undefined;
    }
    const built = buildRequest(this.values, version);
    const body = JSON.stringify(built.request);
    // One key per action: a retry of the same answers replays the first result instead of making a second case.
    if (this.submitKey?.body !== body) this.submitKey = { key: newIdempotencyKey(), body };
    this.submitting = true;
    this.submitFailed = false;
    try {
      const created = await client.cases.create(built.request, { submit: true, idempotencyKey: this.submitKey.key });
      this.created = created;
      await this.clearDraft();
      const proceed = this.emit(new SoCaseCreatedEvent(created));
      this.handedOver = !proceed;
      this.pendingFocus = proceed ? 'heading' : undefined;
      return created;
    } catch (e) {
      claimClientError(e);
      if (e instanceof ValidationError && e.issues.length) {
        this.landOn(placeIssues(e.issues, built.questionSlots));
      } else {
        this.submitFailed = true;
        this.pendingFocus = 'summary';
        if (this.words) void announce(this.words.submitFailed, { politeness: 'assertive' });
        if (!isSecondOpinionError(e)) throw e;
      }
      return undefined;
    } finally {
      this.submitting = false;
    }
  }

  // Problems found at submit: show the earliest step that has one, with its summary.
  private landOn(problems: FormIssue[]): void {
    if (!problems.length) return;
    const firstStep = problems.map((p) => stepOfField(p.field)).find((s) => s !== undefined) ?? 'review';
    if (firstStep !== this.step) {
      this.returnToReview = true;
      this.goTo(firstStep);
    }
    this.showProblems(problems.filter((p) => (stepOfField(p.field) ?? 'review') === firstStep));
  }

  // ----- rendering -----

  private issueText(issue: FormIssue): string {
    return issueWords(this.fm, issue, this.values.coverage.plan).text;
  }

  // The summary repeats a field's own message; a generic one needs the field's label to make sense there.
  private summaryText(issue: FormIssue): string {
    const words = issueWords(this.fm, issue, this.values.coverage.plan);
    return words.specific ? words.text : `${this.label(issue.field)}: ${words.text}`;
  }

  private label(field: string): string {
    const base = field.startsWith('questions.') ? this.fm.questionLabel(Number(field.split('.')[1]) + 1) : this.fm.labels[field];
    return base ?? field;
  }

  private issueFor(field: string): FormIssue | undefined {
    return this.issues.find((i) => i.field === field);
  }

  private errorLine(field: string): TemplateResult | typeof nothing {
    const issue = this.issueFor(field);
    if (!issue) return nothing;
    return html`<p class="error-message" id="${fieldId(field)}-error" part="error">${this.issueText(issue)}</p>`;
  }

  private describedBy(field: string, hint: boolean): string | typeof nothing {
    const ids = [hint ? `${fieldId(field)}-hint` : '', this.issueFor(field) ? `${fieldId(field)}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  private text(field: string, o: TextOptions = {}): TemplateResult | typeof nothing {
    if (isHidden(field, this.hiddenList)) return nothing;
    const id = fieldId(field);
    const hint = o.hint ?? this.fm.hints[field];
    const value = (getValue(this.values, field) as string | undefined) ?? '';
    const invalid = this.issueFor(field) ? 'true' : nothing;
    const common = {
      id, name: field, describedBy: this.describedBy(field, !!hint),
    };
    return html`<div class="field ${this.issueFor(field) ? 'invalid' : ''}" part="field">
      <label for=${id} part="label">${this.label(field)}${o.optional ? html` <span class="optional">${this.fm.optional}</span>` : nothing}</label>
      ${hint ? html`<div class="hint" id="${id}-hint" part="hint">${hint}</div>` : nothing}
      ${this.errorLine(field)}
      ${o.multiline
        ? html`<textarea part="input" id=${common.id} name=${common.name} rows="4" aria-describedby=${common.describedBy} aria-invalid=${invalid} .value=${value}></textarea>`
        : html`<input part="input" id=${common.id} name=${common.name} type=${o.type ?? 'text'} autocomplete=${o.autocomplete ?? 'off'}
            spellcheck=${o.spellcheck === false ? 'false' : nothing} aria-describedby=${common.describedBy} aria-invalid=${invalid} .value=${value} />`}
    </div>`;
  }

  private select(field: string, options: readonly Option[], o: { autocomplete?: string; optional?: boolean; groups?: readonly OptionGroup[] } = {}): TemplateResult | typeof nothing {
    if (isHidden(field, this.hiddenList)) return nothing;
    const id = fieldId(field);
    const value = (getValue(this.values, field) as string | undefined) ?? '';
    const hint = this.fm.hints[field];
    const opt = ([v, l]: Option) => html`<option value=${v} ?selected=${v === value}>${l}</option>`;
    return html`<div class="field ${this.issueFor(field) ? 'invalid' : ''}" part="field">
      <label for=${id} part="label">${this.label(field)}${o.optional ? html` <span class="optional">${this.fm.optional}</span>` : nothing}</label>
      ${hint ? html`<div class="hint" id="${id}-hint" part="hint">${hint}</div>` : nothing}
      ${this.errorLine(field)}
      <select part="input" id=${id} name=${field} autocomplete=${o.autocomplete ?? 'off'} aria-describedby=${this.describedBy(field, !!hint)} aria-invalid=${this.issueFor(field) ? 'true' : nothing}>
        <option value="" ?selected=${value === ''}>${this.fm.chooseOne}</option>
        ${options.map(opt)}
        ${(o.groups ?? []).map(([label, list]) => html`<optgroup label=${label}>${list.map(opt)}</optgroup>`)}
      </select>
    </div>`;
  }

  private radios(field: string, options: [string, string][], extra?: (value: string) => TemplateResult | typeof nothing): TemplateResult | typeof nothing {
    if (isHidden(field, this.hiddenList)) return nothing;
    const id = fieldId(field);
    const raw = getValue(this.values, field);
    const value = typeof raw === 'boolean' ? (raw ? 'yes' : 'no') : ((raw as string | undefined) ?? '');
    const hint = this.fm.hints[field];
    return html`<fieldset class="${this.issueFor(field) ? 'invalid' : ''}" part="field" aria-describedby=${this.describedBy(field, !!hint)}>
      <legend part="label">${this.label(field)}</legend>
      ${hint ? html`<div class="hint" id="${id}-hint" part="hint">${hint}</div>` : nothing}
      ${this.errorLine(field)}
      ${options.map(([v, l], n) => html`<div class="choice">
          <input part="input" type="radio" id=${n === 0 ? id : `${id}-${n}`} name=${field} .value=${v} .checked=${v === value} />
          <label for=${n === 0 ? id : `${id}-${n}`}>${l}</label>
        </div>${v === value && extra ? extra(v) : nothing}`)}
    </fieldset>`;
  }

  private renderReasons(): TemplateResult | typeof nothing {
    const field = 'reasons';
    if (isHidden(field, this.hiddenList)) return nothing;
    const id = fieldId(field);
    const chosen = new Set(this.values.reasons);
    return html`<fieldset class="${this.issueFor(field) ? 'invalid' : ''}" part="field" aria-describedby=${this.describedBy(field, true)}>
      <legend part="label">${this.label(field)}</legend>
      <div class="hint" id="${id}-hint" part="hint">${this.fm.hints.reasons}</div>
      ${this.errorLine(field)}
      ${REASONS.map((r, n) => html`<div class="choice">
        <input part="input" type="checkbox" id=${n === 0 ? id : `${id}-${n}`} name="reasons" .value=${r} .checked=${chosen.has(r)} />
        <label for=${n === 0 ? id : `${id}-${n}`}>${this.fm.reasons[r]}</label></div>`)}
    </fieldset>
    ${chosen.has('other') ? this.text('reasonDetails', { multiline: true }) : nothing}`;
  }

  private languages(): readonly Option[] {
    return languageOptions(this.fm, this.textLang, this.values.patient.preferredLanguage);
  }

  private stepWho(): TemplateResult {
    const m = this.fm;
    const self = this.values.requester.relationship === 'self';
    const someoneElse = !!this.values.requester.relationship && !self;
    // Personal autofill goes to whoever is typing: the patient's boxes only when they are the patient.
    const mine = (token: string) => (self ? token : 'off');
    return html`
      ${this.radios('requester.relationship', RELATIONSHIPS.map((r) => [r, m.relationship[r]!]))}
      ${someoneElse ? html`<h3>${m.requesterHeading}</h3>
        ${this.text('requester.givenName', { autocomplete: 'given-name', spellcheck: false })}
        ${this.text('requester.familyName', { autocomplete: 'family-name', spellcheck: false })}
        ${this.text('requester.organization', { autocomplete: 'organization', optional: true })}
        ${this.text('requester.email', { type: 'email', autocomplete: 'email', spellcheck: false })}
        ${this.text('requester.phone', { type: 'tel', autocomplete: 'tel', optional: true })}` : nothing}
      <h3>${m.patientHeading}</h3>
      ${this.text('patient.givenName', { autocomplete: mine('given-name'), spellcheck: false })}
      ${this.text('patient.familyName', { autocomplete: mine('family-name'), spellcheck: false })}
      ${this.text('patient.birthDate', { autocomplete: mine('bday') })}
      ${this.select('patient.jurisdiction', [], { groups: jurisdictionGroups(m, this.config?.jurisdictions ?? NO_JURISDICTIONS), autocomplete: mine('address-level1') })}
      ${this.text('patient.email', { type: 'email', autocomplete: mine('email'), spellcheck: false, optional: someoneElse, hint: someoneElse ? '' : undefined })}
      ${this.text('patient.phone', { type: 'tel', autocomplete: mine('tel'), optional: true })}
      ${this.select('patient.preferredLanguage', this.languages())}`;
  }

  private stepDiagnosis(): TemplateResult {
    const m = this.fm;
    const specialties = this.config ? specialtyOptions(this.config, this.textLang) : [];
    return html`
      ${this.text('diagnosis.description', { multiline: true })}
      ${this.text('diagnosis.diagnosedOn', { optional: true })}
      <h3>${m.physicianHeading}</h3>
      ${this.text('treatingPhysician.name')}
      ${this.text('treatingPhysician.specialty', { optional: true })}
      ${this.text('treatingPhysician.clinic', { optional: true })}
      ${this.text('proposedTreatment', { multiline: true, optional: true })}
      ${this.select('specialty', specialties)}
      ${this.renderReasons()}
      <p class="notice" part="notice">${m.emergency}</p>
      ${this.radios('urgency', URGENCIES.map((u) => [u, m.urgency[u]!]))}
      ${this.radios('consultationMode', CONSULTATION_MODES.map((c) => [c, m.consultationMode[c]!]))}
      ${this.text('previousCaseId', { optional: true, spellcheck: false })}`;
  }

  private stepQuestions(): TemplateResult {
    const m = this.fm;
    const qs = this.values.questions;
    const listIssue = this.issues.find((i) => i.field.startsWith('questions'));
    return html`
      <div class="inset" part="hint"><p><strong>${m.questionExamplesTitle}</strong></p>
        <ul>${m.questionExamples.map((q) => html`<li>${q}</li>`)}</ul></div>
      ${qs.map((_, slot) => html`<div class="question">
        ${this.text(`questions.${slot}`, { multiline: true, hint: '' })}
        <div class="question-tools">
          ${slot > 0 ? html`<button type="button" part="button" class="secondary" id="q-up-${slot}" @click=${() => this.moveQ(slot, -1)}>${m.moveUp(slot + 1)}</button>` : nothing}
          ${slot < qs.length - 1 ? html`<button type="button" part="button" class="secondary" id="q-down-${slot}" @click=${() => this.moveQ(slot, 1)}>${m.moveDown(slot + 1)}</button>` : nothing}
          ${qs.length > 1 ? html`<button type="button" part="button" class="secondary" id="q-remove-${slot}" @click=${() => this.editQuestions(removeQuestion(this.values, slot), Math.max(0, slot - 1), m.questionRemoved(slot + 1))}>${m.removeQuestion(slot + 1)}</button>` : nothing}
        </div></div>`)}
      ${qs.length < 20 ? html`<button type="button" part="button" class="secondary" id="q-add" @click=${() => this.editQuestions(addQuestion(this.values), qs.length)}>${m.addQuestion}</button>` : nothing}
      ${listIssue && !this.issueFor(listIssue.field) ? this.errorLine(listIssue.field) : nothing}`;
  }

  private stepCoverage(): TemplateResult {
    const m = this.fm;
    const kinds = (this.config?.coverageKinds ?? COVERAGE_KINDS).map((k): [string, string] => [k, m.coverageKind[k]!]);
    const plan = this.values.coverage.plan ?? '';
    const example = plan ? healthCardExample(plan) : undefined;
    const provinces = provinceOptions(m);
    const extra = (kind: string) => {
      if (kind === 'public') {
        return html`<div class="inset">${this.select('coverage.plan', provinces)}
          ${this.text('patient.healthCardNumber', { spellcheck: false, hint: example ? m.healthCardExample(example) : '' })}</div>`;
      }
      if (kind === 'private') {
        return html`<div class="inset">${this.text('coverage.insurer')}${this.text('coverage.memberNumber', { spellcheck: false })}
          ${this.text('coverage.policyNumber', { optional: true, spellcheck: false })}${this.text('coverage.preAuthorizationNumber', { optional: true, spellcheck: false })}</div>`;
      }
      return nothing;
    };
    return html`
      <p class="inset" part="hint">${m.referralMatters}</p>
      ${this.radios('referral.path', REFERRAL_PATHS.map((r) => [r, m.referralPath[r]!]))}
      ${this.values.referral.path && this.values.referral.path !== 'self' ? this.text('referral.referrerName', { optional: true }) : nothing}
      ${this.radios('coverage.kind', kinds, extra)}`;
  }

  private stepRecords(): TemplateResult {
    const m = this.fm;
    return html`<p>${m.checklistIntro}</p>
      <ul class="checklist" part="checklist">${recordsChecklist(this.values).map((item) => html`<li>
        <strong>${recordKindText(item.kind, this.textLang).label}</strong><span class="why">${m.checklistWhy[item.reason]}</span></li>`)}</ul>
      <p>${m.checklistAfter}</p>`;
  }

  private display(field: string): string {
    const m = this.fm;
    const raw = getValue(this.values, field);
    if (raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) return m.notGiven;
    if (typeof raw === 'boolean') return raw ? m.yes : m.no;
    const v = String(raw);
    switch (field) {
      case 'requester.relationship': return m.relationship[v] ?? v;
      case 'patient.jurisdiction': case 'coverage.plan': return jurisdictionName(m, v);
      case 'patient.preferredLanguage': return this.languages().find(([c]) => c === v)?.[1] ?? v;
      case 'specialty': return this.config?.specialties.find((s) => s.code === v)?.label[this.textLang] ?? v;
      case 'reasons': return this.values.reasons.map((r) => m.reasons[r] ?? r).join('\n');
      case 'urgency': return m.urgency[v] ?? v;
      case 'consultationMode': return m.consultationMode[v] ?? v;
      case 'referral.path': return m.referralPath[v] ?? v;
      case 'coverage.kind': return m.coverageKind[v] ?? v;
      default: return v;
    }
  }

  // Which answers the review lists: only those the chosen options asked.
  private reviewFields(step: StepId): string[] {
    const v = this.values;
    return STEP_FIELDS[step].filter((f) => {
      if (f.startsWith('requester.') && f !== 'requester.relationship') return v.requester.relationship !== 'self';
      if (f === 'reasonDetails') return v.reasons.includes('other');
      if (f === 'referral.referrerName') return !!v.referral.path && v.referral.path !== 'self';
      if (f === 'patient.healthCardNumber' || f === 'coverage.plan') return v.coverage.kind === 'public';
      if (['coverage.insurer', 'coverage.memberNumber', 'coverage.policyNumber', 'coverage.preAuthorizationNumber'].includes(f)) return v.coverage.kind === 'private';
      return true;
    });
  }

  private stepReview(): TemplateResult {
    const m = this.fm;
    const consent = this.config?.consent;
    const sections: StepId[] = ['who', 'diagnosis', 'questions', 'coverage'];
    const share = this.values.careTeam.share === true;
    return html`
      <div part="review">${sections.map((s) => html`<div class="section-head"><h3>${m.steps[s]}</h3>
          <button type="button" part="button" class="link" @click=${() => { this.returnToReview = true; this.goTo(s); }}>${m.change}<span class="visually-hidden"> : ${m.steps[s]}</span></button></div>
        <dl>${s === 'questions'
          ? this.values.questions.filter((q) => q.trim()).map((q, n) => html`<div class="row"><dt>${m.questionLabel(n + 1)}</dt><dd>${q}</dd></div>`)
          : this.reviewFields(s).map((f) => html`<div class="row"><dt>${this.label(f)}</dt><dd>${this.display(f)}</dd></div>`)}</dl>`)}</div>
      <h3>${m.careTeamHeading}</h3>
      ${this.radios('careTeam.share', [['yes', m.yes], ['no', m.no]])}
      ${share ? html`<div class="inset">${this.text('careTeam.name', { optional: true })}${this.text('careTeam.clinic', { optional: true })}
        ${this.text('careTeam.email', { type: 'email', spellcheck: false })}${this.text('careTeam.phone', { type: 'tel', optional: true })}</div>` : nothing}
      <h3>${m.consentHeading}</h3>
      ${consent ? html`<div class="consent-text" part="consent"><p>${consent.text[this.textLang]}</p><p class="hint">${m.consentVersion(consent.version)}</p></div>` : nothing}
      <div class="field ${this.issueFor('consent.scopes') ? 'invalid' : ''}" part="field">
        ${this.errorLine('consent.scopes')}
        <div class="choice"><input part="input" type="checkbox" id=${fieldId('consent.scopes')} name="consent" .checked=${!!this.values.consent.acceptedAt}
          aria-describedby=${this.describedBy('consent.scopes', false)} aria-invalid=${this.issueFor('consent.scopes') ? 'true' : nothing} />
        <label for=${fieldId('consent.scopes')}>${m.consentAgree}</label></div>
      </div>`;
  }

  private renderSummary(): TemplateResult | typeof nothing {
    const m = this.fm;
    if (!this.summary.length && !this.submitFailed) return nothing;
    return html`<div class="error-summary" part="error-summary" tabindex="-1" aria-labelledby="summary-title">
      <h2 id="summary-title">${m.errorSummaryTitle}</h2>
      ${this.submitFailed ? html`<p>${m.submitFailed}</p>` : nothing}
      <ul>${this.summary.map((i) => {
        const text = this.summaryText(i);
        if (isHidden(i.field, this.hiddenList) || !stepOfField(i.field)) return html`<li>${m.hiddenProblem(this.label(i.field), this.issueText(i))}</li>`;
        return html`<li><a href="#${fieldId(i.field)}" @click=${(e: Event) => { e.preventDefault(); this.renderRoot.querySelector<HTMLElement>(`#${fieldId(i.field)}`)?.focus(); }}>${text}</a></li>`;
      })}</ul></div>`;
  }

  private renderConfirmation(created: Case): TemplateResult {
    const m = this.fm;
    const days = this.config?.turnaroundBusinessDays;
    return html`<div part="confirmation">
      <div class="panel"><h2 part="heading" tabindex="-1">${m.confirmationTitle}</h2>
        <p>${m.confirmationReference}<br /><span class="reference" part="reference">${created.reference}</span></p></div>
      <p>${created.expectedBy ? m.confirmationExpectedBy(formatDate(`${created.expectedBy}T12:00:00Z`, this.textLang)) : days !== undefined ? m.confirmationTurnaround(days) : nothing}</p>
      <h3>${m.confirmationNext}</h3>
      <p>${m.confirmationNextBody}</p>
      <ul class="checklist">${recordsChecklist(this.values).map((item) => html`<li>${recordKindText(item.kind, this.textLang).label}</li>`)}</ul>
      <slot name="next-step"></slot>
    </div>`;
  }

  // Only the step shown is built.
  private stepBody(step: StepId): TemplateResult {
    switch (step) {
      case 'who': return this.stepWho();
      case 'diagnosis': return this.stepDiagnosis();
      case 'questions': return this.stepQuestions();
      case 'coverage': return this.stepCoverage();
      case 'records': return this.stepRecords();
      default: return this.stepReview();
    }
  }

  protected override render(): TemplateResult {
    const m = this.words;
    if (!m) {
      const boot = BOOT[this.textLang];
      return this.catalogueFailed === this.textLang
        ? html`<p role="alert">${this.i18n?.configFailed ?? boot.failed}</p><button type="button" part="button" class="secondary" @click=${() => { this.catalogueFailed = undefined; }}>${this.i18n?.retry ?? boot.retry}</button>`
        : html`<p role="status">${this.i18n?.loadingConfig ?? boot.loading}</p>`;
    }
    if (this.created) return this.handedOver ? html`` : this.renderConfirmation(this.created);
    if (!this.config) {
      return this.configFailed
        ? html`<p role="alert">${m.configFailed}</p><button type="button" part="button" class="secondary" @click=${() => this.activeClient && this.loadConfig(this.activeClient)}>${m.retry}</button>`
        : html`<p role="status">${m.loadingConfig}</p>`;
    }
    const step = this.step;
    return html`<form part="form" novalidate autocomplete="on" @submit=${this.onSubmitEvent} @input=${this.onInput} @change=${this.onInput} @focusout=${this.onBlur}>
      ${this.renderSummary()}
      <h2 part="heading" tabindex="-1"><span class="caption" part="step-indicator">${m.stepOf(this.stepIndex + 1, STEPS.length)}</span>${m.steps[step]}</h2>
      ${step === 'who' ? html`<p class="notice" part="notice">${m.emergency}</p>` : nothing}
      <p>${m.stepIntro[step]}</p>
      ${this.stepBody(step)}
      <div class="actions">
        ${this.stepIndex > 0 ? html`<button type="button" part="button back" class="secondary" @click=${() => this.back()}>${m.back}</button>` : nothing}
        ${step === 'review'
          ? html`<button type="submit" part="button submit" class="primary" aria-disabled=${this.submitting ? 'true' : 'false'}>${this.submitting ? m.submitting : m.submit}</button>`
          : html`<button type="submit" part="button next" class="primary">${m.next}</button>`}
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'so-request-form': SoRequestForm;
  }
}
