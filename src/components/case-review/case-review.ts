// <so-case-review case-id>: one case for staff: the whole request, the records (download, inline
// preview of PDFs and images), the timeline, and the moves the element's roles may make.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import { statusText } from '../../core/i18n/statuses.js';
import type { Case, CaseEvent, CaseRecord } from '../../core/model/case.js';
import type { Locale } from '../../core/model/codes.js';
import { onDemand } from '../../core/on-demand.js';
import type { WatchConnection } from '../../core/watch/watch-events.js';
import { adoptStyles } from '../shared/adopt.js';
import { SoElement } from '../shared/base-element.js';
import { formatFileSize } from '../shared/i18n/format.js';
import type { MessagesOverride } from '../shared/i18n/messages.js';
import { saveBlob } from '../shared/save-blob.js';
import { staffStyles } from '../shared/staff.styles.js';
import { textStyles } from '../shared/text.styles.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { calendarDate, formatDate, formatList } from '../shared/i18n/format.js';
import { CaseReviewController } from './case-review.controller.js';
import { REVIEW_WORDS, type ReviewMessages } from './case-review.messages.js';
import { MOVES_WITH_FORM, parseRoles, previewKind, type StaffRole } from './case-review.model.js';
import { caseReviewStyles } from './case-review.styles.js';

// The moves and their forms, loaded the first time a case offers one.
const MOVES = onDemand(() => import('./case-review-moves.view.js'));

/**
 * One case for staff: the whole request (patient, requester, reasons, diagnosis, proposed treatment,
 * treating doctor, questions, referral, coverage with its pre-authorization number, care team,
 * consent with its version and scopes), the records with kind, title, size and state, each
 * downloadable and, for a verified PDF or image, previewed inline (the browser's own viewer), the
 * timeline, and the moves the token's roles may make now: triage, request information, accept with
 * a specialist, decline with a reason, start the review. A move refused because the case moved on
 * says so and reloads the case. A patient's token gets "this page is for staff".
 *
 * Previews use Blob URLs: a page with a strict CSP allows `img-src blob:` and `frame-src blob:` for them.
 *
 * @summary One case for staff: the request, records, timeline and the role's moves.
 * @tagname so-case-review
 * @fires {SoCaseMovedEvent} so-case-moved - A move went through (`caseId`, `move`, `status`).
 * @csspart heading - The case reference.
 * @csspart request - The request's details.
 * @csspart records - The table of records.
 * @csspart record - One record's row.
 * @csspart preview - The inline preview of a record.
 * @csspart timeline - The timeline.
 * @csspart moves - The moves the role may make.
 * @csspart move-form - The form of a move that asks for something first.
 * @csspart error - An error message.
 * @cssprop --so-color-primary - Buttons and links.
 * @cssprop --so-color-danger - Declining, and errors.
 * @cssprop --so-color-warning-background - A refused move.
 * @cssprop --so-color-border - Lines and fields.
 * @cssprop --so-spacing-unit - Base spacing.
 */
export class SoCaseReview extends SoElement {
  static override tagName = 'so-case-review';
  static override styles = [tokenStyles, textStyles, staffStyles, caseReviewStyles];

  /** A partial override of this element's words (its own keys and the shared ones). */
  declare i18n?: MessagesOverride & Partial<ReviewMessages>;

  /** The case to review. */
  @property({ attribute: 'case-id', reflect: true }) caseId?: string;

  /**
   * The staff roles the token carries, space-separated (`coordinator`, `specialist`): only their
   * moves are offered. The server checks every move again.
   */
  @property() roles = 'coordinator specialist';

  /** How the live updates are connected. */
  @state() connection: WatchConnection = 'connecting';
  // The moves could not be loaded (offline, a redeploy).
  @state() private partFailed = false;

  private readonly review = new CaseReviewController(this, this.port);

  /** The roles, read from `roles`. */
  get staffRoles(): readonly StaffRole[] {
    return parseRoles(this.roles);
  }

  /** The case on show, as last seen. */
  get case(): Case | undefined {
    return this.review.case;
  }

  /** The review's words in its locale, with the `.i18n` override applied. */
  get words(): ReviewMessages {
    return { ...REVIEW_WORDS.get(this.locale), ...(this.i18n as Partial<ReviewMessages> | undefined) };
  }

  protected override wordsLoading(locale: Locale): Promise<void> | undefined {
    return REVIEW_WORDS.ready(locale);
  }

  /** Opens another case (a `<so-triage-queue>` on the page calls this); focus moves here once it is in. */
  open(caseId: string): void {
    this.caseId = caseId;
    this.focusOnLoad = true;
  }

  /** Loads the case again (after an error). */
  reload(): void {
    this.partFailed = false;
    void this.review.cases.reload();
  }

  /** Saves a record's content as a download (the controller's way to the DOM). */
  save(blob: Blob, fileName: string): void {
    saveBlob(this.renderRoot, blob, fileName);
  }

  private focusOnLoad = false;

  // The moves view is in before a case with moves is drawn, so no move is ever drawn without it.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const wait = this.review.offered.length && !MOVES.now && !this.partFailed
      ? MOVES.load().then((mod) => adoptStyles(this.renderRoot, mod.styles), () => void (this.partFailed = true))
      : undefined;
    return wait ? wait.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusOnLoad && this.case?.id === this.caseId) {
      this.focusOnLoad = false;
      void this.port.focusOn('heading');
    }
  }

  protected override render(): TemplateResult {
    const m = this.words;
    const { review } = this;
    if (review.access === 'patient') {
      return html`<section aria-labelledby="heading"><h2 id="heading" part="heading" tabindex="-1">${m.staffOnly}</h2><p>${m.staffOnlyDetail}</p></section>`;
    }
    if (!this.caseId) return html`<p class="muted">${m.noCase}</p>`;
    if (this.partFailed || review.cases.phase === 'error') {
      return html`<p part="error" class="error" role="alert">${m.loadError}</p><button type="button" class="secondary" @click=${() => this.reload()}>${m.retry}</button>`;
    }
    const c = this.case;
    if (!c || c.status === 'draft' || review.access === 'checking') return html`<p role="status" class="muted">${m.loading}</p>`;
    return this.renderCase(c, m);
  }

  private date(value: string): string {
    return calendarDate(value, this.locale);
  }

  private renderCase(c: Exclude<Case, { status: 'draft' }>, m: ReviewMessages): TemplateResult {
    const { review } = this;
    const locale = this.locale;
    const moves = MOVES.now;
    const last = review.lastMove ? review.moves[review.lastMove] : undefined;
    const open = review.openMove ? review.moves[review.openMove] : undefined;
    return html`<section aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${m.heading(c.reference)}</h2>
      <div class="summary">
        <p><span class="label">${m.statusLabel}</span><span class="status" data-status=${c.status}>${statusText(c.status, locale).label}</span></p>
        ${c.expectedBy ? html`<p>${m.expectedBy(this.date(c.expectedBy))}</p>` : nothing}
        ${c.specialist ? html`<p><span class="label">${m.specialistLabel}</span>${c.specialist.name}, ${c.specialist.specialty}</p>` : nothing}
      </div>
      ${this.connection === 'waiting' ? html`<p class="connection">${m.reconnecting}</p>` : nothing}
      ${moves ? moves.renderMoves({
        words: m, locale, offered: review.offered, open: review.openMove, busy: review.pending,
        invalid: open?.invalid, error: (open ?? last)?.error, specialty: c.request.specialty,
        choose: (move) => void (MOVES_WITH_FORM.includes(move) ? review.open(move) : review.run(move as 'triage')),
        requestInformation: (message, kinds) => void review.run('request_info', message, kinds),
        accept: (specialist) => void review.run('accept', specialist),
        decline: (reason) => void review.run('decline', reason),
        cancel: () => void review.cancel(),
      }) : html`<div class="block"><h3>${m.movesHeading}</h3><p class="muted">${m.movesNone}</p></div>`}
      ${this.renderRequest(c, m)}
      ${this.renderRecords(c, m)}
      ${this.renderTimeline(c, m)}
    </section>`;
  }

  private renderRequest(c: Exclude<Case, { status: 'draft' }>, m: ReviewMessages): TemplateResult {
    const r = c.request;
    const p = r.patient;
    const locale = this.locale;
    const row = (term: string, value: unknown) => (value === undefined || value === '' ? nothing : html`<dt>${term}</dt><dd>${value}</dd>`);
    const language = (() => {
      try {
        return new Intl.DisplayNames([locale], { type: 'language' }).of(p.preferredLanguage) ?? p.preferredLanguage;
      } catch {
        return p.preferredLanguage;
      }
    })();
    const requester = r.requester.relationship === 'self' ? m.relationship.self
      : [m.relationship[r.requester.relationship], [r.requester.givenName, r.requester.familyName].filter(Boolean).join(' '), r.requester.organization].filter(Boolean).join(', ');
    const cov = r.coverage;
    const coverage = cov.kind === 'public' ? m.coveragePublic(cov.plan) : cov.kind === 'private' ? m.coveragePrivate(cov.insurer) : m.coverageSelfPay;
    const doctor = [r.treatingPhysician.name, r.treatingPhysician.specialty, r.treatingPhysician.clinic].filter(Boolean).join(', ');
    const team = r.careTeam.share ? [r.careTeam.name, r.careTeam.clinic, r.careTeam.email, r.careTeam.phone].filter(Boolean).join(', ') : m.careTeamNo;
    return html`<div class="block">
      <h3 id="request-heading">${m.requestHeading}</h3>
      <dl part="request" class="request" aria-labelledby="request-heading">
        ${row(m.patient, `${p.givenName} ${p.familyName}`)}
        ${row(m.birthDate, this.date(p.birthDate))}
        ${row(m.jurisdiction, p.jurisdiction)}
        ${row(m.email, p.email)}
        ${row(m.phone, p.phone)}
        ${row(m.preferredLanguage, language)}
        ${row(m.healthCard, p.healthCardNumber)}
        ${row(m.requester, requester)}
        ${row(m.reasons, html`<ul>${r.reasons.map((x) => html`<li>${m.reason[x]}</li>`)}</ul>`)}
        ${row(m.reasonDetails, r.reasonDetails)}
        ${row(m.specialty, r.specialty)}
        ${row(m.diagnosis, r.diagnosis.description)}
        ${row(m.diagnosedOn, r.diagnosis.diagnosedOn ? this.date(r.diagnosis.diagnosedOn) : undefined)}
        ${row(m.proposedTreatment, r.proposedTreatment)}
        ${row(m.treatingPhysician, doctor)}
        ${row(m.questions, html`<ol>${c.questions.filter((q) => !q.followUp).map((q) => html`<li>${q.text}</li>`)}</ol>`)}
        ${row(m.urgency, r.urgency === 'soon' ? m.urgencySoon : m.urgencyRoutine)}
        ${row(m.consultationMode, m.mode[r.consultationMode])}
        ${row(m.referral, [m.referralPath[r.referral.path], r.referral.referrerName].filter(Boolean).join(', '))}
        ${row(m.coverage, coverage)}
        ${cov.kind === 'private' ? html`${row(m.memberNumber, cov.memberNumber)}${row(m.policyNumber, cov.policyNumber)}${row(m.preAuthorization, cov.preAuthorizationNumber)}` : nothing}
        ${row(m.careTeam, team)}
        ${row(m.consent, html`${m.consentVersion(r.consent.version, this.date(r.consent.acceptedAt))}<ul>${r.consent.scopes.map((s) => html`<li>${m.scope[s]}</li>`)}</ul>`)}
      </dl>
    </div>`;
  }

  private renderRecords(c: Case, m: ReviewMessages): TemplateResult {
    const { review } = this;
    const locale = this.locale;
    const preview = review.preview;
    return html`<div class="block">
      <h3 id="records-heading">${m.recordsHeading}</h3>
      ${review.downloadError ? html`<p part="error" class="error" role="alert">${review.downloadError}</p>` : nothing}
      ${c.records.length === 0 ? html`<p class="muted">${m.recordsEmpty}</p>` : html`<div class="table-wrap"><table part="records" aria-labelledby="records-heading">
        <thead><tr><th scope="col">${m.colKind}</th><th scope="col">${m.colTitle}</th><th scope="col">${m.colSize}</th><th scope="col">${m.colState}</th><th scope="col">${m.colActions}</th></tr></thead>
        <tbody>${c.records.map((r, i) => this.renderRecord(r, i, m, locale))}</tbody>
      </table></div>`}
      ${preview ? html`<div part="preview" class="preview" role="region" aria-labelledby="preview-heading">
        <h4 id="preview-heading" tabindex="-1">${m.previewHeading(preview.title)}</h4>
        ${preview.failed ? html`<p class="error" role="alert">${m.previewFailed}</p>`
          : !preview.url ? html`<p role="status" class="muted">${m.loading}</p>`
            : preview.kind === 'image' ? html`<img src=${preview.url} alt=${preview.title}>`
              : html`<iframe src=${preview.url} title=${m.previewHeading(preview.title)}></iframe>`}
        <div class="buttons"><button type="button" class="secondary" data-action="close-preview"
          @click=${() => void review.closePreview(Math.max(0, c.records.findIndex((r) => r.id === preview.recordId)))}>${m.closePreview}</button></div>
      </div>` : nothing}
    </div>`;
  }

  private renderRecord(r: CaseRecord, i: number, m: ReviewMessages, locale: Locale): TemplateResult {
    const { review } = this;
    const kind = previewKind(r);
    return html`<tr part="record" data-record-id=${r.id} data-state=${r.status}>
      <td>${recordKindText(r.kind, locale).label}</td>
      <td>${r.title}${r.source === 'staff' ? html` <span class="muted">${m.fromStaff}</span>` : nothing}</td>
      <td>${formatFileSize(r.size, locale)}</td>
      <td>${m.recordState[r.status]}${r.status === 'rejected' && r.rejectionReason ? html`<span class="muted">: ${r.rejectionReason}</span>` : nothing}</td>
      <td>${r.status === 'verified' ? html`<div class="buttons">
        <button type="button" class="secondary" data-action="download" aria-label=${m.download(r.title)} @click=${() => void review.download(r)}>${m.download('').trim()}</button>
        ${kind ? html`<button id=${`preview-${i}`} type="button" class="secondary" data-action="preview" aria-label=${m.preview(r.title)} @click=${() => void review.showPreview(r)}>${m.preview('').trim()}</button>` : nothing}
      </div>` : m.none}</td>
    </tr>`;
  }

  private renderTimeline(c: Case, m: ReviewMessages): TemplateResult {
    const locale = this.locale;
    const said = (e: CaseEvent): string => {
      const who = m.actor[e.actor];
      switch (e.kind) {
        case 'status_changed': return m.eventStatus(statusText(e.status, locale).label, who);
        case 'record_added': return m.eventRecord(c.records.find((r) => r.id === e.recordId)?.title ?? '', who);
        case 'message': return e.action === 'follow_up' ? m.eventFollowUp : m.eventReply(who);
        case 'shared': return m.eventShared;
        default: return m.eventUpdated(who);
      }
    };
    // Newest first: what happened last is what staff read first.
    const events = c.timeline.filter((e) => e.kind !== 'record_updated').slice().reverse();
    return html`<div class="block">
      <h3 id="timeline-heading">${m.timelineHeading}</h3>
      <ol part="timeline" class="timeline" aria-labelledby="timeline-heading">
        ${events.map((e) => html`<li data-event=${e.id}>
          <span class="at">${formatDateTime(e.at, locale)}</span>
          <span>${said(e)}</span>
          ${e.message ? html`<p class="message">${e.message}</p>` : nothing}
          ${e.kind === 'status_changed' && e.status === 'info_requested' && e.recordKinds?.length
            ? html`<p class="muted">${m.wantedRecords(formatList(e.recordKinds.map((k) => recordKindText(k, locale).label), locale))}</p>` : nothing}
          ${e.recordIds?.length
            ? html`<p class="muted" data-reply-records>${m.replyRecords(formatList(e.recordIds.map((id) => c.records.find((r) => r.id === id)?.title ?? id), locale))}</p>` : nothing}
        </li>`)}
      </ol>
    </div>`;
  }
}

const formatDateTime = (value: string, locale: string) => formatDate(value, locale, { dateStyle: 'medium', timeStyle: 'short' });

declare global {
  interface HTMLElementTagNameMap {
    'so-case-review': SoCaseReview;
  }
}
