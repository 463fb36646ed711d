// Cursor paging over a list of cases (the patient's own, or the staff list through a filter):
// keeps the cursor of every page seen so "previous" works. The tracker's list mode and the triage
// queue both page through it.
import type { ReactiveControllerHost } from 'lit';
import type { CaseSummary, CasePage } from '../../core/model/case.js';
import { claimClientError } from './client-errors.js';
import type { ElementPort } from './port.js';

/** One page of cases and how to move between pages. */
export interface CaseListState {
  items: CaseSummary[];
  /** 1-based. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** Where pages come from: `client.cases.list`, or `client.staff.list` with a filter bound in. */
export type CasePageSource = (query: { cursor?: string; limit: number }, options: { signal?: AbortSignal }) => Promise<CasePage>;

/** Cursor paging over a page source. */
export class CaseListPager {
  private readonly cursors: (string | undefined)[] = [undefined];
  private index = 0;
  private nextCursor: string | null = null;
  /** The page on show. */
  state: CaseListState = { items: [], page: 1, hasPrevious: false, hasNext: false };

  constructor(private readonly source: CasePageSource, private readonly limit = 10) {}

  /** Loads the page on show again (the first page at the start). */
  async reload(options: { signal?: AbortSignal } = {}): Promise<CaseListState> {
    const cursor = this.cursors[this.index];
    const page = await this.source({ limit: this.limit, ...(cursor ? { cursor } : {}) }, options);
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

/** A list a page at a time over its element: the page on show, busy while one is on its way, moves that focus the list's heading. */
export class PagedCaseList {
  /** Whether the first page is in, or failed. */
  phase: 'loading' | 'ready' | 'error' = 'loading';
  /** The page on show. */
  page?: CaseListState;
  /** Why the last load failed (the client's typed error). */
  error?: unknown;
  /** A page the person asked for is on its way (the pager's buttons wait). */
  busy = false;
  private ticket = 0;
  private readonly pager: CaseListPager;

  constructor(private readonly host: ReactiveControllerHost, private readonly port: ElementPort, source: CasePageSource, pageSize: number) {
    this.pager = new CaseListPager(source, pageSize);
  }

  /** Answers still on their way are dropped (the element moved on). */
  stop(): void {
    this.ticket++;
  }

  /**
   * Loads the page on show again, or moves a page (focus then goes to the list's heading, `list-heading`).
   * A `quiet` re-read (a live update) that fails keeps the page on show, with `error` set.
   */
  async load(move: 'reload' | 'next' | 'previous' = 'reload', quiet = false): Promise<void> {
    const ticket = ++this.ticket;
    const { host } = this;
    // A quiet re-read leaves the pager's buttons as they are: disabling the focused one would drop focus.
    if (!quiet) {
      this.busy = true;
      host.requestUpdate();
    }
    try {
      const page = await this.pager[move]();
      if (ticket !== this.ticket) return;
      this.page = page;
      this.phase = 'ready';
      this.error = undefined;
      if (move !== 'reload') {
        host.requestUpdate();
        await this.port.focusOn('list-heading');
      }
    } catch (e) {
      claimClientError(e);
      if (ticket === this.ticket) {
        this.error = e;
        if (!quiet || !this.page) this.phase = 'error';
      }
    } finally {
      if (ticket === this.ticket) this.busy = false;
      host.requestUpdate();
    }
  }
}
