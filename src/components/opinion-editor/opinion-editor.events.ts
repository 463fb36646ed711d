// The events <so-opinion-editor> dispatches (bubbling, composed), typed.

/** The opinion was issued (the first, or answers to follow-up questions). */
export class SoOpinionIssuedEvent extends Event {
  static readonly type = 'so-opinion-issued';
  readonly caseId: string;
  /** When the backend recorded it. */
  readonly issuedAt: string;
  constructor(caseId: string, issuedAt: string) {
    super(SoOpinionIssuedEvent.type, { bubbles: true, composed: true });
    this.caseId = caseId;
    this.issuedAt = issuedAt;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'so-opinion-issued': SoOpinionIssuedEvent;
  }
}
