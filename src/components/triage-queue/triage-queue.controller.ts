// The state of <so-triage-queue>, apart from its rendering: the filter the coordinator set, the page
// and sort the coordinator chose, the page of the staff list on show (the server sorts the whole list, cursor paging), live re-reads while the page is visible and whenever a
// case changes through the same client, the "this page is for staff" state, and the case chosen.
// No DOM here (the element lends its port and its way to a <so-case-review>), so it is tested in Node.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SecondOpinionClient } from '../../core/client/client.js';
import type { CaseSummary } from '../../core/model/case.js';
import type { Locale } from '../../core/model/codes.js';
import { isSecondOpinionError } from '../../core/errors.js';
import { matchesStaffQuery } from '../../core/model/staff-query.js';
import { PagedCaseList, type CaseListState } from '../shared/list-pager.js';
import type { ElementPort } from '../shared/port.js';
import { SoCaseOpenEvent } from './triage-queue.events.js';
import type { QueueMessages } from './triage-queue.messages.js';
import { EMPTY_FORM, filterOf, isReferenceSearch, QUEUE_SORTS, type QueueForm, type QueueSort } from './triage-queue.model.js';

/** The element a QueueController serves. */
export interface QueueHost extends ReactiveControllerHost {
  readonly activeClient: SecondOpinionClient | undefined;
  readonly isConnected: boolean;
  /** Cases per page. */
  readonly pageSize: number;
  /** Seconds between live re-reads of the page on show; 0 turns them off. */
  readonly refreshSeconds: number;
  readonly words: QueueMessages;
  readonly locale: Locale;
  /** Opens the case in the page's `<so-case-review>`; false when there is none. */
  openInReview(caseId: string): boolean;
}

/** Timers, injectable so tests run the clock. */
export interface QueueTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Where visibility comes from (the document, or a stand-in in tests). */
export interface QueueVisibility {
  readonly hidden: boolean;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface QueueControllerOptions {
  timers?: QueueTimers;
  visibility?: QueueVisibility | null;
  now?: () => Date;
}

/** What the queue shows: loading, the page, a load error, or a patient's token ("this page is for staff"). */
export type QueuePhase = 'loading' | 'ready' | 'error' | 'staff-only';

/** A line's key for telling whether a live re-read changed anything. */
const lineKey = (s: CaseSummary) => `${s.id}:${s.status}:${s.updatedAt}`;

/** Owns what <so-triage-queue> shows and does. */
export class QueueController implements ReactiveController {
  /** The filter as the form shows it (applied). */
  form: QueueForm = { ...EMPTY_FORM };
  /** How the whole list is ordered (the server sorts it; a new sort starts at its first page). */
  sort: QueueSort = 'received';
  /** What is wrong with the reference search, shown beside it. */
  referenceError?: string;
  /** The id of the case last opened (marked in the list). */
  openedId?: string;
  private list?: PagedCaseList;
  private listKey?: string;
  private listClient?: SecondOpinionClient;
  private timer?: unknown;
  private live = false;
  /** A change came while a page was on its way: read again once it is in. */
  private again = false;
  private readonly timers: QueueTimers;
  private readonly visibility: QueueVisibility | null;
  private readonly now: () => Date;

  private readonly onCaseUpdated = () => this.refreshSoon();
  private readonly onVisibility = () => {
    if (!this.visibility?.hidden) this.refreshSoon();
  };

  constructor(private readonly host: QueueHost, private readonly port: ElementPort, options: QueueControllerOptions = {}) {
    host.addController(this);
    this.timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    this.visibility = options.visibility !== undefined ? options.visibility : typeof document === 'undefined' ? null : document;
    this.now = options.now ?? (() => new Date());
  }

  /** Where the queue stands. */
  get phase(): QueuePhase {
    const list = this.list;
    if (!list) return 'loading';
    if (isSecondOpinionError(list.error) && list.error.code === 'forbidden') return 'staff-only';
    return list.phase;
  }

  /** The page on show. */
  get page(): CaseListState | undefined {
    return this.list?.page;
  }

  /** A page is on its way. */
  get busy(): boolean {
    return this.list?.busy ?? false;
  }

  /** A live re-read failed: what is on show may be old. */
  get stale(): boolean {
    return this.list?.phase === 'ready' && this.list.error !== undefined;
  }

  /** The moment the queue reads "overdue" and "waiting for" against. */
  get today(): Date {
    return this.now();
  }

  hostConnected(): void {
    this.visibility?.addEventListener('visibilitychange', this.onVisibility);
  }

  hostUpdate(): void {
    const { host } = this;
    const client = host.activeClient;
    const key = client && host.isConnected ? JSON.stringify([host.pageSize, this.form, this.sort]) : undefined;
    if (key === this.listKey && client === this.listClient) return;
    this.stopList();
    this.listKey = key;
    this.listClient = client;
    if (!client || !key) return;
    client.addEventListener('case-updated', this.onCaseUpdated);
    const { form, sort } = this;
    this.list = new PagedCaseList(host, this.port, async (query, options) => {
      const filter = filterOf(form, this.now());
      const page = await client.staff.list({ ...query, ...filter, sort }, options);
      // A host's own backend that ignores the filter still never puts a line outside it on show.
      return { ...page, items: page.items.filter((s) => matchesStaffQuery({ ...s, request: { specialty: s.specialty, urgency: s.urgency } }, filter)) };
    }, host.pageSize);
    void this.read('reload');
  }

  hostDisconnected(): void {
    this.visibility?.removeEventListener('visibilitychange', this.onVisibility);
    this.stopList();
    this.listKey = undefined;
  }

  /** Applies the filter (a new first page); a reference the server would refuse is said beside its field. */
  async apply(form: QueueForm): Promise<void> {
    if (!isReferenceSearch(form.reference)) {
      this.referenceError = this.host.words.referenceInvalid;
      this.host.requestUpdate();
      await this.port.focusOn('reference');
      return;
    }
    this.referenceError = undefined;
    this.form = { ...form };
    this.host.requestUpdate();
  }

  /** The cases on show, in the chosen order. */
  get items(): readonly CaseSummary[] {
    return this.page?.items ?? [];
  }

  /** Orders the whole list (its first page comes next), and says so. */
  sortBy(sort: QueueSort): void {
    if (!QUEUE_SORTS.includes(sort) || sort === this.sort) return;
    this.sort = sort;
    this.port.announce(this.host.words.sortedBy(this.host.words.sortBy[sort]));
    this.host.requestUpdate();
  }

  /** Moves a page (focus goes to the list's heading). */
  move(to: 'next' | 'previous'): Promise<void> {
    return this.read(to);
  }

  /** Loads the page on show again (after an error). */
  reload(): void {
    this.listKey = undefined;
    this.host.requestUpdate();
  }

  /** A case was chosen: `so-case-open` (cancelable), then the page's `<so-case-review>` opens it. */
  open(line: CaseSummary): void {
    this.openedId = line.id;
    this.host.requestUpdate();
    if (!this.port.emit(new SoCaseOpenEvent(line.id, line.reference))) return;
    this.host.openInReview(line.id);
  }

  private stopList(): void {
    this.again = false;
    this.list?.stop();
    this.list = undefined;
    this.listClient?.removeEventListener('case-updated', this.onCaseUpdated);
    this.unschedule();
  }

  private unschedule(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  // Reads the page; a live one (quiet) announces a change and keeps the page on a failure. Then the next live read is due.
  private async read(move: 'reload' | 'next' | 'previous', live = false): Promise<void> {
    const list = this.list;
    if (!list) return;
    this.unschedule();
    const before = list.page?.items.map(lineKey).join();
    await list.load(move, live);
    if (list !== this.list) return;
    if (live && before !== undefined && list.page && list.page.items.map(lineKey).join() !== before) this.port.announce(this.host.words.updated);
    if (this.again) {
      this.again = false;
      this.refreshSoon();
    } else this.schedule();
  }

  private schedule(): void {
    const seconds = this.host.refreshSeconds;
    if (!(seconds > 0) || this.phase !== 'ready') return;
    this.unschedule();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      // Hidden: no request; coming back reads at once.
      if (!this.visibility?.hidden) this.refreshSoon();
    }, seconds * 1000);
  }

  // A live re-read, once: several changes at once make one request.
  private refreshSoon(): void {
    if (!this.list) return;
    if (this.list.busy) {
      this.again = true;
      return;
    }
    if (this.live) return;
    this.live = true;
    queueMicrotask(() => {
      this.live = false;
      void this.read('reload', true);
    });
  }
}
