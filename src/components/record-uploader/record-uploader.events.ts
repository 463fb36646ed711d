// The events <so-record-uploader> dispatches (bubbling, composed), typed. None carries a file name.
import type { UploadProgress, UploadState } from '../../core/client/engines.js';
import type { SecondOpinionError } from '../../core/errors.js';
import type { CaseRecord } from '../../core/model/case.js';
import type { MediaType, RecordKind } from '../../core/model/codes.js';

/** Bytes went out for one record (at most a few times a second). */
export class SoUploadProgressEvent extends Event {
  static readonly type = 'so-upload-progress';
  /** The upload's local id (not a record id). */
  readonly uploadId: string;
  readonly progress: UploadProgress;
  constructor(uploadId: string, progress: UploadProgress) {
    super(SoUploadProgressEvent.type, { bubbles: true, composed: true });
    this.uploadId = uploadId;
    this.progress = progress;
  }
}

/** A record arrived and the service's SHA-256 equals the browser's. */
export class SoRecordUploadedEvent extends Event {
  static readonly type = 'so-record-uploaded';
  readonly uploadId: string;
  readonly record: CaseRecord;
  constructor(uploadId: string, record: CaseRecord) {
    super(SoRecordUploadedEvent.type, { bubbles: true, composed: true });
    this.uploadId = uploadId;
    this.record = record;
  }
}

/** A record was refused, rejected or failed, or hit a problem it is retrying after (`willRetry`). */
export class SoUploadErrorEvent extends Event {
  static readonly type = 'so-upload-error';
  readonly uploadId: string;
  /** The typed error (`code`, `status`, `issues`). */
  readonly error: SecondOpinionError;
  readonly willRetry: boolean;
  /** The upload's state after the problem. */
  readonly state: UploadState;
  constructor(uploadId: string, error: SecondOpinionError, willRetry: boolean, state: UploadState) {
    super(SoUploadErrorEvent.type, { bubbles: true, composed: true });
    this.uploadId = uploadId;
    this.error = error;
    this.willRetry = willRetry;
    this.state = state;
  }
}

/** A file passed the checks and is about to be sent; `preventDefault()` cancels it before any byte leaves. */
export class SoBeforeUploadEvent extends Event {
  static readonly type = 'so-before-upload';
  readonly uploadId: string;
  readonly kind: RecordKind;
  readonly title: string;
  /** What the content is, sniffed from its first bytes. */
  readonly mediaType: MediaType;
  readonly size: number;
  constructor(init: { uploadId: string; kind: RecordKind; title: string; mediaType: MediaType; size: number }) {
    super(SoBeforeUploadEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.uploadId = init.uploadId;
    this.kind = init.kind;
    this.title = init.title;
    this.mediaType = init.mediaType;
    this.size = init.size;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'so-upload-progress': SoUploadProgressEvent;
    'so-record-uploaded': SoRecordUploadedEvent;
    'so-upload-error': SoUploadErrorEvent;
    'so-before-upload': SoBeforeUploadEvent;
  }
}
