// <so-triage-queue>: the coordinator's inbox over the staff list: what each case needs (new, waiting
// on the patient and for how long, a reply in, overdue), filters, reference search, cursor pages,
// live re-reads, and a chosen case opened in the page's <so-case-review>.
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { statusText } from '../../core/i18n/statuses.js';
import type { CaseSummary } from '../../core/model/case.js';
import { STATUSES, type Locale } from '../../core/model/codes.js';
import { SoElement } from '../shared/base-element.js';
import type { MessagesOverride } from '../shared/i18n/messages.js';
import { staffStyles } from '../shared/staff.styles.js';
import { textStyles } from '../shared/text.styles.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { calendarDate } from '../shared/i18n/format.js';
import { QueueController } from './triage-queue.controller.js';
import { QUEUE_WORDS, type QueueMessages } from './triage-queue.messages.js';
import { needOf, QUEUE_SORTS, type QueueForm, type QueueSort } from './triage-queue.model.js';
import { triageQueueStyles } from './triage-queue.styles.js';

/** A `<so-case-review>` as the queue sees it: something that opens a case. */
interface CaseOpener extends Element {
  open(caseId: string): void;
}

/**
 * The coordinator's inbox: the cases staff may see, a page at a time, with what each needs (new,
 * waiting on the patient and for how long, the patient's reply in, overdue against the turnaround
 * clock), filters by status, specialty, urgency and due date, a search by reference, the whole list
 * sorted by date received, due date or urgency (the backend sorts and pages it), and live
 * re-reads while the page is visible. Choosing a case fires `so-case-open`; unless cancelled, a
 * `<so-case-review>` in the same document (or shadow root) opens it. A patient's token gets
 * "this page is for staff".
 *
 * @summary The coordinator's inbox of cases.
 * @tagname so-triage-queue
 * @fires {SoCaseOpenEvent} so-case-open - Cancelable; a case was chosen (`caseId`, `reference`).
 * @csspart heading - The queue's heading.
 * @csspart filters - The filter form.
 * @csspart sort - The "sort by" choice.
 * @csspart table - The table of cases.
 * @csspart case - One case's row.
 * @csspart open - The button that opens a case.
 * @csspart need - What a case needs from the staff.
 * @csspart pagination - The previous and next page buttons.
 * @csspart error - An error message.
 * @cssprop --so-color-primary - Buttons and links.
 * @cssprop --so-color-danger - Overdue cases and errors.
 * @cssprop --so-color-warning - Cases waiting on, or back from, the patient.
 * @cssprop --so-color-info-background - The case last opened.
 * @cssprop --so-color-border - Lines and fields.
 * @cssprop --so-spacing-unit - Base spacing.
 */
export class SoTriageQueue extends SoElement {
  static override tagName = 'so-triage-queue';
  static override styles = [tokenStyles, textStyles, staffStyles, triageQueueStyles];

  /** A partial override of this element's words (its own keys and the shared ones). */
  declare i18n?: MessagesOverride & Partial<QueueMessages>;

  /** Cases per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** Seconds between live re-reads of the page on show (only while the page is visible); 0 turns them off. */
  @property({ type: Number, attribute: 'refresh-seconds' }) refreshSeconds = 30;

  private readonly queue = new QueueController(this, this.port);

  /** The queue's words in its locale, with the `.i18n` override applied. */
  get words(): QueueMessages {
    return { ...QUEUE_WORDS.get(this.locale), ...(this.i18n as Partial<QueueMessages> | undefined) };
  }

  /** The cases on show. */
  get cases(): CaseSummary[] {
    return [...this.queue.items];
  }

  protected override wordsLoading(locale: Locale): Promise<void> | undefined {
    return QUEUE_WORDS.ready(locale);
  }

  /** Loads the cases again (after an error). */
  reload(): void {
    this.queue.reload();
  }

  /** Opens the case in the `<so-case-review>` beside this queue, if there is one. */
  openInReview(caseId: string): boolean {
    const root = this.getRootNode() as Document | ShadowRoot;
    const review = root.querySelector?.('so-case-review') as CaseOpener | null;
    if (!review || typeof review.open !== 'function') return false;
    review.open(caseId);
    return true;
  }

  protected override render(): TemplateResult {
    const m = this.words;
    const { queue } = this;
    switch (queue.phase) {
      case 'staff-only':
        return html`<section aria-labelledby="heading"><h2 id="heading" part="heading">${m.staffOnly}</h2><p>${m.staffOnlyDetail}</p></section>`;
      case 'error':
        return html`<p part="error" class="error" role="alert">${m.loadError}</p><button type="button" class="secondary" @click=${() => this.reload()}>${m.retry}</button>`;
      default:
        return html`<section aria-labelledby="heading">
          <h2 id="heading" part="heading">${m.heading}</h2>
          ${this.renderFilters(m)}
          ${this.renderSort(m)}
          ${queue.page ? this.renderPage(m) : html`<p role="status" class="muted">${m.loading}</p>`}
        </section>`;
    }
  }

  private renderFilters(m: QueueMessages): TemplateResult {
    const { form, referenceError } = this.queue;
    const locale = this.locale;
    const submit = (e: Event) => {
      e.preventDefault();
      const f = e.currentTarget as HTMLFormElement;
      const value = (name: string) => (f.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
      void this.queue.apply({
        show: value('show') as QueueForm['show'], specialty: value('specialty'), urgency: value('urgency') as QueueForm['urgency'],
        dueBy: value('due-by'), reference: value('reference'),
      });
    };
    const clear = (e: Event) => {
      (e.currentTarget as HTMLButtonElement).form?.reset();
      void this.queue.apply({ show: 'open', specialty: '', urgency: '', dueBy: '', reference: '' });
    };
    const shows: [QueueForm['show'], string][] = [
      ['open', m.showOpen], ['overdue', m.showOverdue],
      ...STATUSES.filter((s) => s !== 'draft').map((s): [QueueForm['show'], string] => [s, statusText(s, locale).label]),
      ['all', m.showAll],
    ];
    return html`<form part="filters" class="filters" role="search" aria-labelledby="filters-heading" @submit=${submit} novalidate>
      <h3 id="filters-heading" class="visually-hidden">${m.filtersHeading}</h3>
      <div class="field"><label for="show">${m.showLabel}</label>
        <select id="show" name="show">${shows.map(([v, l]) => html`<option value=${v} ?selected=${form.show === v}>${l}</option>`)}</select></div>
      <div class="field"><label for="specialty">${m.specialtyLabel}</label>
        <input id="specialty" name="specialty" type="text" maxlength="100" autocomplete="off" .value=${form.specialty}></div>
      <div class="field"><label for="urgency">${m.urgencyLabel}</label>
        <select id="urgency" name="urgency">
          <option value="" ?selected=${form.urgency === ''}>${m.urgencyAny}</option>
          <option value="routine" ?selected=${form.urgency === 'routine'}>${m.urgencyRoutine}</option>
          <option value="soon" ?selected=${form.urgency === 'soon'}>${m.urgencySoon}</option>
        </select></div>
      <div class="field"><label for="due-by">${m.dueByLabel}</label>
        <input id="due-by" name="due-by" type="date" .value=${form.dueBy}></div>
      <div class="field"><label for="reference">${m.referenceLabel}</label>
        <input id="reference" name="reference" type="search" maxlength="40" autocomplete="off" spellcheck="false" .value=${form.reference}
          aria-describedby=${referenceError ? 'reference-hint reference-error' : 'reference-hint'} aria-invalid=${referenceError ? 'true' : 'false'}>
        <p id="reference-hint" class="hint">${m.referenceHint}</p>
        ${referenceError ? html`<p id="reference-error" class="error">${referenceError}</p>` : nothing}</div>
      <div class="buttons"><button type="submit">${m.apply}</button><button type="button" class="secondary" @click=${clear}>${m.clear}</button></div>
    </form>`;
  }

  // Outside the page: a new sort loads a new first page, and the choice keeps its focus meanwhile.
  private renderSort(m: QueueMessages): TemplateResult {
    const { queue } = this;
    return html`<div part="sort" class="field sort"><label for="sort">${m.sortLabel}</label>
      <select id="sort" name="sort" @change=${(e: Event) => queue.sortBy((e.currentTarget as HTMLSelectElement).value as QueueSort)}>
        ${QUEUE_SORTS.map((o) => html`<option value=${o} ?selected=${queue.sort === o}>${m.sortBy[o]}</option>`)}
      </select></div>`;
  }

  private renderPage(m: QueueMessages): TemplateResult {
    const { queue } = this;
    const page = queue.page!;
    const locale = this.locale;
    const now = queue.today;
    return html`
      <h3 id="list-heading" tabindex="-1">${m.pageOf(page.page)}</h3>
      <p role="status" class="muted">${m.count(page.items.length, page.page)}</p>
      ${queue.stale ? html`<p class="muted stale">${m.staleUpdates}</p>` : nothing}
      ${page.items.length === 0 ? html`<p>${m.empty}</p>` : html`<div class="table-wrap"><table part="table" aria-labelledby="heading list-heading">
        <thead><tr>
          <th scope="col">${m.colReference}</th><th scope="col">${m.colStatus}</th><th scope="col">${m.colNeeds}</th>
          <th scope="col">${m.colSpecialty}</th><th scope="col">${m.colUrgency}</th><th scope="col">${m.colDue}</th>
        </tr></thead>
        <tbody>${queue.items.map((s) => {
          const need = needOf(s, now);
          const words = !need ? m.none : need.kind === 'new' ? m.needNew : need.kind === 'waiting' ? m.needWaiting(need.days)
            : need.kind === 'replied' ? m.needReplied(calendarDate(need.at, locale)) : m.needOverdue(need.days);
          return html`<tr part="case" class=${queue.openedId === s.id ? 'opened' : ''} data-case-id=${s.id} data-status=${s.status}>
            <th scope="row"><button type="button" part="open" class="link" aria-label=${m.openCase(s.reference)}
              aria-current=${queue.openedId === s.id ? 'true' : nothing} @click=${() => queue.open(s)}>${s.reference}</button></th>
            <td>${statusText(s.status, locale).label}</td>
            <td><span part="need" class="need ${need?.kind ?? ''}" data-need=${need?.kind ?? ''}>${words}</span></td>
            <td>${s.specialty ?? m.none}</td>
            <td>${s.urgency === 'soon' ? m.urgencySoon : s.urgency === 'routine' ? m.urgencyRoutine : m.none}</td>
            <td>${s.expectedBy ? calendarDate(s.expectedBy, locale) : m.none}</td>
          </tr>`;
        })}</tbody>
      </table></div>`}
      ${page.hasPrevious || page.hasNext ? html`<nav part="pagination" aria-label=${m.pagination}>
        <button type="button" class="secondary" data-action="previous" ?disabled=${!page.hasPrevious || queue.busy} @click=${() => void queue.move('previous')}>${m.previous}</button>
        <span aria-current="page">${m.pageOf(page.page)}</span>
        <button type="button" class="secondary" data-action="next" ?disabled=${!page.hasNext || queue.busy} @click=${() => void queue.move('next')}>${m.next}</button>
      </nav>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'so-triage-queue': SoTriageQueue;
  }
}
