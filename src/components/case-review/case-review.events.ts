// The events <so-case-review> dispatches (bubbling, composed), typed.
import type { Status } from '../../core/model/codes.js';
import type { StaffMove } from './case-review.model.js';

/** A staff move went through: the case is now in `status`. */
export class SoCaseMovedEvent extends Event {
  static readonly type = 'so-case-moved';
  readonly caseId: string;
  readonly move: StaffMove;
  readonly status: Status;
  constructor(caseId: string, move: StaffMove, status: Status) {
    super(SoCaseMovedEvent.type, { bubbles: true, composed: true });
    this.caseId = caseId;
    this.move = move;
    this.status = status;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'so-case-moved': SoCaseMovedEvent;
  }
}
