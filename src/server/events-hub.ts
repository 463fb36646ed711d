// Live case events inside this process: the store publishes after each commit, event streams listen.
import type { Case, CaseEvent } from '../core/model/case.js';

/** What an event stream receives: one timeline entry and the case after it. */
export interface CaseEventMessage {
  event: CaseEvent;
  case: Case;
}

type Listener = (message: CaseEventMessage) => void;

/** Fans each case's events out to its open streams. */
export class EventsHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly closing = new AbortController();

  /** Aborted when the server shuts down: open streams end. */
  get signal(): AbortSignal {
    return this.closing.signal;
  }

  /** Ends every open stream. */
  shutdown(): void {
    this.closing.abort();
  }

  /** Listens to one case; returns the function that stops listening. */
  subscribe(caseId: string, listener: Listener): () => void {
    let set = this.listeners.get(caseId);
    if (!set) this.listeners.set(caseId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(caseId);
    };
  }

  /** Delivers committed events, in order, to every listener of the case. */
  publish(c: Case, events: readonly CaseEvent[]): void {
    const set = this.listeners.get(c.id);
    if (!set) return;
    for (const event of events) for (const l of [...set]) l({ event, case: c });
  }

  /** How many streams are open, for tests and benchmarks. */
  get size(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}
