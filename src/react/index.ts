// React 18 wrappers (React 19 uses the tags directly, typed by dist/types/react-jsx.d.ts).
// Importing this module registers the elements, since React renders them by tag.
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import '../elements/index.js';
import { SoProvider } from '../components/provider/provider.js';
import { SoStatusBadge } from '../components/status-badge/status-badge.js';
import type { SoClientChangeEvent, SoErrorEvent } from '../components/shared/events.js';
import { SoRequestForm } from '../components/request-form/request-form.js';
import type { SoCaseCreatedEvent, SoStepChangeEvent } from '../components/request-form/request-form.events.js';
import { SoStatusTracker } from '../components/status-tracker/status-tracker.js';
import type { SoActionRequiredEvent, SoBeforeWithdrawEvent, SoStatusChangedEvent } from '../components/status-tracker/status-tracker.events.js';
import { SoOpinionSummary } from '../components/opinion-summary/opinion-summary.js';
import type { SoAnotherOpinionEvent, SoOpinionSharedEvent } from '../components/opinion-summary/opinion-summary.events.js';
import { SoRecordUploader } from '../components/record-uploader/record-uploader.js';
import type { SoBeforeUploadEvent, SoRecordUploadedEvent, SoUploadErrorEvent, SoUploadProgressEvent } from '../components/record-uploader/record-uploader.events.js';

/** `<so-provider>` for React 18: `onError` and `onClientChange` map to `so-error` and `so-client-change`. */
export const Provider = createComponent({
  tagName: 'so-provider',
  elementClass: SoProvider,
  react: React,
  events: {
    onError: 'so-error' as EventName<SoErrorEvent>,
    onClientChange: 'so-client-change' as EventName<SoClientChangeEvent>,
  },
});

/** `<so-status-badge>` for React 18. */
export const StatusBadge = createComponent({
  tagName: 'so-status-badge',
  elementClass: SoStatusBadge,
  react: React,
});

/** `<so-request-form>` for React 18: `onStepChange` and `onCaseCreated` map to `so-step-change` and `so-case-created`. */
export const RequestForm = createComponent({
  tagName: 'so-request-form',
  elementClass: SoRequestForm,
  react: React,
  events: {
    onStepChange: 'so-step-change' as EventName<SoStepChangeEvent>,
    onCaseCreated: 'so-case-created' as EventName<SoCaseCreatedEvent>,
  },
});

/** `<so-status-tracker>` for React 18: `onStatusChanged`, `onActionRequired` and `onBeforeWithdraw`. */
export const StatusTracker = createComponent({
  tagName: 'so-status-tracker',
  elementClass: SoStatusTracker,
  react: React,
  events: {
    onStatusChanged: 'so-status-changed' as EventName<SoStatusChangedEvent>,
    onActionRequired: 'so-action-required' as EventName<SoActionRequiredEvent>,
    onBeforeWithdraw: 'so-before-withdraw' as EventName<SoBeforeWithdrawEvent>,
  },
});

/** `<so-opinion-summary>` for React 18: `onOpinionShared` and `onAnotherOpinion`. */
export const OpinionSummary = createComponent({
  tagName: 'so-opinion-summary',
  elementClass: SoOpinionSummary,
  react: React,
  events: {
    onOpinionShared: 'so-opinion-shared' as EventName<SoOpinionSharedEvent>,
    onAnotherOpinion: 'so-another-opinion' as EventName<SoAnotherOpinionEvent>,
  },
});

/** `<so-record-uploader>` for React 18: `onUploadProgress`, `onRecordUploaded`, `onUploadError` and `onBeforeUpload`. */
export const RecordUploader = createComponent({
  tagName: 'so-record-uploader',
  elementClass: SoRecordUploader,
  react: React,
  events: {
    onUploadProgress: 'so-upload-progress' as EventName<SoUploadProgressEvent>,
    onRecordUploaded: 'so-record-uploaded' as EventName<SoRecordUploadedEvent>,
    onUploadError: 'so-upload-error' as EventName<SoUploadErrorEvent>,
    onBeforeUpload: 'so-before-upload' as EventName<SoBeforeUploadEvent>,
  },
});
