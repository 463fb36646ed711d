// Events of the upload engine, on each upload and again on its manager.
import type { SecondOpinionError } from '../errors.js';
import type { CaseRecord } from '../model/case.js';
import type { MediaType } from '../model/codes.js';
import type { UploadProgress, UploadState } from '../client/engines.js';
import type { RecordUpload } from '../client/engines.js';

/** An upload changed state. */
export class UploadStateEvent extends Event {
  static readonly type = 'state';
  constructor(readonly upload: RecordUpload, readonly state: UploadState, readonly previous: UploadState) {
    super(UploadStateEvent.type);
  }
}

/** More bytes went out (at most a few times a second). */
export class UploadProgressEvent extends Event {
  static readonly type = 'progress';
  constructor(readonly upload: RecordUpload, readonly progress: UploadProgress) {
    super(UploadProgressEvent.type);
  }
}

/** An upload failed, was refused, or hit a problem it is retrying after (`willRetry`). */
export class UploadErrorEvent extends Event {
  static readonly type = 'error';
  constructor(readonly upload: RecordUpload, readonly error: SecondOpinionError, readonly willRetry: boolean) {
    super(UploadErrorEvent.type);
  }
}

/** The record is verified: the server's SHA-256 equals the client's. */
export class UploadRecordEvent extends Event {
  static readonly type = 'record';
  constructor(readonly upload: RecordUpload, readonly record: CaseRecord) {
    super(UploadRecordEvent.type);
  }
}

/** Fired on the manager when a file passed the local checks, before any byte is sent. Cancelable: `preventDefault()` cancels the upload. */
export class BeforeUploadEvent extends Event {
  static readonly type = 'before-upload';
  constructor(readonly upload: RecordUpload, readonly caseId: string, readonly file: Blob, readonly mediaType: MediaType) {
    super(BeforeUploadEvent.type, { cancelable: true });
  }
}

/** The events of an upload and of the manager, by type. */
export interface UploadEventMap {
  state: UploadStateEvent;
  progress: UploadProgressEvent;
  error: UploadErrorEvent;
  record: UploadRecordEvent;
  'before-upload': BeforeUploadEvent;
}
