// List mode of <so-status-tracker> (no `case-id`): cursor paging over the caller's cases and the
// page on show. Loaded on demand by TrackerController, the first time a tracker has no case to follow.
import type { ReactiveControllerHost } from 'lit';
import type { SecondOpinionClient } from '../../core/client/client.js';
import type { CaseSummary } from '../../core/model/case.js';
import { claimClientError } from '../shared/client-errors.js';
import type { ElementPort } from '../shared/port.js';

/** One page of the caller's cases and how to move between pages. */
export interface CaseListState {
  items: CaseSummary[];
  /** 1-based. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** Cursor paging over `client.cases.list`: keeps the cursor of every page seen so "previous" works. */
export class CaseListPager {
  private readonly cursors: (string | undefined)[] = [undefined];
  private index = 0;
  private nextCursor: string | null = null;
  /** The page on show. */
  state: CaseListState = { items: [], page: 1, hasPrevious: false, hasNext: false };

  constructor(private readonly client: SecondOpinionClient, private readonly limit = 10) {}

  /** Loads the page on show again (the first page at the start). */
  async reload(options: { signal?: AbortSignal } = {}): Promise<CaseListState> {
    const page = await this.client.cases.list({ limit: this.limit, ...(this.cursors[this.index] ? { cursor: this.cursors[this.index] } : {}) }, options);
    this.nextCursor = page.nextCursor;
    this.cursors.length = this.index + 1;
    this.state = { items: page.items, page: this.index + 1, hasPrevious: this.index > 0, hasNext: page.nextCursor !== null };
    return this.state;
  }

  /** Moves to the next page, if there is one. */
  async next(options: { signal?: AbortSignal } = {}): Promise<CaseListState> {
    if (this.nextCursor === null) return this.state;
    this.cursors[this.index + 1] = this.nextCursor;
    this.index++;
    try {
      return await this.reload(options);
    } catch (e) {
      this.index--;
      throw e;
    }
  }

  /** Moves to the previous page, if there is one. */
  async previous(options: { signal?: AbortSignal } = {}): Promise<CaseListState> {
    if (this.index === 0) return this.state;
    this.index--;
    try {
      return await this.reload(options);
    } catch (e) {
      this.index++;
      throw e;
    }
  }
}

/** List mode: the caller's cases a page at a time. */
export class CaseListController {
  /** Whether the first page is in, or failed. */
  phase: 'loading' | 'ready' | 'error' = 'loading';
  /** The page on show. */
  page?: CaseListState;
  /** A page is on its way (the pager's buttons wait). */
  busy = false;
  private ticket = 0;
  private readonly pager: CaseListPager;

  constructor(private readonly host: ReactiveControllerHost, private readonly port: ElementPort, client: SecondOpinionClient, pageSize: number) {
    this.pager = new CaseListPager(client, pageSize);
  }

  /** Answers still on their way are dropped (the tracker moved on). */
  stop(): void {
    this.ticket++;
  }

  /** Loads the page on show again, or moves a page (focus then goes to the list's heading). */
  async load(move: 'reload' | 'next' | 'previous' = 'reload'): Promise<void> {
    const ticket = ++this.ticket;
    const { host } = this;
    this.busy = true;
    host.requestUpdate();
    try {
      const page = await this.pager[move]();
      if (ticket !== this.ticket) return;
      this.page = page;
      this.phase = 'ready';
      if (move !== 'reload') {
        host.requestUpdate();
        await this.port.focusOn('list-heading');
      }
    } catch (e) {
      claimClientError(e);
      if (ticket === this.ticket) this.phase = 'error';
    } finally {
      if (ticket === this.ticket) this.busy = false;
      host.requestUpdate();
    }
  }
}
