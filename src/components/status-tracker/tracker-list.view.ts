// List mode of <so-status-tracker> (no `case-id`): the caller's cases a page at a time. Loaded on
// demand, the first time a tracker has no case to follow. A view: it draws what it is given and
// hands intent back, never reaching into the tracker.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../core/model/codes.js';
import type { TrackerMessages } from './status-tracker.messages.js';
import type { CaseListState } from './tracker-list.controller.js';
import { calendarDate } from '../shared/i18n/format.js';

/** The list's own rules, adopted when it loads. */
export const styles = [css`
  @layer so {
    .cases { list-style: none; margin: 0; padding: 0; }
    .case { display: flex; flex-wrap: wrap; align-items: center; gap: calc(var(--_space) * 3); padding: calc(var(--_space) * 3) 0; border-bottom: 1px solid var(--_border); }
    .ref { font-weight: 600; }
    .needed { color: var(--_warning); font-weight: 600; }
    button[disabled] { opacity: 0.6; cursor: default; }
    nav { display: flex; align-items: center; gap: calc(var(--_space) * 3); margin-top: calc(var(--_space) * 4); }
  }
`];

/** What the list draws, and where its intent goes. */
export interface CaseListView {
  readonly words: TrackerMessages;
  readonly locale: Locale;
  /** The page on show. */
  readonly page: CaseListState;
  /** A page is on its way. */
  readonly busy: boolean;
  /** Moves a page. */
  move(to: 'next' | 'previous'): void;
}

/** The page of cases with its pagination. */
export function renderCaseList(view: CaseListView): TemplateResult {
  const { words: m, page: list, busy, locale } = view;
  return html`<section aria-labelledby="list-heading">
    <h2 id="list-heading" part="heading">${m.listHeading}</h2>
    ${list.items.length === 0 ? html`<p>${m.listEmpty}</p>` : html`<ul part="list" class="cases">
      ${list.items.map((s) => html`<li part="case" class="case" data-case-id=${s.id}>
        <span class="ref">${m.caseReference(s.reference)}</span>
        <!-- The badge resolves its language through the tracker (see status-tracker.ts). -->
        <so-status-badge status=${s.status}></so-status-badge>
        <span class="muted">${m.listCreated(calendarDate(s.createdAt, locale))}</span>
        ${s.actionRequired ? html`<span class="needed">${m.listActionNeeded}</span>` : nothing}
      </li>`)}
    </ul>`}
    ${list.hasPrevious || list.hasNext ? html`<nav part="pagination" aria-label=${m.listNavigation}>
      <button type="button" class="secondary" data-action="previous" ?disabled=${!list.hasPrevious || busy} @click=${() => view.move('previous')}>${m.listPrevious}</button>
      <span aria-current="page">${m.listPage(list.page)}</span>
      <button type="button" class="secondary" data-action="next" ?disabled=${!list.hasNext || busy} @click=${() => view.move('next')}>${m.listNext}</button>
    </nav>` : nothing}
  </section>`;
}
