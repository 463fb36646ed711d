// Events the client dispatches. Elements listen to keep one view of a case.
import type { Case } from '../model/case.js';
import type { SecondOpinionError } from '../errors.js';

/** Fired whenever a call returns a newer case. */
export class CaseUpdatedEvent extends Event {
  static readonly type = 'case-updated';
  readonly case: Case;
  constructor(value: Case) {
    super(CaseUpdatedEvent.type);
    this.case = value;
  }
}

/**
 * Fired for every failed call. Cancelable: whoever shows the error to the person calls
 * `preventDefault()`, so a provider can report only the errors nobody handled.
 */
export class ClientErrorEvent extends Event {
  static readonly type = 'client-error';
  readonly error: SecondOpinionError;
  /** The client method that failed, such as `cases.create`. */
  readonly operation: string;
  constructor(error: SecondOpinionError, operation: string) {
    super(ClientErrorEvent.type, { cancelable: true });
    this.error = error;
    this.operation = operation;
  }
}

declare global {
  interface SecondOpinionClientEventMap {
    'case-updated': CaseUpdatedEvent;
    'client-error': ClientErrorEvent;
  }
}
