// The events <so-status-tracker> dispatches (bubbling, composed), typed.
import type { ActionRequired } from '../../core/model/case.js';
import type { Status } from '../../core/model/codes.js';

/** The case's status changed (seen live, or after the patient's own action). */
export class SoStatusChangedEvent extends Event {
  static readonly type = 'so-status-changed';
  readonly caseId: string;
  readonly status: Status;
  readonly previousStatus?: Status;
  /** The timeline entry behind the change. */
  readonly eventId: number;
  constructor(init: { caseId: string; status: Status; previousStatus?: Status; eventId: number }) {
    super(SoStatusChangedEvent.type, { bubbles: true, composed: true });
    this.caseId = init.caseId;
    this.status = init.status;
    if (init.previousStatus) this.previousStatus = init.previousStatus;
    this.eventId = init.eventId;
  }
}

/** The patient is needed: an information request arrived (or was open when the case loaded). */
export class SoActionRequiredEvent extends Event {
  static readonly type = 'so-action-required';
  readonly caseId: string;
  readonly action: ActionRequired;
  constructor(caseId: string, action: ActionRequired) {
    super(SoActionRequiredEvent.type, { bubbles: true, composed: true });
    this.caseId = caseId;
    this.action = action;
  }
}

/** About to withdraw after the patient confirmed; `preventDefault()` keeps the case as it is. */
export class SoBeforeWithdrawEvent extends Event {
  static readonly type = 'so-before-withdraw';
  readonly caseId: string;
  readonly reason?: string;
  constructor(caseId: string, reason?: string) {
    super(SoBeforeWithdrawEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.caseId = caseId;
    if (reason) this.reason = reason;
  }
}


declare global {
  interface GlobalEventHandlersEventMap {
    'so-status-changed': SoStatusChangedEvent;
    'so-action-required': SoActionRequiredEvent;
    'so-before-withdraw': SoBeforeWithdrawEvent;
  }
}
