// <so-request-form>: the second-opinion request in six steps. Its state (answers, step, problems,
// draft, submit) lives in RequestFormController; this element loads its words and its later parts,
// draws the step, and forwards what the person does. Step 1 draws from the element's first load;
// steps 2-6, the error summary and the checks are fetched after the first paint (or when first needed).
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SecondOpinionClient } from '../../core/client/client.js';
import { onDemand } from '../../core/on-demand.js';
import type { Locale } from '../../core/model/codes.js';
import type { Case } from '../../core/model/case.js';
import { SoElement } from '../shared/base-element.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { adoptStyles } from '../shared/adopt.js';
import { compileAppearance, setAppearanceProperties, type Appearance } from '../shared/appearance.js';
import type { MessagesOverride } from '../shared/i18n/messages.js';
import { STEPS, type buildRequest, type StepId } from './request-form.model.js';
import type { FormMessages } from './request-form.messages.js';
import { BOOT } from './request-form.boot.js';
import { FORM_WORDS } from './request-form.i18n.js';
import { RequestFormController } from './request-form.controller.js';
import { requestFormStyles } from './request-form.styles.js';
import { stepWho, type FormView } from './request-form.view.js';

/** The form's words a host may override, partly: `{ submit: 'Send' }`. */
export type RequestFormI18n = MessagesOverride & Partial<FormMessages>;

// Steps 2-6, the error summary, the confirmation and the problems' words: fetched after the form's
// first paint (see `updated`), or at once when the form must show one of them.
const VIEWS = onDemand(() => import('./request-form.steps.view.js'));

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

  private readonly form = new RequestFormController(this, this.port);
  /** The language whose catalogue failed to arrive; cleared by the Retry button. */
  @state() private wordsFailed?: Locale;
  /** The later steps failed to arrive; cleared by the Retry button. */
  @state() private viewsFailed = false;
  private appliedProperties: string[] = [];
  private wordsMemo?: { base: FormMessages; i18n: RequestFormI18n | undefined; words: FormMessages };
  private wordsLoad?: Promise<void>;
  private drawn = false;

  /** The step shown. */
  get step(): StepId {
    return this.form.step;
  }

  /** The answers so far, as the request they would send. */
  get request(): ReturnType<typeof buildRequest>['request'] {
    return this.form.request;
  }

  /** Resolves once an autosaved draft (if any) has been read and applied. */
  get draftReady(): Promise<void> {
    return this.form.draftReady;
  }

  set draftReady(ready: Promise<void>) {
    this.form.draftReady = ready;
  }

  /** The form's words in its language with the `.i18n` override applied; undefined until they are here. */
  get words(): FormMessages | undefined {
    const base = FORM_WORDS.now(this.locale);
    if (!base) return undefined;
    const i18n = this.i18n;
    // One object per catalogue and override, so the option lists built per catalogue are built once.
    if (this.wordsMemo?.base !== base || this.wordsMemo.i18n !== i18n) this.wordsMemo = { base, i18n, words: i18n ? { ...base, ...(i18n as Partial<FormMessages>) } : base };
    return this.wordsMemo.words;
  }

  // A language not here yet: once the form shows words it keeps them until the new ones arrive; before
  // that it shows a loading line in the new language (BOOT) and draws again when they are here.
  protected override wordsLoading(locale: Locale): Promise<void> | undefined {
    if (this.wordsFailed === locale) return undefined;
    const ready = FORM_WORDS.ready(locale);
    if (!ready) return undefined;
    const load = ready.catch(() => void (this.wordsFailed = locale));
    if (this.drawn) return load;
    this.wordsLoad ??= load.finally(() => {
      this.wordsLoad = undefined;
      this.requestUpdate();
    });
    return undefined;
  }

  // Steps 2-6, the summary and the confirmation are never drawn before their module is in.
  private get needsViews(): boolean {
    const f = this.form;
    return !!f.created || f.step !== 'who' || f.summary.length > 0 || f.submitFailed;
  }

  private loadViews(): Promise<void> {
    return VIEWS.load().then((views) => adoptStyles(this.renderRoot, [views.stepStyles]), () => void (this.viewsFailed = true));
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.needsViews && !VIEWS.now && !this.viewsFailed) return this.loadViews().then(() => super.scheduleUpdate());
    return super.scheduleUpdate();
  }

  // updateComplete also waits for a language being fetched and for a check waiting on its module, and the render that follows.
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let i = 0; i < 3 && (this.wordsLoad || this.form.pending); i++) {
      await this.wordsLoad;
      await this.form.pending;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override clientChanged(client: SecondOpinionClient | undefined): void {
    this.form.clientChanged(client);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('initial')) this.form.applyInitial(this.initial);
    if (changed.has('appearance')) this.appliedProperties = setAppearanceProperties(this, compileAppearance(this.appearance, ''), this.appliedProperties);
    if (changed.has('autosave') && this.autosave && this.isConnected) void this.form.restoreDraft();
  }

  // The later parts are fetched in the task after the first draw, so they never hold up the first step's paint.
  protected override firstUpdated(): void {
    setTimeout(() => {
      void this.form.preload();
      void this.loadViews();
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Focus moves with the later parts (a step drawn before they arrive gets its focus when they do).
    const views = VIEWS.now;
    if (!views || !this.form.focus) return;
    views.placeFocus(this.renderRoot, this.form.takeFocus()!);
  }

  // ----- what the person and the host ask for, forwarded to the controller -----

  /** Shows another step, without checking the current one (the review's change links use it). */
  goTo(step: StepId): void {
    this.form.goTo(step);
  }

  /**
   * Checks the current step and moves on when it is complete; returns whether it moved. Called before
   * the form's checks have arrived (they are fetched after the first paint; `updateComplete` waits for
   * them), it returns false and checks, and moves, once they are here.
   */
  next(): boolean {
    return this.form.next();
  }

  /** Goes back one step; nothing typed is lost. */
  back(): void {
    this.form.back();
  }

  /** True when every step is complete (false while the form's checks are still on their way). */
  checkValidity(): boolean {
    return this.form.checkValidity();
  }

  /** Checks every step and sends the request once; resolves with the case, or undefined if it did not go. */
  submit(): Promise<Case | undefined> {
    return this.form.submit(this.activeClient);
  }

  /** Deletes the saved draft (the answers on screen stay). Resolves once storage is clean. */
  clearDraft(): Promise<void> {
    return this.form.clearDraft();
  }

  /** Resolves once every pending autosave has been written. */
  draftSaved(): Promise<void> {
    return this.form.draftSaved();
  }

  private onInput = (e: Event): void => {
    const t = e.target as HTMLInputElement;
    this.form.input({ name: t.name, value: t.value, checked: t.checked, choice: t.type === 'radio' || t.type === 'checkbox' || t.localName === 'select' });
  };

  private onSubmitEvent = (e: SubmitEvent): void => {
    e.preventDefault();
    if (this.form.step === 'review') void this.submit();
    else this.form.next();
  };

  // ----- rendering -----

  private view(m: FormMessages): FormView {
    const f = this.form;
    const plan = f.values.coverage.plan;
    // The words of a catalogue that fell back to English are English.
    const lang = this.locale !== 'en' && this.wordsMemo?.base === FORM_WORDS.now('en') ? 'en' : this.locale;
    return {
      m, values: f.values, issues: f.issues, hidden: f.hidden, lang, config: f.config,
      edit: (values, focus, message) => f.edit(values, focus, message),
      change: (step) => f.change(step),
      words: (issue) => VIEWS.now!.issueWords(m, issue, plan),
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
    const f = this.form;
    if (!m) {
      const boot = BOOT[this.locale];
      const i = this.i18n;
      return this.waiting(this.wordsFailed === this.locale, { loading: i?.loadingConfig ?? boot.loading, failed: i?.configFailed ?? boot.failed, retry: i?.retry ?? boot.retry }, () => {
        this.wordsFailed = undefined;
      });
    }
    if (f.created && f.handedOver) return html``;
    const views = VIEWS.now;
    if (!f.config || f.checksFailed || this.viewsFailed || (!views && this.needsViews)) {
      return this.waiting(f.configFailed || f.checksFailed || this.viewsFailed, { loading: m.loadingConfig, failed: m.configFailed, retry: m.retry }, () => {
        this.viewsFailed = false;
        f.retry(this.activeClient);
      });
    }
    this.drawn = true;
    const v = this.view(m);
    if (f.created) return views!.renderConfirmation(v, f.created);
    const step = f.step;
    const index = f.stepIndex;
    return html`<form part="form" novalidate autocomplete="on" @submit=${this.onSubmitEvent} @input=${this.onInput} @change=${this.onInput}>
      ${f.summary.length || f.submitFailed ? views!.renderSummary(v, f.summary, f.submitFailed) : nothing}
      <h2 part="heading" tabindex="-1"><span class="caption" part="step-indicator">${m.stepOf(index + 1, STEPS.length)}</span>${m.steps[step]}</h2>
      ${step === 'who' ? html`<p class="notice" part="notice">${m.emergency}</p>` : nothing}
      <p>${m.stepIntro[step]}</p>
      ${step === 'who' ? stepWho(v) : views!.renderStep(v, step)}
      <div class="actions">
        ${index > 0 ? html`<button type="button" part="button back" class="secondary" @click=${() => f.back()}>${m.back}</button>` : nothing}
        ${step === 'review'
          ? html`<button type="submit" part="button submit" class="primary" aria-disabled=${f.submitting ? 'true' : 'false'}>${f.submitting ? m.submitting : m.submit}</button>`
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
