// List mode of <so-status-tracker> (no `case-id`): the caller's cases a page at a time. Loaded on
// demand, the first time a tracker has no case to follow.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { SecondOpinionClient } from '../../core/client/client.js';
import { claimClientError } from '../shared/client-errors.js';
import { focusTarget } from '../shared/focus.js';
import type { SoStatusTracker } from './status-tracker.js';
import type { TrackerMessages } from './tracker-messages.js';
import { CaseListPager, calendarDate, type CaseListState } from './tracker-model.js';

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

/** One tracker's list of cases: the pager, the page on show and its rendering. */
export class CaseList {
  /** Whether the first page is in, or failed. */
  phase: 'loading' | 'ready' | 'error' = 'loading';
  /** The page on show. */
  state?: CaseListState;
  private busy = false;
  private ticket = 0;
  private readonly pager: CaseListPager;

  constructor(private readonly host: SoStatusTracker, client: SecondOpinionClient, pageSize: number) {
    this.pager = new CaseListPager(client, pageSize);
  }

  /** Answers still on their way are dropped (the tracker moved on). */
  stop(): void {
    this.ticket++;
  }

  /** Loads the page on show again, or moves a page. */
  async load(move: 'reload' | 'next' | 'previous' = 'reload'): Promise<void> {
    const ticket = ++this.ticket;
    const host = this.host;
    this.busy = true;
    host.requestUpdate();
    try {
      const state = await this.pager[move]();
      if (ticket !== this.ticket) return;
      this.state = state;
      this.phase = 'ready';
      if (move !== 'reload') {
        host.requestUpdate();
        await host.updateComplete;
        const heading = host.renderRoot.querySelector<HTMLElement>('#list-heading');
        if (heading) focusTarget(heading);
      }
    } catch (e) {
      claimClientError(e);
      if (ticket === this.ticket) this.phase = 'error';
    } finally {
      if (ticket === this.ticket) this.busy = false;
      host.requestUpdate();
    }
  }

  /** The page of cases with its pagination. */
  render(list: CaseListState, m: TrackerMessages): TemplateResult {
    const { busy, host } = this;
    const lang = host.resolvedLang;
    return html`<section aria-labelledby="list-heading">
      <h2 id="list-heading" part="heading">${m.listHeading}</h2>
      ${list.items.length === 0 ? html`<p>${m.listEmpty}</p>` : html`<ul part="list" class="cases">
        ${list.items.map((s) => html`<li part="case" class="case" data-case-id=${s.id}>
          <span class="ref">${m.caseReference(s.reference)}</span>
          <so-status-badge status=${s.status} lang=${lang}></so-status-badge>
          <span class="muted">${m.listCreated(calendarDate(s.createdAt, host.locale))}</span>
          ${s.actionRequired ? html`<span class="needed">${m.listActionNeeded}</span>` : nothing}
        </li>`)}
      </ul>`}
      ${list.hasPrevious || list.hasNext ? html`<nav part="pagination" aria-label=${m.listNavigation}>
        <button type="button" class="secondary" data-action="previous" ?disabled=${!list.hasPrevious || busy} @click=${() => this.load('previous')}>${m.listPrevious}</button>
        <span aria-current="page">${m.listPage(list.page)}</span>
        <button type="button" class="secondary" data-action="next" ?disabled=${!list.hasNext || busy} @click=${() => this.load('next')}>${m.listNext}</button>
      </nav>` : nothing}
    </section>`;
  }
}
