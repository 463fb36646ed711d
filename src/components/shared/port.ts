// What an element lends its controllers for the DOM side of an action (reading out, moving focus,
// firing its events), so the controllers hold no DOM and run in Node.

/** The element's side of its controllers: its live announcements, focus and events. */
export interface ElementPort {
  /** Reads `message` out through the document's live region (never health data); `assertive` for problems that stop the person. */
  announce(message: string, options?: { politeness?: 'polite' | 'assertive' }): void;
  /** Once the element has drawn its state, moves focus to its element with this id. */
  focusOn(id: string): Promise<void>;
  /** Fires one of the element's events from the element; false when a listener cancelled it. */
  emit(event: Event): boolean;
}
