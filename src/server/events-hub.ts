// Live case events for every server instance on one database. The transaction that commits a
// case's events also sends `NOTIFY so_case_events, '<case id>'`; each instance listens, and on a
// notification reads the case's new events from the database and hands them to its open streams.
// What a stream sends is always read from the tables, after the position it has sent, so a lost
// notification (a dropped listening connection is a "gap": every case is read again) loses
// nothing, and two notifications never send an event twice.
import type { Case, CaseEvent } from '../core/model/case.js';
import type { Db, Queryable } from './db.js';
import type { CaseStore } from './store.js';

/** What an event stream receives: one timeline entry and the case as it is now (never older than the entry). */
export interface CaseEventMessage {
  event: CaseEvent;
  case: Case;
}

/** The channel the committing transaction notifies, with the case id as payload. */
export const CASE_EVENTS_CHANNEL = 'so_case_events';

/**
 * The channel a transaction notifies when it changed a case without a timeline entry (a care-team
 * delivery's state, written by the outbound worker), with the case id as payload.
 */
export const CASE_CHANGES_CHANNEL = 'so_case_changes';

/** Tells every instance, once `tx` commits, that the case has new events. */
export async function notifyCaseEvents(tx: Queryable, caseId: string): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [CASE_EVENTS_CHANNEL, caseId]);
}

/** Tells every instance, once `tx` commits, that the case changed with no new event. */
export async function notifyCaseChanged(tx: Queryable, caseId: string): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [CASE_CHANGES_CHANNEL, caseId]);
}

/** What a stream is told besides events: the case changed without one, and is now at `version`. */
export type ChangeListener = (version: number) => void;

/** One open stream: where it has got to, where its messages go, and how it is ended. */
interface Subscriber {
  sent: number;
  deliver(message: CaseEventMessage): void;
  changed?: ChangeListener | undefined;
  end(): void;
}

// The streams of one case on this instance share each read; a notification that comes during a
// read asks for one more read after it.
interface Feed {
  subscribers: Set<Subscriber>;
  reading: boolean;
  again: boolean;
}

/** Hands each case's committed events to its open streams on this instance. */
export class EventsHub {
  private readonly feeds = new Map<string, Feed>();
  private readonly closing = new AbortController();
  private unlisten: (() => Promise<void>)[] = [];

  constructor(
    private readonly db: Db,
    private readonly store: Pick<CaseStore, 'eventsAfter' | 'get'>,
  ) {}

  /** Starts listening to the database's notifications. */
  async start(): Promise<void> {
    this.unlisten.push(await this.db.listen(CASE_EVENTS_CHANNEL, {
      notify: (caseId) => this.wake(caseId),
      gap: () => {
        for (const caseId of this.feeds.keys()) this.wake(caseId);
      },
    }));
    // A change missed while the listening connection was down is told to every open stream: a
    // client that hears one reads its case again, so one read too many is all a gap costs.
    this.unlisten.push(await this.db.listen(CASE_CHANGES_CHANNEL, {
      notify: (caseId) => void this.tellChanged(caseId),
      gap: () => {
        for (const caseId of this.feeds.keys()) void this.tellChanged(caseId);
      },
    }));
  }

  /** Aborted when the server shuts down: open streams end. */
  get signal(): AbortSignal {
    return this.closing.signal;
  }

  /** Ends every open stream and stops listening. */
  shutdown(): void {
    this.closing.abort();
    for (const stop of this.unlisten.splice(0)) void stop().catch(() => {});
  }

  /**
   * Follows one case from event id `after`: its later events are read at once (the replay), then
   * after every commit, and go to `deliver` in order, each once. `end` is called when the events
   * cannot be read (the stream ends and its client resumes elsewhere); `changed` hears each change
   * committed without an event, with the case's version after it. Returns the function that stops.
   */
  subscribe(caseId: string, after: number, deliver: (m: CaseEventMessage) => void, end: () => void, changed?: ChangeListener): () => void {
    let feed = this.feeds.get(caseId);
    if (!feed) this.feeds.set(caseId, (feed = { subscribers: new Set(), reading: false, again: false }));
    const sub: Subscriber = { sent: after, deliver, changed, end };
    feed.subscribers.add(sub);
    this.wake(caseId);
    return () => {
      feed.subscribers.delete(sub);
      if (!feed.subscribers.size && this.feeds.get(caseId) === feed) this.feeds.delete(caseId);
    };
  }

  // The version is read from the table, not taken from the notification: a stream is never told of
  // a version older than the case it could read.
  private async tellChanged(caseId: string): Promise<void> {
    const feed = this.feeds.get(caseId);
    if (!feed || ![...feed.subscribers].some((s) => s.changed)) return;
    let version: number;
    try {
      version = (await this.store.get(caseId, { system: true })).version;
    } catch {
      return;
    }
    for (const s of [...feed.subscribers]) s.changed?.(version);
  }

  private wake(caseId: string): void {
    const feed = this.feeds.get(caseId);
    if (!feed) return;
    if (feed.reading) {
      feed.again = true;
      return;
    }
    feed.reading = true;
    void this.read(caseId, feed);
  }

  private async read(caseId: string, feed: Feed): Promise<void> {
    try {
      do {
        feed.again = false;
        const subs = [...feed.subscribers];
        if (!subs.length) break;
        const from = Math.min(...subs.map((s) => s.sent));
        const events = await this.store.eventsAfter(caseId, from);
        if (!events.length) continue;
        // Read after the events, so the case is never older than the newest of them.
        const current = await this.store.get(caseId, { system: true });
        for (const s of subs) {
          if (!feed.subscribers.has(s)) continue;
          for (const event of events) {
            if (event.id <= s.sent) continue;
            s.sent = event.id;
            s.deliver({ event, case: current });
          }
        }
      } while (feed.again);
    } catch {
      for (const s of [...feed.subscribers]) s.end();
    } finally {
      feed.reading = false;
    }
    if (feed.again && feed.subscribers.size) this.wake(caseId);
  }

  /** How many streams are open, for tests and benchmarks. */
  get size(): number {
    let n = 0;
    for (const f of this.feeds.values()) n += f.subscribers.size;
    return n;
  }
}
