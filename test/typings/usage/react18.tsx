// The React 18 wrappers of second-opinion-kit/react: each event prop gets the kit's own event class.
import type {
  SoBeforeUploadEvent, SoCaseCreatedEvent, SoRecordUploadedEvent, SoUploadErrorEvent, SoUploadProgressEvent,
} from 'second-opinion-kit/elements';
import { RecordUploader, RequestForm } from 'second-opinion-kit/react';
import type { SoCaseMovedEvent, SoCaseOpenEvent, SoOpinionIssuedEvent } from 'second-opinion-kit/elements/staff.js';
import { CaseReview, OpinionEditor, TriageQueue } from 'second-opinion-kit/react/staff';
import { assertType } from './assert-type.js';

export const uploader = (
  <RecordUploader
    caseId="case-1"
    onUploadProgress={(e) => assertType<SoUploadProgressEvent>()(e).progress.bytesSent}
    onRecordUploaded={(e) => assertType<SoRecordUploadedEvent>()(e).record.id}
    onUploadError={(e) => assertType<SoUploadErrorEvent>()(e)}
    onBeforeUpload={(e) => assertType<SoBeforeUploadEvent>()(e).preventDefault()}
  />
);

export const form = <RequestForm onCaseCreated={(e) => assertType<SoCaseCreatedEvent>()(e).case.reference} />;

export const wrong = (
  // @ts-expect-error TS2339 an uploaded-record event carries no case
  <RecordUploader onRecordUploaded={(e) => e.case} />
);

// The staff wrappers of second-opinion-kit/react/staff.
export const staff = (
  <>
    <TriageQueue onCaseOpen={(e) => { e.preventDefault(); return assertType<SoCaseOpenEvent>()(e).reference; }} />
    <CaseReview caseId="case-1" onCaseMoved={(e) => assertType<SoCaseMovedEvent>()(e).status} />
    <OpinionEditor caseId="case-1" onOpinionIssued={(e) => assertType<SoOpinionIssuedEvent>()(e).issuedAt} />
  </>
);

export const wrongStaff = (
  // @ts-expect-error TS2339 an opened-case event carries no status
  <TriageQueue onCaseOpen={(e) => e.status} />
);
