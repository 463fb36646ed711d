// <so-status-tracker>: one case live (timeline, status, expected date, what the patient must do,
// withdraw), or without `case-id` the caller's cases as a paged list.
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { statusText } from '../../core/i18n/statuses.js';
import type { Case } from '../../core/model/case.js';
import type { Locale } from '../../core/model/codes.js';
import { onDemand } from '../../core/on-demand.js';
import type { WatchConnection } from '../../core/watch/watch-events.js';
import { adoptStyles } from '../shared/adopt.js';
import { SoElement } from '../shared/base-element.js';
import type { MessagesOverride } from '../shared/i18n/messages.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { TrackerController } from './status-tracker.controller.js';
import { statusTrackerStyles } from './status-tracker.styles.js';
import { TRACKER_WORDS, type TrackerMessages } from './status-tracker.messages.js';
import { calendarDate, formatList } from '../shared/i18n/format.js';
import { canReply, canWithdraw, clockWords, timelineSteps } from './status-tracker.model.js';

// The views, loaded on demand the first time a tracker needs them; none is drawn before its case (or list) is in.
const PARTS = {
  list: onDemand(() => import('./tracker-list.view.js')),
  reply: onDemand(() => import('./tracker-reply.view.js')),
  withdraw: onDemand(() => import('./tracker-withdraw.view.js')),
  badge: onDemand(() => import('../status-badge/status-badge.js')),
};
type Part = keyof typeof PARTS;

// A step's words are named after it: `in_review` -> `stepInReview`.
const stepWords = (m: TrackerMessages, key: string) => m[`step${key.replace(/(?:^|_)(.)/g, (_, c: string) => c.toUpperCase())}` as keyof TrackerMessages] as string;

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
 * @csspart replies - Under a step, the patient's replies to its information requests and the records each sent.
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

  private readonly tracker = new TrackerController(this, this.port);

  /** The case on show, as last seen. */
  get case(): Case | undefined {
    return this.tracker.case;
  }
  /** How the live updates are connected. */
  @state() connection: WatchConnection = 'connecting';
  // A part could not be loaded (offline, a redeploy): shown as a load error, with retry.
  @state() private partFailed = false;

  /** The tracker's words in its locale, with the `.i18n` override applied. */
  get words(): TrackerMessages {
    return { ...TRACKER_WORDS.get(this.locale), ...(this.i18n as Partial<TrackerMessages> | undefined) };
  }

  protected override wordsLoading(locale: Locale): Promise<void> | undefined {
    return TRACKER_WORDS.ready(locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.need('badge');
    this.requestUpdate();
  }

  // Starts loading a part; what to wait for, or undefined once it is in (or failed).
  private need(key: Part): Promise<void> | undefined {
    if (this.partFailed) return undefined;
    const part = PARTS[key];
    if (part.now) return void this.take(part.now);
    return part.load().then((mod) => this.take(mod), () => void (this.partFailed = true));
  }

  // Both are idempotent: a part's styles are adopted once per shadow root, the badge defined once per page.
  private take(mod: NonNullable<(typeof PARTS)[Part]['now']>): void {
    if ('styles' in mod) adoptStyles(this.renderRoot, mod.styles);
    else mod.SoStatusBadge.define();
  }

  // Each update first waits for the parts its state draws, so no part is ever drawn before it is in.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const c = this.caseId ? this.case : undefined;
    const acting = (c && canReply(c)) || this.tracker.confirming;
    const waits = [
      !this.caseId && this.activeClient && this.need('list'),
      c && canReply(c) && this.need('reply'),
      this.tracker.confirming && this.need('withdraw'),
      acting && !this.partFailed && this.tracker.needActions()?.catch(() => void (this.partFailed = true)),
      (c || this.tracker.list?.page) && this.need('badge'),
    ].filter(Boolean);
    return waits.length ? Promise.all(waits).then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Loads the case or the list again (after an error). */
  reload(): void {
    this.partFailed = false;
    this.tracker.reload();
  }

  protected override render(): TemplateResult {
    const m = this.words;
    const { list } = this.tracker;
    if (this.partFailed || this.tracker.failed) {
      return html`<p part="error" class="error" role="alert">${m.loadError}</p><button type="button" class="secondary" @click=${() => this.reload()}>${m.retry}</button>`;
    }
    const c = this.case;
    if (this.caseId && c) return this.renderCase(c, m);
    const view = PARTS.list.now;
    if (!this.caseId && list?.page && view) {
      return view.renderCaseList({ words: m, locale: this.locale, page: list.page, busy: list.busy, move: (to) => void list.load(to) });
    }
    return html`<p role="status" class="muted">${m.loading}</p>`;
  }

  private renderCase(c: Case, m: TrackerMessages): TemplateResult {
    const { tracker } = this;
    const locale = this.locale;
    const date = (d: string) => calendarDate(d, locale);
    const replyView = PARTS.reply.now;
    const clock = clockWords(c, locale, m, date, replyView && ((kind) => replyView.yourRecordKind(kind, locale)));
    const paused = c.status === 'info_requested';
    // A part is drawn once its view and its action are both in.
    const { reply: replying, withdraw } = tracker;
    const reply = canReply(c) && replying ? replyView : undefined;
    const confirm = tracker.confirming && withdraw ? PARTS.withdraw.now : undefined;
    return html`
      <section aria-labelledby="heading">
        <h2 id="heading" part="heading">${m.caseReference(c.reference)}</h2>
        <div part="status" class="block">
          <h3>${m.currentStatus}</h3>
          <!-- No lang: the badge finds it through this element (and the provider) as it renders. A copied
            lang went stale on a switch when the badge drew before this element set it (issue 16). -->
          <so-status-badge status=${c.status}></so-status-badge>
          <p part="next" class="next">${statusText(c.status, locale).next}</p>
          ${clock ? html`<p part="clock" class="clock ${paused ? 'paused' : ''}">${clock}</p>` : nothing}
          ${c.status === 'declined' && c.declineReason ? html`<h3>${m.declinedReason}</h3><p class="message">${c.declineReason}</p>` : nothing}
          ${this.connection === 'waiting' ? html`<p class="connection">${m.reconnecting}</p>` : nothing}
        </div>
        ${reply ? reply.renderReply({
          words: m, locale, case: c, busy: replying!.pending, fieldError: replying!.invalid, error: replying!.error,
          send: (text) => void replying!.run(text),
        }) : nothing}
        <div class="block">
          <h3 id="timeline-heading">${m.timelineHeading}</h3>
          <ol part="timeline" class="timeline" aria-labelledby="timeline-heading">
            ${timelineSteps(c).map((s) => {
              const stateWord = s.waiting ? m.stepWaiting : s.state === 'ended' ? '' : stepWords(m, s.state);
              return html`<li part="step" class="step ${s.state} ${s.waiting ? 'waiting' : ''}" data-step=${s.key} aria-current=${s.state === 'current' ? 'step' : nothing}>
                <span class="marker" aria-hidden="true"></span>
                <span class="label">${stepWords(m, s.key)}${stateWord ? html`<span class="visually-hidden"> (${stateWord})</span>` : nothing}</span>
                ${s.at ? html`<span class="at">${m.stepOn(date(s.at))}</span>` : nothing}
                ${s.replies.length ? html`<ul part="replies" class="replies">${s.replies.map((r) => html`<li class="reply">${m.stepReplied(date(r.at), formatList(r.records, locale))}</li>`)}</ul>` : nothing}
              </li>`;
            })}
          </ol>
        </div>
        ${!canWithdraw(c) ? nothing : confirm
          ? confirm.renderWithdrawConfirm({
            words: m, busy: withdraw!.pending, error: withdraw!.error,
            confirm: (reason) => void withdraw!.run(reason), cancel: () => void tracker.closeConfirm(),
          })
          : html`<div class="block"><button id="withdraw" part="withdraw" type="button" class="secondary" @click=${() => tracker.openConfirm()}>${m.withdrawButton}</button></div>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'so-status-tracker': SoStatusTracker;
  }
}
