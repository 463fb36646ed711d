// The events <so-opinion-summary> dispatches (bubbling, composed), typed.

/** The opinion was sent to the care team. */
export class SoOpinionSharedEvent extends Event {
  static readonly type = 'so-opinion-shared';
  readonly caseId: string;
  /** When the backend recorded the sharing (ISO timestamp). */
  readonly sharedAt: string;
  constructor(caseId: string, sharedAt: string) {
    super(SoOpinionSharedEvent.type, { bubbles: true, composed: true });
    this.caseId = caseId;
    this.sharedAt = sharedAt;
  }
}

/** The patient asked for another opinion: the host (or `<so-request-form>`) opens a new request with `previousCaseId`. */
export class SoAnotherOpinionEvent extends Event {
  static readonly type = 'so-another-opinion';
  readonly previousCaseId: string;
  constructor(previousCaseId: string) {
    super(SoAnotherOpinionEvent.type, { bubbles: true, composed: true });
    this.previousCaseId = previousCaseId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'so-opinion-shared': SoOpinionSharedEvent;
    'so-another-opinion': SoAnotherOpinionEvent;
  }
}
