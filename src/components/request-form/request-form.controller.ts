// The state of <so-request-form>, apart from its rendering: the answers, the step, the problems and
// their summary, what the person touched, the return to the review after a change link, the draft
// kept on this device, and the one submit with its idempotency key; and every event the form fires.
// No DOM here (the element lends its port and forwards what the person does), so it is tested in Node.
// The checks (request-form.validation: zod and the core schema) arrive on demand, with the first
// check or when the element asks for them after its first paint.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { newIdempotencyKey, type SecondOpinionClient } from '../../core/client/client.js';
import { isSecondOpinionError } from '../../core/errors.js';
import type { Case } from '../../core/model/case.js';
import type { BackendConfig } from '../../core/model/config.js';
import { onDemand, type OnDemand } from '../../core/on-demand.js';
import { claimClientError } from '../shared/client-errors.js';
import type { ElementPort } from '../shared/port.js';
import { SoCaseCreatedEvent, SoStepChangeEvent } from './request-form.events.js';
import type { FormMessages } from './request-form.messages.js';
import {
  buildRequest, getValue, parseHiddenFields, setValue, STEP_FIELDS, STEPS, stepOfField, valuesFrom, type FormIssue, type FormValues, type StepId,
} from './request-form.model.js';
import type * as Checks from './request-form.validation.js';
import type * as DraftStore from './draft-store.js';

/** The checks the controller runs, loaded on demand. */
export type FormChecks = Pick<typeof Checks, 'validateStep' | 'validateField' | 'validateAll' | 'sendRequest' | 'readInput'>;
/** Where a draft is kept (IndexedDB and WebCrypto in a browser), loaded on demand. */
export type FormDrafts = Pick<typeof DraftStore, 'saveDraft' | 'restoreDraft' | 'clearDraft'>;

const CHECKS = onDemand<FormChecks>(() => import('./request-form.validation.js'));
// The draft store is fetched only when a draft is read, written or cleared.
const DRAFTS = onDemand<FormDrafts>(() => import('./draft-store.js'));

/** Where focus goes once the element has drawn: the step heading, the error summary, or a control's id. */
export type FocusTarget = 'heading' | 'summary' | (string & {});

/** The element a RequestFormController serves. */
export interface RequestFormHost extends ReactiveControllerHost {
  /** The host's pre-fill, a partial request. */
  readonly initial?: unknown;
  /** The `hidden-fields` attribute. */
  readonly hiddenFields: string;
  /** Whether a draft is kept on this device. */
  readonly autosave: boolean;
  /** The form's words in use, once they are here (announcements wait for them). */
  readonly words: FormMessages | undefined;
}

/** What a person did to one control: its name, value, and for a box or radio whether it is ticked. */
export interface FormInput {
  name: string;
  value: string;
  checked?: boolean;
  /** A list, radio or box: checked as soon as it is chosen (text is checked on Continue). */
  choice?: boolean;
}

/** Owns what <so-request-form> shows and does: answers, step, problems, draft and submit. */
export class RequestFormController implements ReactiveController {
  /** The answers so far, never thrown away. */
  values: FormValues = valuesFrom(undefined);
  /** The step shown, from 0. */
  stepIndex = 0;
  /** The problems shown beside their fields. */
  issues: FormIssue[] = [];
  /** The problems listed at the top of the step (kept until the next check, minus those fixed). */
  summary: FormIssue[] = [];
  /** What the backend offers, once here. */
  config?: BackendConfig;
  configFailed = false;
  /** The checks could not be fetched (offline, a redeploy); `retry()` clears it. */
  checksFailed = false;
  submitting = false;
  submitFailed = false;
  /** The case, once sent. */
  created?: Case;
  /** The host cancelled so-case-created and shows its own next page. */
  handedOver = false;
  /** Where focus goes after the next draw; the element takes it with `takeFocus()`. */
  focus?: FocusTarget;
  /** Resolves once an autosaved draft (if any) has been read and applied. */
  draftReady: Promise<void> = Promise.resolve();

  private readonly touched = new Set<string>();
  private returnToReview = false;
  private submitKey?: { key: string; body: string };
  private draftLoaded = false;
  private saveChain: Promise<void> = Promise.resolve();
  private draftGeneration = 0;

  constructor(
    private readonly host: RequestFormHost,
    private readonly port: ElementPort,
    private readonly parts: { checks?: OnDemand<FormChecks>; drafts?: OnDemand<FormDrafts> } = {},
  ) {
    host.addController(this);
  }

  private get checks(): OnDemand<FormChecks> {
    return this.parts.checks ?? CHECKS;
  }

  private drafts(): Promise<FormDrafts> {
    return (this.parts.drafts ?? DRAFTS).load();
  }

  /** The step shown. */
  get step(): StepId {
    return STEPS[this.stepIndex]!;
  }

  /** The answers so far, as the request they would send. */
  get request(): ReturnType<typeof buildRequest>['request'] {
    return buildRequest(this.values, this.config?.consent.version).request;
  }

  /** The fields the host filled in and hid. */
  get hidden(): string[] {
    return parseHiddenFields(this.host.hiddenFields);
  }

  /** What the controller is still fetching for a check the person asked for, or undefined. */
  pending?: Promise<unknown>;

  hostConnected(): void {
    if (this.host.autosave && !this.draftLoaded) this.draftReady = this.restoreDraft();
  }

  /** Fetches the checks ahead of the first one (the element asks after its first paint); never rejects. */
  preload(): Promise<void> {
    return this.checks.load().then(() => undefined, () => this.failChecks());
  }

  /** Clears a failure to fetch the checks or the config, and fetches them again. */
  retry(client: SecondOpinionClient | undefined): void {
    this.checksFailed = false;
    if (!this.config && client) void this.loadConfig(client);
    this.host.requestUpdate();
  }

  /** The element's client changed: the config is fetched from it. */
  clientChanged(client: SecondOpinionClient | undefined): void {
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
    this.host.requestUpdate();
  }

  // Runs `then` with the checks: at once when they are here, else once they arrive (a slow network).
  private withChecks(then: (checks: FormChecks) => void): boolean {
    const checks = this.checks.now;
    if (checks) {
      then(checks);
      return true;
    }
    const wait = this.checks.load().then(then, () => this.failChecks()).finally(() => {
      if (this.pending === wait) this.pending = undefined;
    });
    this.pending = wait;
    return false;
  }

  private failChecks(): void {
    this.checksFailed = true;
    this.host.requestUpdate();
  }

  // ----- answers -----

  /** The host's pre-fill changed: answers the person has not touched take it; their own typing is never overwritten. */
  applyInitial(initial: unknown): void {
    const fresh = valuesFrom(initial);
    if (this.touched.size === 0 && !this.draftLoaded) {
      this.values = fresh;
    } else {
      let v = this.values;
      for (const field of STEPS.flatMap((s) => STEP_FIELDS[s])) {
        if (!this.touched.has(field) && getValue(fresh, field) !== undefined) v = setValue(v, field, getValue(fresh, field));
      }
      this.values = v;
    }
    this.host.requestUpdate();
  }

  /**
   * The person changed a control. Choices are settled when made; a shown problem clears as soon as it
   * is fixed. Text is not checked when it loses focus (GOV.UK checks a page when it is submitted): a
   * message inserted on blur moved everything under the field between a pointer's press on Continue
   * and its release, so the click landed on nothing and was lost (issue 16).
   */
  input(change: FormInput): void {
    const { name } = change;
    if (!name) return;
    const checks = this.checks.now;
    // Step 1's fields are plain text and lists; the later steps' boxes and radios are read by the checks' module.
    this.values = checks ? checks.readInput(this.values, change, this.config?.consent.version) : setValue(this.values, name, change.value);
    const field = name === 'consent' ? 'consent.scopes' : name;
    this.touched.add(field);
    if (change.choice || this.issues.some((i) => i.field === field)) this.checkField(field);
    this.persist();
    this.host.requestUpdate();
  }

  /** Checks one field (a choice just made, or a shown problem being fixed) once the checks are here. */
  checkField(field: string): void {
    this.withChecks((checks) => {
      const problem = checks.validateField(this.values, field, this.config?.consent.version);
      const others = this.issues.filter((i) => i.field !== field);
      this.issues = problem ? [...others, problem] : others;
      if (!problem) this.summary = this.summary.filter((i) => i.field !== field);
      this.host.requestUpdate();
    });
  }

  /** A question edited, moved, added or removed: the new answers, where focus goes and what to read out. */
  edit(values: FormValues, focus?: string, message?: string): void {
    this.values = values;
    this.touched.add('questions');
    this.issues = this.issues.filter((i) => !i.field.startsWith('questions'));
    if (focus) this.focus = focus;
    if (message) this.port.announce(message);
    this.persist();
    this.host.requestUpdate();
  }

  // ----- steps -----

  /** Shows another step, without checking the current one. */
  goTo(step: StepId): void {
    const to = STEPS.indexOf(step);
    if (to < 0 || to === this.stepIndex) return;
    const from = this.step;
    this.stepIndex = to;
    this.issues = [];
    this.summary = [];
    this.submitFailed = false;
    this.focus = 'heading';
    this.persist();
    this.host.requestUpdate();
    this.port.emit(new SoStepChangeEvent(from, step, to + 1));
    const m = this.host.words;
    if (m) this.port.announce(`${m.stepOf(to + 1, STEPS.length)}: ${m.steps[step]}`);
  }

  /** A change link on the review: opens its step, and Continue there comes back to the review. */
  change(step: StepId): void {
    this.returnToReview = true;
    this.goTo(step);
  }

  /**
   * Checks the current step and moves on when it is complete; returns whether it moved. Asked before the
   * checks are here, it returns false, and checks and moves once they are (once, however often asked).
   */
  next(): boolean {
    const checks = this.checks.now;
    if (!checks) {
      if (!this.pending) this.withChecks(() => this.next());
      return false;
    }
    const problems = checks.validateStep(this.values, this.step, this.config?.consent.version);
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

  /** True when every step is complete (false while the checks are on their way). */
  checkValidity(): boolean {
    const checks = this.checks.now;
    return !!checks && checks.validateAll(this.values, this.config?.consent.version).length === 0;
  }

  private showProblems(problems: FormIssue[]): void {
    this.issues = problems;
    this.summary = problems;
    this.focus = 'summary';
    this.host.requestUpdate();
    const m = this.host.words;
    if (m) this.port.announce(m.errorAnnounce(problems.length), { politeness: 'assertive' });
  }

  // Problems found at submit (or placed by the server): the earliest step that has one, with its summary.
  private landOn(problems: FormIssue[]): void {
    if (!problems.length) return;
    const firstStep = problems.map((p) => stepOfField(p.field)).find((s) => s !== undefined) ?? 'review';
    if (firstStep !== this.step) {
      this.returnToReview = true;
      this.goTo(firstStep);
    }
    this.showProblems(problems.filter((p) => (stepOfField(p.field) ?? 'review') === firstStep));
  }

  /** Where focus goes after this draw, once; undefined when it stays. */
  takeFocus(): FocusTarget | undefined {
    const target = this.focus;
    this.focus = undefined;
    return target;
  }

  // ----- submit -----

  /** Checks every step and sends the request once; resolves with the case, or undefined if it did not go. */
  async submit(client: SecondOpinionClient | undefined): Promise<Case | undefined> {
    let checks = this.checks.now;
    if (!checks) {
      await this.preload();
      checks = this.checks.now;
    }
    if (!checks || this.submitting || this.created) return this.created;
    try {
      const outcome = await checks.sendRequest(client, this.values, this.config?.consent.version, (body) => {
        this.submitting = true;
        this.submitFailed = false;
        this.host.requestUpdate();
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
        this.focus = 'summary';
        const m = this.host.words;
        if (m) this.port.announce(m.submitFailed, { politeness: 'assertive' });
        if (!isSecondOpinionError(outcome.failed)) throw outcome.failed;
        return undefined;
      }
      const created = (this.created = outcome.created);
      await this.clearDraft();
      const proceed = this.port.emit(new SoCaseCreatedEvent(created));
      this.handedOver = !proceed;
      this.focus = proceed ? 'heading' : undefined;
      return created;
    } finally {
      this.submitting = false;
      this.host.requestUpdate();
    }
  }

  // ----- drafts -----

  /** With autosave on, reads the draft kept on this device (once) and shows it. */
  restoreDraft(): Promise<void> {
    if (this.draftLoaded) return this.draftReady;
    this.draftLoaded = true;
    const generation = this.draftGeneration;
    return (this.draftReady = this.drafts().then((d) => d.restoreDraft(this.host.initial, this.hidden)).then((draft) => {
      if (!draft || generation !== this.draftGeneration) return;
      this.values = draft.values;
      this.stepIndex = draft.step;
      this.host.requestUpdate();
    }));
  }

  // Each change is written in turn; a write asked for before a clear is dropped.
  private persist(): void {
    if (!this.host.autosave) return;
    const snapshot = { values: this.values, step: this.stepIndex };
    const generation = this.draftGeneration;
    this.saveChain = this.saveChain.then(async () => (generation === this.draftGeneration ? (await this.drafts()).saveDraft(snapshot) : undefined)).catch(() => undefined);
  }

  /** Deletes the saved draft (the answers on screen stay). Resolves once storage is clean. */
  async clearDraft(): Promise<void> {
    this.draftGeneration++;
    await this.saveChain;
    await (await this.drafts()).clearDraft();
  }

  /** Resolves once every pending autosave has been written. */
  async draftSaved(): Promise<void> {
    await this.saveChain;
  }
}
