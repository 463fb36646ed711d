// The events <so-request-form> dispatches, one typed class each.
import type { Case } from '../../core/model/case.js';
import type { StepId } from './request-form.model.js';

/** Fired when the person moves to another step. */
export class SoStepChangeEvent extends Event {
  static readonly type = 'so-step-change';
  /** The step left. */
  readonly from: StepId;
  /** The step now shown. */
  readonly to: StepId;
  /** The new step's position, from 1. */
  readonly index: number;
  constructor(from: StepId, to: StepId, index: number) {
    super(SoStepChangeEvent.type, { bubbles: true, composed: true });
    this.from = from;
    this.to = to;
    this.index = index;
  }
}

/** Fired once the case exists. Cancel it to show your own next page instead of the confirmation. */
export class SoCaseCreatedEvent extends Event {
  static readonly type = 'so-case-created';
  /** The created, submitted case. */
  readonly case: Case;
  constructor(value: Case) {
    super(SoCaseCreatedEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.case = value;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'so-step-change': SoStepChangeEvent;
    'so-case-created': SoCaseCreatedEvent;
  }
}
