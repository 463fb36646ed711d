// One Event subclass per event the elements dispatch, so listeners are typed.
import type { SecondOpinionError } from '../../core/errors.js';

/** Fired by `<so-provider>` for a client error that no element showed to the person. */
export class SoErrorEvent extends Event {
  static readonly type = 'so-error';
  /** The typed error; its `message` is safe to show. */
  readonly error: SecondOpinionError;
  /** The client method that failed, such as `cases.get`. */
  readonly operation: string;
  constructor(error: SecondOpinionError, operation: string) {
    super(SoErrorEvent.type, { bubbles: true, composed: true });
    this.error = error;
    this.operation = operation;
  }
}

/** Fired by `<so-provider>` when the client it provides changes (built, rebuilt or replaced). */
export class SoClientChangeEvent extends Event {
  static readonly type = 'so-client-change';
  constructor() {
    super(SoClientChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'so-error': SoErrorEvent;
    'so-client-change': SoClientChangeEvent;
  }
}
