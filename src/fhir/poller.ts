// Status watching by polling: asks the server whether the case changed since the last look (by
// `_lastUpdated`), and only then reads it and hands on the new timeline entries. TimelineFeed is
// the handing on, shared with the Subscription watch so a fall back to polling repeats nothing.
import type { Case } from '../core/model/case.js';

/** Hands a case's new timeline entries to a listener as `{ event, case }`, each entry once, whoever read the case. */
export class TimelineFeed {
  private last: number | undefined;
  private stopped = false;

  constructor(private readonly listener: (event: unknown) => void) {}

  /** Hands on the entries not handed on yet; from the first case read, only its newest. */
  push(c: Case): void {
    // Older entries are not news, but the newest is handed on: a move made while the caller read
    // the case and this watch started would otherwise be lost (listeners drop what they already have).
    const from = this.last ?? Math.max(0, (c.timeline.at(-1)?.id ?? 0) - 1);
    for (const event of c.timeline.filter((e) => e.id > from)) if (!this.stopped) this.listener({ event, case: c });
    this.last = Math.max(from, c.timeline.at(-1)?.id ?? 0);
  }

  /** Hands on nothing more. */
  stop(): void {
    this.stopped = true;
  }
}

/** What the poller needs from its backend. */
export interface PollOptions {
  intervalMs: number;
  /** Reads the whole case. */
  load: () => Promise<Case>;
  /** The newest `meta.lastUpdated` after `since` (a server instant), or undefined when nothing changed. */
  changedSince: (since: string) => Promise<string | undefined>;
  /** Receives the cases read (listeners skip ids they have); stopped with the poller. */
  feed: TimelineFeed;
}

/** Starts polling; returns the function that stops it. */
export function pollCase(options: PollOptions): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let since = '';

  const tick = async () => {
    try {
      const changed = since ? await options.changedSince(since) : undefined;
      if (changed && !stopped) {
        since = changed;
        options.feed.push(await options.load());
      }
    } catch {
      // A failed poll is retried at the next tick; the watch engine reports lasting failures.
    }
    if (!stopped) timer = setTimeout(tick, options.intervalMs);
  };

  void (async () => {
    try {
      // The server's time first, then the case: a move made in between is then seen by the next tick.
      since = await options.changedSince('1970-01-01T00:00:00Z') ?? new Date(0).toISOString();
      // Stopped meanwhile (the page was hidden, say): make no more requests.
      if (stopped) return;
      options.feed.push(await options.load());
    } catch {
      if (!since) since = new Date(0).toISOString();
    }
    if (!stopped) timer = setTimeout(tick, options.intervalMs);
  })();

  return () => {
    stopped = true;
    options.feed.stop();
    if (timer !== undefined) clearTimeout(timer);
  };
}
