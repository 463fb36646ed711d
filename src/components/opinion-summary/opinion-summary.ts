// <so-opinion-summary>: the first opinion beside the second, each question with its answer, the
// report, and the closed loop: share with the care team, a follow-up question, another opinion.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { statusText } from '../../core/i18n/statuses.js';
import type { Case } from '../../core/model/case.js';
import type { Locale } from '../../core/model/codes.js';
import { onDemand } from '../../core/on-demand.js';
import { adoptStyles } from '../shared/adopt.js';
import { SoElement } from '../shared/base-element.js';
import { CaseAction } from '../shared/case-action.js';
import { LiveCaseController } from '../shared/live-case-controller.js';
import { claimClientError } from '../shared/client-errors.js';
import { calendarDate } from '../shared/i18n/format.js';
import type { MessagesOverride } from '../shared/i18n/messages.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { SoAnotherOpinionEvent, SoOpinionSharedEvent } from './opinion-summary.events.js';
import { OPINION_WORDS, type OpinionMessages } from './opinion-summary.messages.js';
import { opinionView, previewView, type EarlierOpinionView, type OpinionView } from './opinion-summary.model.js';
import { opinionSummaryStyles } from './opinion-summary.styles.js';
import { textStyles } from '../shared/text.styles.js';
import { saveBlob } from '../shared/save-blob.js';

// The earlier opinions, loaded only for a case that follows another.
const earlierPart = onDemand(() => import('./opinion-earlier.view.js'));
// The care-team delivery view, fetched when a case first reports a delivery (most never do).
const deliveryPart = onDemand(() => import('./care-team-delivery.js'));
// The share and follow-up forms, fetched when an opinion first offers one; drawn only once in.
const formsPart = onDemand(() => import('./opinion-actions.view.js'));

/**
 * The second opinion, readable: the first opinion (from the request) beside the second (the
 * outcome in words, the diagnosis, the recommendations, the specialist), then each of the
 * patient's questions with its answer, and the report to download. Sharing with the care team is
 * a consented action; a follow-up question is offered while the backend allows one.
 *
 * @summary The second opinion beside the first, with answers, report, sharing and follow-up.
 * @tagname so-opinion-summary
 * @fires {SoOpinionSharedEvent} so-opinion-shared - The opinion was sent to the care team (`caseId`, `sharedAt`).
 * @fires {SoAnotherOpinionEvent} so-another-opinion - The patient asked for another opinion (`previousCaseId`).
 * @csspart heading - The main heading.
 * @csspart first - The first opinion.
 * @csspart second - The second opinion.
 * @csspart outcome - The outcome in words.
 * @csspart questions - The questions and answers.
 * @csspart report - The report download button.
 * @csspart share - The share-with-care-team section.
 * @csspart follow-up - The follow-up question form.
 * @csspart another - The "ask for another opinion" button.
 * @csspart earlier - The opinions of the earlier requests this one follows (third and fourth opinions).
 * @csspart error - An error message.
 * @cssprop --so-color-success - "Confirmed" and "refined" outcomes, and "shared".
 * @cssprop --so-color-success-background - Background of good-news outcomes.
 * @cssprop --so-color-info - Outcomes that suggest a change.
 * @cssprop --so-color-warning - The "more information needed" outcome.
 * @cssprop --so-color-primary - Buttons.
 * @cssprop --so-color-danger - Errors.
 * @cssprop --so-color-border - Lines and fields.
 * @cssprop --so-border-radius - Corner radius.
 * @cssprop --so-spacing-unit - Base spacing.
 * @cssprop --so-font-family - Font family (inherits the page's by default).
 */
export class SoOpinionSummary extends SoElement {
  static override tagName = 'so-opinion-summary';
  static override styles = [tokenStyles, textStyles, opinionSummaryStyles];

  /** A partial override of this element's words (its own keys and the shared ones). */
  declare i18n?: MessagesOverride & Partial<OpinionMessages>;

  /** The case whose opinion to show. */
  @property({ attribute: 'case-id', reflect: true }) caseId?: string;

  /**
   * A case to show as it stands, in place of the one `case-id` names: a static preview (the opinion
   * editor's "as the patient will see it"). Nothing is loaded or followed for it, and the patient's
   * actions (report download, sharing, follow-up, another opinion) are not offered.
   */
  @property({ attribute: false }) preview?: Case;

  // Followed live like the tracker: a follow-up answer or a correction issued while the page is open
  // shows without a reload (one read used to be all it got: issue 16).
  private readonly cases = new LiveCaseController(this, { onReset: () => (this.followUpSent = false) });

  /** The case on show, as last seen. */
  get case(): Case | undefined {
    return this.preview ?? this.cases.case;
  }
  private followUpSent = false;
  /** The opinions of the requests this case follows, nearest first. */
  @state() private earlier: EarlierOpinionView[] = [];
  private earlierFor?: string;

  @query('#share-consent') private consentBox?: HTMLInputElement;
  // The forms could not be loaded (offline, a redeploy): shown as a load error, with retry.
  @state() private formsFailed = false;

  // One action at a time: while one is on its way, the others wait.
  private readonly ready = () => Boolean(this.case && this.activeClient && !this.preview) && !this.actions.some((a) => a.pending);
  private readonly failed = () => this.words.actionFailed;

  private readonly report = new CaseAction<[recordId: string], Blob>(this, this.port, {
    ready: this.ready,
    task: (recordId) => this.activeClient!.records.content(this.case!.id, recordId),
    failed: this.failed,
    complete: (blob) => this.save(blob),
  });

  private readonly sharing = new CaseAction<[], Case>(this, this.port, {
    ready: this.ready,
    // Sending again (after a first share the patient consented to) needs no new tick.
    check: () => (this.consentBox?.checked || this.case?.opinion?.sharedWithCareTeamAt ? undefined : { message: this.words.shareConsentRequired, field: 'share-consent' }),
    task: () => this.activeClient!.cases.share(this.case!.id),
    failed: this.failed,
    complete: (next) => {
      const at = next.opinion?.sharedWithCareTeamAt ?? next.updatedAt;
      this.port.emit(new SoOpinionSharedEvent(next.id, at));
      return { announce: this.words.sharedOn(this.date(at)), focus: 'share-status' };
    },
  });

  private readonly followUp = new CaseAction<[text: string], Case>(this, this.port, {
    ready: this.ready,
    check: (text) => (text ? undefined : { message: this.words.followUpRequired, field: 'follow-up' }),
    task: (text) => this.activeClient!.cases.followUp(this.case!.id, { text }),
    failed: this.failed,
    complete: () => {
      this.followUpSent = true;
      return { announce: this.words.followUpSent, focus: 'follow-up-status' };
    },
  });

  private get actions(): readonly { readonly pending: boolean }[] {
    return [this.report, this.sharing, this.followUp];
  }

  /** The summary's words in its locale, with the `.i18n` override applied. */
  get words(): OpinionMessages {
    return { ...OPINION_WORDS.get(this.locale), ...(this.i18n as Partial<OpinionMessages> | undefined) };
  }

  protected override wordsLoading(locale: Locale): Promise<void> | undefined {
    return OPINION_WORDS.ready(locale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const previous = this.case?.previousCaseId;
    if (previous !== this.earlierFor) {
      this.earlierFor = previous;
      void this.loadEarlier(previous);
    }
  }

  // The chain of earlier requests is read once per case it follows; their opinions do not change.
  private async loadEarlier(previous: string | undefined): Promise<void> {
    const c = this.case;
    const client = this.activeClient;
    let chain: EarlierOpinionView[] = [];
    if (c && previous && client && !this.preview) {
      try {
        const part = await earlierPart.load();
        adoptStyles(this.renderRoot, part.styles);
        chain = await part.loadEarlier(c, client);
      } catch (e) {
        claimClientError(e);
      }
    }
    if (this.earlierFor === previous) this.earlier = chain;
  }

  // An update that draws a form first waits for the forms' part, so no form is drawn before it is in.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const v = this.case && !this.formsFailed && !formsPart.now ? this.view(this.case) : undefined;
    if (!v || (v.share.state !== 'available' && !v.canFollowUp)) return super.scheduleUpdate();
    return formsPart.load().then(
      (part) => adoptStyles(this.renderRoot, part.styles),
      () => void (this.formsFailed = true),
    ).then(() => super.scheduleUpdate());
  }

  private view(c: Case): OpinionView {
    return this.preview ? previewView(opinionView(c)) : opinionView(c);
  }

  /** Loads the case again. */
  load(): Promise<void> {
    this.formsFailed = false;
    return this.cases.reload();
  }

  private date(value: string): string {
    return calendarDate(value, this.locale);
  }

  // The report as a download (a Blob URL, revoked once the download started).
  private save(blob: Blob): void {
    saveBlob(this.renderRoot, blob, `${this.words.reportFileName}${blob.type === 'application/pdf' ? '.pdf' : ''}`);
  }

  protected override render(): TemplateResult {
    const m = this.words;
    if ((this.cases.phase === 'error' && !this.preview) || this.formsFailed) {
      return html`<p part="error" class="error" role="alert">${m.loadError}</p><button type="button" class="secondary" @click=${() => this.load()}>${m.retry}</button>`;
    }
    const c = this.case;
    if (!c) return html`<p role="status" class="muted">${m.loading}</p>`;
    const v = this.view(c);
    return html`<article aria-labelledby="heading">
      <h2 id="heading" part="heading">${m.summaryHeading}</h2>
      ${v.second ? nothing : html`<p>${m.notReady}</p><p class="muted">${statusText(c.status, this.locale).next}</p>`}
      ${this.followUpSent ? html`<p id="follow-up-status" class="done">${m.followUpSent}</p>` : nothing}
      <div class="compare">
        ${v.first ? html`<section part="first" class="opinion first" aria-labelledby="first-heading">
          <h3 id="first-heading">${m.firstOpinion}</h3>
          <dl>
            <dt>${m.firstDiagnosis}</dt><dd>${v.first.diagnosis}${v.first.diagnosedOn ? html` <span class="muted">(${this.date(v.first.diagnosedOn)})</span>` : nothing}</dd>
            <dt>${m.firstTreatment}</dt><dd>${v.first.proposedTreatment ?? m.noTreatment}</dd>
            ${v.first.from.length ? html`<dt>${m.firstFrom}</dt><dd>${v.first.from.join(', ')}</dd>` : nothing}
          </dl>
        </section>` : nothing}
        ${v.second ? this.renderSecond(v.second, m) : nothing}
      </div>
      ${this.earlier.length && earlierPart.now ? earlierPart.now.renderEarlier(this.earlier, m, (d) => this.date(d)) : nothing}
      ${v.second ? html`<section aria-labelledby="questions-heading">
        <h3 id="questions-heading">${m.questionsHeading}</h3>
        <ol part="questions" class="qa">${v.questions.map((q) => html`<li data-question-id=${q.id}>
          ${q.followUp ? html`<span class="tag">${m.followUpTag}</span>` : nothing}
          <p class="question">${q.text}</p>
          <p class="answer ${q.answer ? '' : 'muted'}">${q.answer ?? m.noAnswer}</p>
        </li>`)}</ol>
      </section>` : nothing}
      ${v.second?.reportRecordId && !this.preview ? html`<section aria-labelledby="report-heading">
        <h3 id="report-heading">${m.reportHeading}</h3>
        <button part="report" type="button" class="secondary" ?disabled=${this.report.pending} @click=${() => this.report.run(v.second!.reportRecordId!)}>${this.report.pending ? m.reportDownloading : m.reportDownload}</button>
      </section>` : nothing}
      ${this.report.error ? html`<p part="error" class="error" role="alert">${this.report.error}</p>` : nothing}
      ${this.renderShare(v, m)}
      ${v.canFollowUp ? this.renderFollowUp(v, m, c) : nothing}
      ${v.canAskAnother ? html`<section aria-labelledby="another-heading">
        <h3 id="another-heading">${m.anotherHeading}</h3>
        <p>${m.anotherIntro}</p>
        <button part="another" type="button" class="secondary" @click=${() => this.emit(new SoAnotherOpinionEvent(c.id))}>${m.anotherButton}</button>
      </section>` : nothing}
    </article>`;
  }

  private renderSecond(o: NonNullable<OpinionView['second']>, m: OpinionMessages): TemplateResult {
    const words = m.outcome[o.outcome];
    const who = [o.specialist.name, o.specialist.credentials, o.specialist.specialty].filter(Boolean).join(', ');
    return html`<section part="second" class="opinion second" aria-labelledby="second-heading">
      <h3 id="second-heading">${m.secondOpinion}</h3>
      <div part="outcome" class="outcome ${o.tone}" data-outcome=${o.outcome}><h4>${words.headline}</h4><p>${words.detail}</p></div>
      <dl>
        <dt>${m.secondSummary}</dt><dd>${o.summary}</dd>
        ${o.diagnosis ? html`<dt>${m.secondDiagnosis}</dt><dd>${o.diagnosis}</dd>` : nothing}
        ${o.recommendations.length ? html`<dt>${m.recommendations}</dt><dd><ul>${o.recommendations.map((r) => html`<li>${r}</li>`)}</ul></dd>` : nothing}
        <dt>${m.specialist}</dt><dd>${who}<br /><span class="muted">${m.issuedOn(this.date(o.issuedAt))}</span></dd>
      </dl>
    </section>`;
  }

  // The delivery view once it is in; asks for it (and draws again) otherwise. A failed load keeps the plain line.
  private deliveryView() {
    if (!deliveryPart.now) void deliveryPart.load().then(() => this.requestUpdate(), () => {});
    return deliveryPart.now?.renderDelivery;
  }

  private renderShare(v: OpinionView, m: OpinionMessages): TemplateResult | typeof nothing {
    const s = v.share;
    if (s.state === 'unavailable') return nothing;
    const busy = this.sharing.pending;
    const problem = this.sharing.problem;
    const delivery = s.state === 'shared' && s.delivery ? this.deliveryView() : undefined;
    const body = s.state === 'shared'
      ? delivery && s.delivery
        ? delivery({ delivery: s.delivery, words: m, date: (d) => this.date(d), busy, error: problem, sendAgain: () => void this.sharing.run() })
        : html`<p id="share-status" class="done">${m.sharedOn(this.date(s.at))}</p>`
      : s.state === 'not_consented'
        ? html`<p>${m.shareNotConsented}</p>`
        : formsPart.now?.renderShareForm({ words: m, busy, problem, recipient: s.recipient, send: () => void this.sharing.run() });
    return html`<section part="share" aria-labelledby="share-heading"><h3 id="share-heading">${m.shareHeading}</h3>${body}</section>`;
  }

  private renderFollowUp(v: OpinionView, m: OpinionMessages, c: Case): TemplateResult | undefined {
    const forms = formsPart.now;
    if (!forms?.followUpAllowed(c.status)) return undefined;
    return forms.renderFollowUp({
      words: m, busy: this.followUp.pending, problem: this.followUp.problem, remaining: v.followUpsRemaining,
      send: (text) => void this.followUp.run(text),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'so-opinion-summary': SoOpinionSummary;
  }
}
