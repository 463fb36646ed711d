// Status watching by polling: asks the server whether the case changed since the last look (by
// `_lastUpdated`), and only then reads it and hands on the new timeline entries.
import type { Case } from '../core/model/case.js';

/** What the poller needs from its backend. */
export interface PollOptions {
  intervalMs: number;
  /** Reads the whole case. */
  load: () => Promise<Case>;
  /** The newest `meta.lastUpdated` after `since` (a server instant), or undefined when nothing changed. */
  changedSince: (since: string) => Promise<string | undefined>;
  /** Receives `{ event, case }` for the newest entry at the start, then for each new one (listeners skip ids they have). */
  listener: (event: unknown) => void;
}

/** Starts polling; returns the function that stops it. */
export function pollCase(options: PollOptions): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastEventId = 0;
  let since = '';

  const emit = (c: Case) => {
    for (const event of c.timeline.filter((e) => e.id > lastEventId)) if (!stopped) options.listener({ event, case: c });
    lastEventId = Math.max(lastEventId, c.timeline.at(-1)?.id ?? 0);
  };

  const tick = async () => {
    try {
      const changed = since ? await options.changedSince(since) : undefined;
      if (changed && !stopped) {
        since = changed;
        emit(await options.load());
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
      const c = await options.load();
      // Older entries are not news, but the newest is handed on: a move made while the caller read
      // the case and this watch started would otherwise be lost (listeners drop what they already have).
      lastEventId = Math.max(0, (c.timeline.at(-1)?.id ?? 0) - 1);
      emit(c);
    } catch {
      if (!since) since = new Date(0).toISOString();
    }
    if (!stopped) timer = setTimeout(tick, options.intervalMs);
  })();

  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
