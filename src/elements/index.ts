/** Registers every second-opinion-kit element and exports their classes and shared helpers. */
import './provider.js';
import './status-badge.js';
import './request-form.js';
import './status-tracker.js';
import './opinion-summary.js';
import './record-uploader.js';

export * from '../components/index.js';
export { SoStatusTracker } from '../components/status-tracker/status-tracker.js';
export { SoStatusChangedEvent, SoActionRequiredEvent, SoBeforeWithdrawEvent } from '../components/status-tracker/status-tracker.events.js';
export type { TrackerMessages } from '../components/status-tracker/status-tracker.messages.js';
export { SoOpinionSummary } from '../components/opinion-summary/opinion-summary.js';
export { SoOpinionSharedEvent, SoAnotherOpinionEvent } from '../components/opinion-summary/opinion-summary.events.js';
export type { OpinionMessages } from '../components/opinion-summary/opinion-summary.messages.js';
export { SoRequestForm } from './request-form.js';
export { SoStepChangeEvent, SoCaseCreatedEvent } from '../components/request-form/request-form.events.js';
export type { RequestFormI18n } from '../components/request-form/request-form.js';
export { SoRecordUploader } from './record-uploader.js';
export { SoUploadProgressEvent, SoRecordUploadedEvent, SoUploadErrorEvent, SoBeforeUploadEvent } from '../components/record-uploader/record-uploader.events.js';
export type { UploaderMessages } from '../components/record-uploader/record-uploader.messages.js';
