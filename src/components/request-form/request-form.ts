// <so-request-form>: the second-opinion request in six steps. The controller (request-form.model, with
// its checks in request-form.validation) holds the rules; this element renders the step, forwards what
// the person types, and submits once. Steps 2-6 and the checks arrive on demand (see `loader`).
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isSecondOpinionError } from '../../core/errors.js';
import { newIdempotencyKey, type SecondOpinionClient } from '../../core/client/client.js';
import { onDemand } from '../../core/on-demand.js';
import type { BackendConfig } from '../../core/model/config.js';
import type { Locale } from '../../core/model/codes.js';
import type { Case } from '../../core/model/case.js';
import { SoElement } from '../shared/base-element.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { claimClientError } from '../shared/client-errors.js';
import { adoptStyles } from '../shared/adopt.js';
import { compileAppearance, setAppearanceProperties, type Appearance } from '../shared/appearance.js';
import type { MessagesOverride } from '../shared/i18n/messages.js';
import {
  buildRequest, getValue, parseHiddenFields, setValue, STEP_FIELDS, STEPS, stepOfField, valuesFrom, type FormIssue, type FormValues, type StepId,
} from './request-form.model.js';
import type { FormMessages } from './request-form.messages.js';
import { BOOT } from './request-form.boot.js';
import { formMessagesNow, loadFormMessages } from './request-form.i18n.js';
import { SoCaseCreatedEvent, SoStepChangeEvent } from './request-form.events.js';
import { requestFormStyles } from './request-form.styles.js';
import { stepWho, type FormView } from './request-form.view.js';

/** The form's words a host may override, partly: `{ submit: 'Send' }`. */
export type RequestFormI18n = MessagesOverride & Partial<FormMessages>;

// The draft store (IndexedDB and WebCrypto) is fetched only when a draft is read, written or cleared.
const drafts = () => import('./draft-store.js');

// The checks (zod and the core schema), steps 2-6, the error summary and the problems' words: fetched
// when a form connects, while step 1 is on screen. Every check awaits them, and a later step shows the
// loading line until they are here; problems exist only once they are here, so their words may too.
const later = onDemand(() => Promise.all([import('./request-form.validation.js'), import('./request-form.steps.view.js')]).then(([r, s]) => ({ ...r, ...s })));

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
  /** The checks or the later steps failed to arrive; cleared by the Retry button. */
  @state() private partsFailed = false;

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
  private partsLoad?: Promise<void>;
  private nextQueued = false;
  private stepStylesIn = false;
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

  // updateComplete also waits for a language, the checks or the later steps being fetched, and the render that follows.
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let i = 0; i < 3 && (this.catalogueLoad || this.partsLoad); i++) {
      await this.catalogueLoad;
      await this.partsLoad;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.fetchParts();
    if (this.autosave && !this.draftLoaded) this.draftReady = this.restoreDraft();
  }

  // Fetches the checks and the later steps (once per page); never rejects: a failure sets partsFailed.
  private fetchParts(): Promise<void> {
    return (this.partsLoad ??= later.load().then(
      () => this.requestUpdate(),
      () => {
        this.partsFailed = true;
      },
    ).finally(() => {
      this.partsLoad = undefined;
    }));
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
    // The later parts' styles join this form's own before it first draws one of them.
    if (later.now && !this.stepStylesIn) {
      adoptStyles(this.renderRoot, [later.now.stepStyles]);
      this.stepStylesIn = true;
    }
    this.settleWords();
    if (changed.has('initial')) this.applyInitial();
    if (changed.has('appearance')) this.applyAppearance();
    if (changed.has('autosave') && this.autosave && !this.draftLoaded && this.isConnected) this.draftReady = this.restoreDraft();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Focus moves with the later parts (a step shown before they arrive gets its focus when they do).
    const target = this.pendingFocus;
    if (!target || !later.now) return;
    this.pendingFocus = undefined;
    later.now.placeFocus(this.renderRoot, target);
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
    this.appliedProperties = setAppearanceProperties(this, compileAppearance(this.appearance, ''), this.appliedProperties);
  }

  private async restoreDraft(): Promise<void> {
    this.draftLoaded = true;
    const generation = this.draftGeneration;
    const draft = await (await drafts()).restoreDraft(this.initial, this.hiddenList);
    if (!draft || generation !== this.draftGeneration) return;
    this.values = draft.values;
    this.stepIndex = draft.step;
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
    if (m) void later.now?.announce(`${m.stepOf(to + 1, STEPS.length)}: ${m.steps[step]}`);
  }

  /**
   * Checks the current step and moves on when it is complete; returns whether it moved. Called before
   * the form's checks have arrived (they are fetched on connect; `updateComplete` waits for them), it
   * returns false and checks, and moves, once they are here.
   */
  next(): boolean {
    const r = later.now;
    if (!r) {
      // Asked before the checks arrived (a slow network): check and move once they are here, once.
      if (!this.nextQueued) {
        this.nextQueued = true;
        void this.fetchParts().then(() => {
          this.nextQueued = false;
          if (later.now) this.next();
        });
      }
      return false;
    }
    const problems = r.validateStep(this.values, this.step, this.config?.consent.version);
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

  /** True when every step is complete (false while the form's checks are still on their way). */
  checkValidity(): boolean {
    return !!later.now && later.now.validateAll(this.values, this.config?.consent.version).length === 0;
  }

  private showProblems(problems: FormIssue[]): void {
    this.issues = problems;
    this.summary = problems;
    this.pendingFocus = 'summary';
    if (this.words) void later.now?.announce(this.words.errorAnnounce(problems.length), { politeness: 'assertive' });
  }

  // ----- input -----

  private onInput = (e: Event): void => {
    const t = e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const name = t.name;
    if (!name) return;
    // Step 1's fields are plain text and lists; the later steps' choices are read by their module.
    this.values = later.now ? later.now.readInput(this.values, t, this.config?.consent.version) : setValue(this.values, name, t.value);
    const field = name === 'consent' ? 'consent.scopes' : name;
    this.touched.add(field);
    // Choices are settled when made; a shown problem clears as soon as it is fixed. Text is not checked
    // when it loses focus (GOV.UK checks a page when it is submitted): a message inserted on blur moved
    // everything under the field between a pointer's press on Continue and its release, so the click
    // landed on nothing and was lost (issue 16).
    const isChoice = t instanceof HTMLSelectElement || (t as HTMLInputElement).type === 'radio' || (t as HTMLInputElement).type === 'checkbox';
    if (isChoice || this.issues.some((i) => i.field === field)) this.checkField(field);
    this.persist();
  };

  // Checks one field (a choice just made, or a shown problem being fixed) against the answers as they
  // are when the checks are here (at once, usually).
  private checkField(field: string): void {
    const r = later.now;
    if (!r) {
      void this.fetchParts().then(() => later.now && this.checkField(field));
      return;
    }
    const problem = r.validateField(this.values, field, this.config?.consent.version);
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

  // ----- questions and the review's change links (request-form.steps calls these) -----

  private edit = (values: FormValues, focus?: string, message?: string): void => {
    this.values = values;
    this.touched.add('questions');
    this.issues = this.issues.filter((i) => !i.field.startsWith('questions'));
    if (focus) this.pendingFocus = focus;
    if (message) void later.now?.announce(message);
    this.persist();
  };

  private change = (step: StepId): void => {
    this.returnToReview = true;
    this.goTo(step);
  };

  // ----- submit -----

  /** Checks every step and sends the request once; resolves with the case, or undefined if it did not go. */
  async submit(): Promise<Case | undefined> {
    if (!later.now) await this.fetchParts();
    const r = later.now;
    if (!r || this.submitting || this.created) return this.created;
    try {
      const outcome = await r.sendRequest(this.activeClient, this.values, this.config?.consent.version, (body) => {
        this.submitting = true;
        this.submitFailed = false;
        // One key per action: a retry of the same answers replays the first result instead of making a second case.
        if (this.submitKey?.body !== body) this.submitKey = { key: newIdempotencyKey(), body };
        return this.submitKey.key;
      });
      if ('problems' in outcome) {
        this.landOn(outcome.problems);
        return undefined;
      }
      if ('failed' in outcome) {
        this.submitFailed = true;
        this.pendingFocus = 'summary';
        if (this.words) void r.announce(this.words.submitFailed, { politeness: 'assertive' });
        if (!isSecondOpinionError(outcome.failed)) throw outcome.failed;
        return undefined;
      }
      const created = (this.created = outcome.created);
      await this.clearDraft();
      const proceed = this.emit(new SoCaseCreatedEvent(created));
      this.handedOver = !proceed;
      this.pendingFocus = proceed ? 'heading' : undefined;
      return created;
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

  private view(m: FormMessages): FormView {
    const plan = this.values.coverage.plan;
    return {
      m, values: this.values, issues: this.issues, hidden: this.hiddenList, lang: this.textLang, config: this.config, edit: this.edit, change: this.change,
      words: (issue) => later.now!.issueWords(m, issue, plan),
    };
  }

  // A line in place of the form while something it needs is on its way, or with Retry when it failed.
  private waiting(failed: boolean, words: { loading: string; failed: string; retry: string }, retry: () => void): TemplateResult {
    return failed
      ? html`<p role="alert">${words.failed}</p><button type="button" part="button" class="secondary" @click=${retry}>${words.retry}</button>`
      : html`<p role="status">${words.loading}</p>`;
  }

  protected override render(): TemplateResult {
    const m = this.words;
    if (!m) {
      const boot = BOOT[this.textLang];
      const i = this.i18n;
      return this.waiting(this.catalogueFailed === this.textLang, { loading: i?.loadingConfig ?? boot.loading, failed: i?.configFailed ?? boot.failed, retry: i?.retry ?? boot.retry }, () => {
        this.catalogueFailed = undefined;
      });
    }
    if (this.created && this.handedOver) return html``;
    const v = this.view(m);
    const step = this.step;
    const parts = later.now;
    // Step 1 needs only the config; a later step and the confirmation also need their module.
    if (!this.config || this.partsFailed || (!parts && (this.created || step !== 'who'))) {
      return this.waiting(this.configFailed || this.partsFailed, { loading: m.loadingConfig, failed: m.configFailed, retry: m.retry }, () => {
        this.partsFailed = false;
        void this.fetchParts();
        if (!this.config && this.activeClient) void this.loadConfig(this.activeClient);
      });
    }
    if (this.created) return parts!.renderConfirmation(v, this.created);
    return html`<form part="form" novalidate autocomplete="on" @submit=${this.onSubmitEvent} @input=${this.onInput} @change=${this.onInput}>
      ${this.summary.length || this.submitFailed ? parts!.renderSummary(v, this.summary, this.submitFailed) : nothing}
      <h2 part="heading" tabindex="-1"><span class="caption" part="step-indicator">${m.stepOf(this.stepIndex + 1, STEPS.length)}</span>${m.steps[step]}</h2>
      ${step === 'who' ? html`<p class="notice" part="notice">${m.emergency}</p>` : nothing}
      <p>${m.stepIntro[step]}</p>
      ${step === 'who' ? stepWho(v) : parts!.renderStep(v, step)}
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
