// QueueController in Node, on MemoryBackend: what each line needs, the filter the form asks for
// (reference search checked before anything is sent), cursor pages, live re-reads (on the timer,
// never while hidden, and when a case changes through the client), the cancelable so-case-open,
// and the "this page is for staff" state for a patient's token.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient, ForbiddenError, MemoryBackend, type CaseSummary, type SecondOpinionClient } from '../../src/index.js';
import { QueueController, type QueueHost, type QueueTimers, type QueueVisibility } from '../../src/components/triage-queue/triage-queue.controller.js';
import { queueEn } from '../../src/components/triage-queue/triage-queue.messages.js';
import { EMPTY_FORM, filterOf, needOf } from '../../src/components/triage-queue/triage-queue.model.js';
import type { SoCaseOpenEvent } from '../../src/components/triage-queue/triage-queue.events.js';
import { validRequest } from '../fixtures/requests.js';
import { TestHost } from './support/controller-host.js';

/** Timers a test runs by hand. */
class HandTimers implements QueueTimers {
  readonly due = new Map<number, () => void>();
  private n = 0;
  setTimeout(fn: () => void, _ms: number): unknown {
    this.due.set(++this.n, fn);
    return this.n;
  }
  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }
  /** Runs every timer due now. */
  fire(): void {
    const fns = [...this.due.values()];
    this.due.clear();
    for (const fn of fns) fn();
  }
}

class Visibility extends EventTarget implements QueueVisibility {
  hidden = false;
  set(hidden: boolean): void {
    this.hidden = hidden;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

class Queue extends TestHost implements QueueHost {
  pageSize = 2;
  refreshSeconds = 30;
  words = queueEn;
  locale = 'en' as const;
  readonly opened: string[] = [];
  readonly timers = new HandTimers();
  readonly visibility = new Visibility();
  readonly controller: QueueController;
  constructor(client: SecondOpinionClient) {
    super(client);
    this.controller = new QueueController(this, this.port, { timers: this.timers, visibility: this.visibility });
  }
  openInReview(caseId: string): boolean {
    this.opened.push(caseId);
    return true;
  }
}

const line = (over: Partial<CaseSummary>): CaseSummary => ({
  id: 'c1', reference: 'SO-AAAA-BBBB', status: 'submitted', createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z', actionRequired: false, ...over,
});

describe('what a case needs', () => {
  const now = new Date('2026-11-20T15:00:00Z');
  it('reads new, waiting (with whole days), replied and overdue (only while the clock runs)', () => {
    assert.deepEqual(needOf(line({ status: 'submitted' }), now), { kind: 'new' });
    assert.deepEqual(needOf(line({ status: 'info_requested', waitingSince: '2026-11-17T16:00:00Z' }), now), { kind: 'waiting', days: 2 });
    assert.deepEqual(needOf(line({ status: 'triage', repliedAt: '2026-11-19T09:00:00Z' }), now), { kind: 'replied', at: '2026-11-19T09:00:00Z' });
    assert.equal(needOf(line({ status: 'triage' }), now), undefined);
    assert.deepEqual(needOf(line({ status: 'in_review', expectedBy: '2026-11-17' }), now), { kind: 'overdue', days: 3 });
    assert.equal(needOf(line({ status: 'in_review', expectedBy: '2026-11-20' }), now), undefined, 'due today is not overdue');
    assert.equal(needOf(line({ status: 'info_requested', expectedBy: '2026-11-01', waitingSince: '2026-11-20T14:00:00Z' }), now)?.kind, 'waiting', 'a paused clock is not overdue');
  });

  it('turns the form into the staff list filter', () => {
    const now2 = new Date('2026-11-20T15:00:00Z');
    assert.deepEqual(filterOf(EMPTY_FORM, now2), { status: ['submitted', 'triage', 'info_requested', 'accepted', 'in_review'] });
    assert.deepEqual(filterOf({ ...EMPTY_FORM, show: 'all', reference: ' so-7k ' }, now2), { reference: 'SO-7K' });
    assert.deepEqual(filterOf({ ...EMPTY_FORM, show: 'overdue', dueBy: '2026-12-01' }, now2), { status: ['accepted', 'in_review'], dueBy: '2026-11-19' }, 'overdue keeps the earlier date');
    assert.deepEqual(filterOf({ show: 'triage', specialty: ' Oncology ', urgency: 'soon', dueBy: '2026-11-30', reference: '' }, now2), { status: ['triage'], specialty: 'Oncology', urgency: 'soon', dueBy: '2026-11-30' });
  });
});

// A wait that never ends (a broken controller) fails the test rather than holding the run.
describe('QueueController', { timeout: 20_000 }, () => {
  async function setUp(count: number) {
    let t = Date.parse('2026-11-20T12:00:00Z');
    const client = createClient({ backend: new MemoryBackend({ now: () => new Date((t += 60_000)) }) });
    const made = [];
    for (let i = 0; i < count; i++) made.push(await client.cases.create(validRequest({ urgency: i === 0 ? 'soon' : 'routine' }), { submit: true }));
    const host = new Queue(client);
    host.connect();
    await host.until(() => host.controller.phase === 'ready');
    return { client, host, made };
  }

  it('sorts the whole list through the backend: a new sort starts at its first page, pages keep it, and says so', async () => {
    // setUp: the oldest case is the only urgent one, so by date received it is on the last page.
    const { client, host, made } = await setUp(3);
    const q = host.controller;
    await client.staff.triage(made[1]!.id);
    await client.staff.accept(made[1]!.id, { specialist: { name: 'Dr. Lee', specialty: 'Oncology' } });
    await host.until(() => q.phase === 'ready' && q.items.some((i) => i.id === made[1]!.id && i.expectedBy !== undefined));
    assert.deepEqual(q.items.map((i) => i.id), [made[2]!.id, made[1]!.id], 'newest first');
    q.sortBy('urgency');
    assert.equal(host.announced.at(-1), queueEn.sortedBy(queueEn.sortBy.urgency));
    await host.until(() => q.phase === 'ready' && !q.busy && q.items[0]?.id === made[0]!.id);
    assert.deepEqual(q.items.map((i) => i.id), [made[0]!.id, made[2]!.id], 'the urgent case from the last page comes first');
    assert.equal(q.page!.page, 1);
    await q.move('next');
    assert.deepEqual(q.items.map((i) => i.id), [made[1]!.id], 'the next page in the same order');
    q.sortBy('due');
    await host.until(() => q.phase === 'ready' && !q.busy && q.page!.page === 1 && q.items[0]?.id === made[1]!.id);
    assert.deepEqual(q.items.map((i) => i.id), [made[1]!.id, made[2]!.id], 'the one case with a due date first, back on page 1');
    q.sortBy('bogus' as never);
    assert.equal(q.sort, 'due');
    host.disconnect();
  });

  it('pages through the open cases with the cursor, focus on the list heading after a move', async () => {
    const { host, made } = await setUp(3);
    const q = host.controller;
    assert.deepEqual(q.page!.items.map((i) => i.id), [made[2]!.id, made[1]!.id]);
    assert.equal(q.page!.hasNext, true);
    await q.move('next');
    assert.deepEqual(q.page!.items.map((i) => i.id), [made[0]!.id]);
    assert.deepEqual(host.focused, ['list-heading']);
    await q.move('previous');
    assert.equal(q.page!.page, 1);
    host.disconnect();
  });

  it('filters through the server, and refuses a reference search it would not send (focus on the field)', async () => {
    const { client, host, made } = await setUp(3);
    const q = host.controller;
    const calls: unknown[] = [];
    const list = client.staff.list;
    client.staff.list = (query, options) => (calls.push(query), list(query, options));
    await q.apply({ ...EMPTY_FORM, reference: 'SO_%' });
    assert.equal(q.referenceError, queueEn.referenceInvalid);
    assert.deepEqual(host.focused, ['reference']);
    assert.equal(calls.length, 0, 'nothing was sent');
    await q.apply({ ...EMPTY_FORM, urgency: 'soon' });
    await host.until(() => !q.busy && q.page?.items.length === 1);
    assert.equal(q.page!.items[0]!.id, made[0]!.id);
    assert.equal(q.referenceError, undefined);
    await q.apply({ ...EMPTY_FORM, reference: made[1]!.reference.slice(0, 9).toLowerCase() });
    await host.until(() => !q.busy && q.page?.items.some((i) => i.id === made[1]!.id) === true);
    assert.ok(q.page!.items.every((i) => i.reference.startsWith(made[1]!.reference.slice(0, 9))));
    host.disconnect();
  });

  it('re-reads live: on its timer (announcing a change), never while hidden, and when a case changes through the client', async () => {
    const { client, host, made } = await setUp(1);
    const q = host.controller;
    let reads = 0;
    const list = client.staff.list;
    client.staff.list = (query, options) => (reads++, list(query, options));
    // A move made elsewhere with another client on the same backend: seen on the next timer.
    const other = createClient({ backend: client.backend });
    await other.staff.triage(made[0]!.id);
    assert.equal(q.page!.items[0]!.status, 'submitted');
    host.visibility.hidden = true;
    host.timers.fire();
    await Promise.resolve();
    assert.equal(reads, 0, 'no request while the page is hidden');
    host.visibility.set(false);
    await host.until(() => q.page!.items[0]!.status === 'triage');
    assert.equal(reads, 1, 'coming back reads once');
    assert.deepEqual(host.announced, [queueEn.updated]);
    // A move through this client (a <so-case-review> on the same page) re-reads at once.
    await client.staff.requestInformation(made[0]!.id, { message: 'More, please.', recordKinds: [] });
    await host.until(() => q.page!.items[0]!.status === 'info_requested');
    assert.equal(q.page!.items[0]!.waitingSince !== undefined, true);
    // The timer is due again after each read.
    assert.equal(host.timers.due.size, 1);
    host.timers.fire();
    await host.until(() => reads === 3);
    host.disconnect();
    assert.equal(host.timers.due.size, 0, 'leaving the page stops the timer');
  });

  it('fires a cancelable so-case-open, and opens the case in the review unless cancelled', async () => {
    const { host, made } = await setUp(1);
    const q = host.controller;
    const seen: SoCaseOpenEvent[] = [];
    const veto = (e: Event) => {
      seen.push(e as SoCaseOpenEvent);
      e.preventDefault();
    };
    host.addEventListener('so-case-open', veto);
    q.open(q.page!.items[0]!);
    assert.equal(seen[0]!.caseId, made[0]!.id);
    assert.equal(seen[0]!.reference, made[0]!.reference);
    assert.deepEqual(host.opened, [], 'cancelled: nothing opened');
    host.removeEventListener('so-case-open', veto);
    q.open(q.page!.items[0]!);
    assert.deepEqual(host.opened, [made[0]!.id]);
    assert.equal(q.openedId, made[0]!.id);
    host.disconnect();
  });

  it('never shows a line outside the filter, even from a backend whose staff list ignores it', async () => {
    const { client, host, made } = await setUp(3);
    const q = host.controller;
    const list = client.staff.list;
    // A backend with no filters: it answers every case whatever is asked.
    client.staff.list = (query = {}, options) => list({ ...(query.cursor ? { cursor: query.cursor } : {}), ...(query.limit ? { limit: query.limit } : {}) }, options);
    await q.apply({ ...EMPTY_FORM, show: 'all', urgency: 'soon' });
    await host.until(() => !q.busy && q.form.urgency === 'soon' && q.page !== undefined && q.page.items.every((i) => i.urgency === 'soon'));
    // The first page (two newest, both routine) comes back empty rather than wrong; the soon one is on the next.
    assert.equal(q.page!.items.length, 0);
    assert.equal(q.page!.hasNext, true);
    await q.move('next');
    assert.deepEqual(q.page!.items.map((i) => i.id), [made[0]!.id]);
    host.disconnect();
  });

  it('says "this page is for staff" for a patient token (a 403), an error otherwise', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    client.staff.list = () => Promise.reject(new ForbiddenError({ status: 403 }));
    const host = new Queue(client);
    host.connect();
    await host.until(() => host.controller.phase !== 'loading' && !host.controller.busy);
    assert.equal(host.controller.phase, 'staff-only');
    const other = createClient({ backend: new MemoryBackend() });
    other.staff.list = () => Promise.reject(new Error('offline'));
    const host2 = new Queue(other);
    host2.connect();
    await host2.until(() => host2.controller.phase !== 'loading' && !host2.controller.busy);
    assert.equal(host2.controller.phase, 'error');
    host.disconnect();
    host2.disconnect();
  });
});
