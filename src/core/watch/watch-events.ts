// The watcher's events and connection states: small and loaded up front, so a watch handed out
// before the watcher module has loaded can already be listened to.
import type { SecondOpinionError } from '../errors.js';
import type { Case, CaseEvent } from '../model/case.js';

/** How the watcher is connected right now. */
export type WatchConnection = 'connecting' | 'live' | 'polling' | 'paused' | 'waiting' | 'closed';

/** A newer case arrived. */
export class WatchCaseEvent extends Event {
  readonly case: Case;
  readonly previous?: Case;
  constructor(value: Case, previous?: Case) {
    super('case');
    this.case = value;
    this.previous = previous;
  }
}

/** A timeline entry arrived. */
export class WatchTimelineEvent extends Event {
  readonly event: CaseEvent;
  constructor(event: CaseEvent) {
    super('event');
    this.event = event;
  }
}

/** Something went wrong; the watcher keeps trying unless the error is final (auth, not found). */
export class WatchErrorEvent extends Event {
  readonly error: SecondOpinionError;
  readonly final: boolean;
  constructor(error: SecondOpinionError, final: boolean) {
    super('error');
    this.error = error;
    this.final = final;
  }
}

/** The connection changed. */
export class WatchConnectionEvent extends Event {
  readonly connection: WatchConnection;
  constructor(connection: WatchConnection) {
    super('connection');
    this.connection = connection;
  }
}
