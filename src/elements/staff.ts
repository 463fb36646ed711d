/**
 * Registers the reviewing side's elements (coordinators and specialists) and exports their classes.
 * Not part of `second-opinion-kit/elements` (the patient's bundle): import
 * `second-opinion-kit/elements/staff.js` on staff pages only.
 */
import './triage-queue.js';
import './case-review.js';
import './opinion-editor.js';

export { SoTriageQueue } from './triage-queue.js';
export { SoCaseOpenEvent } from '../components/triage-queue/triage-queue.events.js';
export type { QueueMessages } from '../components/triage-queue/triage-queue.messages.js';
export { SoCaseReview } from './case-review.js';
export { SoCaseMovedEvent } from '../components/case-review/case-review.events.js';
export type { ReviewMessages } from '../components/case-review/case-review.messages.js';
export type { StaffMove, StaffRole } from '../components/case-review/case-review.model.js';
export { SoOpinionEditor } from './opinion-editor.js';
export { SoOpinionIssuedEvent } from '../components/opinion-editor/opinion-editor.events.js';
export type { EditorMessages } from '../components/opinion-editor/opinion-editor.messages.js';
