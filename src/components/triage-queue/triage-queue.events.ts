// The events <so-triage-queue> dispatches (bubbling, composed), typed.

/** A case was chosen in the queue; `preventDefault()` keeps the queue from opening it in a `<so-case-review>`. */
export class SoCaseOpenEvent extends Event {
  static readonly type = 'so-case-open';
  readonly caseId: string;
  /** The case reference, as the queue shows it. */
  readonly reference: string;
  constructor(caseId: string, reference: string) {
    super(SoCaseOpenEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.caseId = caseId;
    this.reference = reference;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'so-case-open': SoCaseOpenEvent;
  }
}
