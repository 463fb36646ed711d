// addEventListener on any element or the document gets the kit's event classes from the
// GlobalEventHandlersEventMap augmentations the package's types carry.
import type { SoCaseCreatedEvent, SoRequestForm, SoStatusChangedEvent, SoStatusTracker, SoUploadErrorEvent } from 'second-opinion-kit/elements';
import type { Case } from 'second-opinion-kit';
import { assertType } from './assert-type.js';

export function listen(target: HTMLElement, onCase: (value: Case) => void): void {
  target.addEventListener('so-case-created', (e) => {
    assertType<SoCaseCreatedEvent>()(e);
    onCase(e.case);
  });
  document.addEventListener('so-status-changed', (e) => assertType<SoStatusChangedEvent>()(e).previousStatus);
  window.addEventListener('so-upload-error', (e) => assertType<SoUploadErrorEvent>()(e).error.code);
  // HTMLElementTagNameMap: the tag names give the element classes.
  const form = assertType<SoRequestForm | null>()(document.querySelector('so-request-form'));
  assertType<SoStatusTracker>()(document.createElement('so-status-tracker')).pageSize = 10;
  form?.addEventListener('so-step-change', (e) => e.index);
  // @ts-expect-error TS2339 a step change carries no case
  target.addEventListener('so-step-change', (e) => e.case);
  // @ts-expect-error TS2769 a listener for another event's class
  target.addEventListener('so-case-created', (e: SoStatusChangedEvent) => e.status);
}
