// <so-status-tracker>: one case live (timeline, status, expected date, what the patient must do,
// withdraw), or without `case-id` the caller's cases as a paged list.
import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { SecondOpinionClient } from '../../core/client/client.js';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import { statusText } from '../../core/i18n/statuses.js';
import type { Case } from '../../core/model/case.js';
import type { Locale } from '../../core/model/codes.js';
import type { CaseEvent } from '../../core/model/case.js';
import type { WatchConnection } from '../../core/watch/watch-events.js';
import { announce } from '../shared/announce.js';
import { SoElement } from '../shared/base-element.js';
import { LiveCaseController } from '../shared/live-case-controller.js';
import { claimClientError } from '../shared/client-errors.js';
import { focusTarget } from '../shared/focus.js';
import { formatDate } from '../shared/i18n/format.js';
import type { MessagesOverride } from '../shared/i18n/messages.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { SoActionRequiredEvent, SoBeforeWithdrawEvent, SoStatusChangedEvent } from './events.js';
import { statusTrackerStyles } from './status-tracker.styles.js';
import { TRACKER_WORDS, type TrackerMessages } from './tracker-messages.js';
import {
  CaseListPager, canReply, canWithdraw, clockWords, newActions, recordsForReply, timelineSteps, type CaseListState, type StepKey,
} from './tracker-model.js';

const STEP_WORDS: Record<StepKey, keyof TrackerMessages> = {
  submitted: 'stepSubmitted', triage: 'stepTriage', accepted: 'stepAccepted', in_review: 'stepInReview',
  opinion_ready: 'stepOpinionReady', declined: 'stepDeclined', withdrawn: 'stepWithdrawn',
};

/**
 * Follows a case live: a timeline from sent to opinion ready (or its ending), the status in plain
 * words with what happens next, the expected date (paused while the case waits on the patient),
 * what the patient must do with a reply box, and withdraw with confirmation. Without `case-id` it
 * lists the caller's cases, a page at a time, with status badges.
 *
 * @summary Live status of a case, or the list of the caller's cases.
 * @tagname so-status-tracker
 * @fires {SoStatusChangedEvent} so-status-changed - The case's status changed (`caseId`, `status`, `previousStatus`, `eventId`).
 * @fires {SoActionRequiredEvent} so-action-required - The patient is needed: an information request (`caseId`, `action`).
 * @fires {SoBeforeWithdrawEvent} so-before-withdraw - Cancelable; fired after the patient confirms, before the case is withdrawn.
 * @slot uploader - Where to add the records an information request asks for, e.g. `<so-record-uploader>`.
 * @csspart heading - The case reference, or "Your requests" in list mode.
 * @csspart status - The current status, what happens next and the clock.
 * @csspart next - What happens next.
 * @csspart clock - The expected date, or the paused clock naming what it waits for.
 * @csspart timeline - The list of steps.
 * @csspart step - One step of the timeline.
 * @csspart action - An information request: its message and the records wanted.
 * @csspart reply - The reply form.
 * @csspart withdraw - The withdraw button.
 * @csspart confirm - The withdraw confirmation.
 * @csspart list - The list of cases (list mode).
 * @csspart case - One case in the list.
 * @csspart pagination - The previous and next page buttons.
 * @csspart error - An error message.
 * @cssprop --so-color-primary - Buttons and links.
 * @cssprop --so-color-success - Steps done.
 * @cssprop --so-color-info - The current step.
 * @cssprop --so-color-warning - Waiting for the patient.
 * @cssprop --so-color-warning-background - Background of an information request.
 * @cssprop --so-color-danger - Errors and the withdraw confirmation.
 * @cssprop --so-color-border - Lines and fields.
 * @cssprop --so-color-text-muted - Secondary text.
 * @cssprop --so-border-radius - Corner radius.
 * @cssprop --so-spacing-unit - Base spacing.
 * @cssprop --so-font-family - Font family (inherits the page's by default).
 */
export class SoStatusTracker extends SoElement {
  static override tagName = 'so-status-tracker';
  static override styles = [tokenStyles, statusTrackerStyles];

  /** A partial override of this element's words (its own keys and the shared ones). */
  declare i18n?: MessagesOverride & Partial<TrackerMessages>;

  /** The case to follow. Without it, the caller's cases are listed. */
  @property({ attribute: 'case-id', reflect: true }) caseId?: string;

  /** Cases per page in list mode. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;

  private readonly cases = new LiveCaseController(this, {
    onCase: (next, previous) => this.caseArrived(next, previous),
    onTimeline: (event) => this.timelineEntry(event),
    onConnection: (connection) => (this.connection = connection),
    onReset: () => {
      this.confirming = false;
      this.connection = 'connecting';
    },
  });

  /** The case on show, as last seen. */
  get case(): Case | undefined {
    return this.cases.case;
  }
  /** How the live updates are connected. */
  @state() connection: WatchConnection = 'connecting';
  @state() private listPhase: 'loading' | 'ready' | 'error' = 'loading';
  @state() private list?: CaseListState;
  @state() private confirming = false;
  @state() private busy?: 'reply' | 'withdraw' | 'list';
  @state() private replyError?: string;
  @state() private actionError?: string;

  @query('#heading') private heading?: HTMLElement;
  @query('#confirm-heading') private confirmHeading?: HTMLElement;
  @query('#withdraw') private withdrawButton?: HTMLButtonElement;
  @query('#reply') private replyField?: HTMLTextAreaElement;
  @query('#reason') private reasonField?: HTMLTextAreaElement;
  @query('#list-heading') private listHeading?: HTMLElement;

  private pager?: CaseListPager;
  private key?: string;
  private loadTicket = 0;

  /** The tracker's words in its locale, with the `.i18n` override applied. */
  get words(): TrackerMessages {
    return { ...TRACKER_WORDS.get(this.locale), ...(this.i18n as Partial<TrackerMessages> | undefined) };
  }

  protected override wordsLoading(locale: Locale): Promise<void> | undefined {
    return TRACKER_WORDS.ready(locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed as never);
    const client = this.activeClient;
    const key = !client || !this.isConnected || this.caseId ? undefined : `list:${this.pageSize}`;
    if (key === this.key) return;
    this.stop();
    this.key = key;
    if (!key) this.list = undefined;
    if (client && key) void this.loadList(client);
  }

  protected override clientChanged(): void {
    this.key = undefined;
  }

  private stop(): void {
    this.pager = undefined;
    this.key = undefined;
    this.loadTicket++;
  }

  private timelineEntry(ev: CaseEvent): void {
    if (ev.kind !== 'status_changed' || !this.caseId) return;
    void announce(this.words.statusChanged(statusText(ev.status, this.locale).label));
    this.emit(new SoStatusChangedEvent({ caseId: this.caseId, status: ev.status, ...(ev.previousStatus ? { previousStatus: ev.previousStatus } : {}), eventId: ev.id }));
  }

  private caseArrived(next: Case, previous: Case | undefined): void {
    for (const action of newActions(previous?.id === next.id ? previous : undefined, next)) this.emit(new SoActionRequiredEvent(next.id, action));
  }

  /** Loads the case or the list again (after an error). */
  reload(): void {
    if (this.caseId) {
      void this.cases.reload();
      return;
    }
    this.key = undefined;
    this.requestUpdate();
  }

  private async loadList(client: SecondOpinionClient, move: 'reload' | 'next' | 'previous' = 'reload'): Promise<void> {
    const ticket = ++this.loadTicket;
    this.pager ??= new CaseListPager(client, this.pageSize);
    this.busy = 'list';
    try {
      const state = await this.pager[move]();
      if (ticket !== this.loadTicket) return;
      this.list = state;
      this.listPhase = 'ready';
      if (move !== 'reload') {
        await this.updateComplete;
        if (this.listHeading) focusTarget(this.listHeading);
      }
    } catch (e) {
      claimClientError(e);
      if (ticket === this.loadTicket) this.listPhase = 'error';
    } finally {
      if (ticket === this.loadTicket) this.busy = undefined;
    }
  }

  private async sendReply(e: Event): Promise<void> {
    e.preventDefault();
    const c = this.case;
    const client = this.activeClient;
    const text = this.replyField?.value.trim() ?? '';
    if (!c || !client || this.busy) return;
    if (!text) {
      this.replyError = this.words.replyRequired;
      this.replyField?.focus();
      return;
    }
    this.replyError = undefined;
    this.actionError = undefined;
    this.busy = 'reply';
    try {
      const recordIds = c.actionsRequired.flatMap((a) => recordsForReply(c, a));
      await client.cases.reply(c.id, { text, ...(recordIds.length ? { recordIds: [...new Set(recordIds)] } : {}) });
      void announce(this.words.replySent);
      await this.updateComplete;
      if (this.heading) focusTarget(this.heading);
    } catch (err) {
      claimClientError(err);
      this.actionError = this.words.actionFailed;
    } finally {
      this.busy = undefined;
    }
  }

  private async openConfirm(): Promise<void> {
    this.confirming = true;
    this.actionError = undefined;
    await this.updateComplete;
    if (this.confirmHeading) focusTarget(this.confirmHeading);
  }

  private async cancelConfirm(): Promise<void> {
    this.confirming = false;
    await this.updateComplete;
    this.withdrawButton?.focus();
  }

  private async withdraw(): Promise<void> {
    const c = this.case;
    const client = this.activeClient;
    if (!c || !client || this.busy) return;
    const reason = this.reasonField?.value.trim() || undefined;
    if (!this.emit(new SoBeforeWithdrawEvent(c.id, reason))) return;
    this.busy = 'withdraw';
    this.actionError = undefined;
    try {
      await client.cases.withdraw(c.id, reason ? { reason } : {});
      this.confirming = false;
      void announce(this.words.withdrawn);
      await this.updateComplete;
      if (this.heading) focusTarget(this.heading);
    } catch (err) {
      claimClientError(err);
      this.actionError = this.words.actionFailed;
    } finally {
      this.busy = undefined;
    }
  }

  private date(value: string): string {
    // A bare YYYY-MM-DD is a calendar day: format it in UTC so no time zone moves it a day.
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, this.locale, { dateStyle: 'long', timeZone: 'UTC' }) : formatDate(value, this.locale);
  }

  protected override render(): TemplateResult {
    const m = this.words;
    if (this.caseId ? this.cases.phase === 'error' : this.listPhase === 'error') {
      return html`<p part="error" class="error" role="alert">${m.loadError}</p><button type="button" class="secondary" @click=${() => this.reload()}>${m.retry}</button>`;
    }
    if (this.caseId && this.case) return this.renderCase(this.case, m);
    if (!this.caseId && this.list) return this.renderList(this.list, m);
    return html`<p role="status" class="muted">${m.loading}</p>`;
  }

  private renderCase(c: Case, m: TrackerMessages): TemplateResult {
    const text = statusText(c.status, this.locale);
    const clock = clockWords(c, this.locale, m, (d) => this.date(d));
    const paused = c.status === 'info_requested';
    return html`
      <section aria-labelledby="heading">
        <h2 id="heading" part="heading">${m.caseReference(c.reference)}</h2>
        <div part="status" class="block">
          <h3>${m.currentStatus}</h3>
          <so-status-badge status=${c.status} lang=${this.resolvedLang}></so-status-badge>
          <p part="next" class="next">${text.next}</p>
          ${clock ? html`<p part="clock" class="clock ${paused ? 'paused' : ''}">${clock}</p>` : nothing}
          ${c.status === 'declined' && c.declineReason ? html`<h3>${m.declinedReason}</h3><p class="message">${c.declineReason}</p>` : nothing}
          ${this.connection === 'waiting' ? html`<p class="connection">${m.reconnecting}</p>` : nothing}
        </div>
        ${this.renderActions(c, m)}
        <div class="block">
          <h3 id="timeline-heading">${m.timelineHeading}</h3>
          <ol part="timeline" class="timeline" aria-labelledby="timeline-heading">
            ${timelineSteps(c).map((s) => {
              const stateWord = s.waiting ? m.stepWaiting : s.state === 'done' ? m.stepDone : s.state === 'current' ? m.stepCurrent : s.state === 'upcoming' ? m.stepUpcoming : '';
              return html`<li part="step" class="step ${s.state} ${s.waiting ? 'waiting' : ''}" data-step=${s.key} aria-current=${s.state === 'current' ? 'step' : nothing}>
                <span class="marker" aria-hidden="true"></span>
                <span class="label">${m[STEP_WORDS[s.key]] as string}${stateWord ? html`<span class="visually-hidden"> (${stateWord})</span>` : nothing}</span>
                ${s.at ? html`<span class="at">${m.stepOn(this.date(s.at))}</span>` : nothing}
              </li>`;
            })}
          </ol>
        </div>
        ${this.actionError ? html`<p part="error" class="error" role="alert">${this.actionError}</p>` : nothing}
        ${this.renderWithdraw(c, m)}
      </section>`;
  }

  private renderActions(c: Case, m: TrackerMessages): TemplateResult | typeof nothing {
    if (!canReply(c)) return nothing;
    const attached = new Set(c.actionsRequired.flatMap((a) => recordsForReply(c, a))).size;
    const busy = this.busy === 'reply';
    return html`<div class="block">
      <h3>${m.actionsHeading}</h3>
      ${c.actionsRequired.map((a) => html`<div part="action" class="action">
        <p class="message">${a.message}</p>
        <p class="muted">${m.actionFrom(this.date(a.requestedAt))}</p>
        ${a.recordKinds.length ? html`<p><strong>${m.actionRecordsWanted}</strong></p>
          <ul class="kinds">${a.recordKinds.map((k) => html`<li>${recordKindText(k, this.locale).label}</li>`)}</ul>` : nothing}
      </div>`)}
      <slot name="uploader"></slot>
      <form part="reply" class="reply" @submit=${(e: Event) => this.sendReply(e)} novalidate>
        <label for="reply">${m.replyLabel}</label>
        <p id="reply-hint" class="hint">${m.replyHint}</p>
        ${this.replyError ? html`<p id="reply-error" class="error">${this.replyError}</p>` : nothing}
        <textarea id="reply" name="reply" aria-describedby=${this.replyError ? 'reply-hint reply-error' : 'reply-hint'} aria-invalid=${this.replyError ? 'true' : 'false'} ?disabled=${busy}></textarea>
        ${attached ? html`<p class="muted">${m.replyRecordsAttached(attached)}</p>` : nothing}
        <div class="buttons"><button type="submit" ?disabled=${busy}>${busy ? m.replySending : m.replySend}</button></div>
      </form>
    </div>`;
  }

  private renderWithdraw(c: Case, m: TrackerMessages): TemplateResult | typeof nothing {
    if (!canWithdraw(c)) return nothing;
    if (!this.confirming) {
      return html`<div class="block"><button id="withdraw" part="withdraw" type="button" class="secondary" @click=${() => this.openConfirm()}>${m.withdrawButton}</button></div>`;
    }
    const busy = this.busy === 'withdraw';
    return html`<div part="confirm" class="block confirm" role="group" aria-labelledby="confirm-heading">
      <h3 id="confirm-heading">${m.withdrawHeading}</h3>
      <p>${m.withdrawWarning}</p>
      <label for="reason">${m.withdrawReasonLabel}</label>
      <textarea id="reason" name="reason" ?disabled=${busy}></textarea>
      <div class="buttons">
        <button type="button" class="danger" data-action="confirm-withdraw" ?disabled=${busy} @click=${() => this.withdraw()}>${m.withdrawConfirm}</button>
        <button type="button" class="secondary" data-action="cancel-withdraw" ?disabled=${busy} @click=${() => this.cancelConfirm()}>${m.withdrawCancel}</button>
      </div>
    </div>`;
  }

  private renderList(list: CaseListState, m: TrackerMessages): TemplateResult {
    const client = this.activeClient;
    const busy = this.busy === 'list';
    return html`<section aria-labelledby="list-heading">
      <h2 id="list-heading" part="heading">${m.listHeading}</h2>
      ${list.items.length === 0 ? html`<p>${m.listEmpty}</p>` : html`<ul part="list" class="cases">
        ${list.items.map((s) => html`<li part="case" class="case" data-case-id=${s.id}>
          <span class="ref">${m.caseReference(s.reference)}</span>
          <so-status-badge status=${s.status} lang=${this.resolvedLang}></so-status-badge>
          <span class="muted">${m.listCreated(this.date(s.createdAt))}</span>
          ${s.actionRequired ? html`<span class="needed">${m.listActionNeeded}</span>` : nothing}
        </li>`)}
      </ul>`}
      ${list.hasPrevious || list.hasNext ? html`<nav part="pagination" aria-label=${m.listNavigation}>
        <button type="button" class="secondary" data-action="previous" ?disabled=${!list.hasPrevious || busy} @click=${() => client && this.loadList(client, 'previous')}>${m.listPrevious}</button>
        <span aria-current="page">${m.listPage(list.page)}</span>
        <button type="button" class="secondary" data-action="next" ?disabled=${!list.hasNext || busy} @click=${() => client && this.loadList(client, 'next')}>${m.listNext}</button>
      </nav>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'so-status-tracker': SoStatusTracker;
  }
}
