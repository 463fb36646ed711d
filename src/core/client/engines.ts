// The interfaces of the two engines the client drives: resumable record uploads and live case
// watching. The engines themselves are separate modules so the core stays small.
import type { RecordKind } from '../model/codes.js';
import type { Case, CaseEvent, CaseRecord } from '../model/case.js';
import type { SecondOpinionError } from '../errors.js';

/** The states a record upload goes through. */
export type UploadState = 'queued' | 'hashing' | 'uploading' | 'paused' | 'verifying' | 'verified' | 'rejected' | 'failed' | 'cancelled';

export interface UploadOptions {
  kind: RecordKind;
  title: string;
  signal?: AbortSignal;
}

/** Progress of one upload. */
export interface UploadProgress {
  bytesSent: number;
  bytesTotal: number;
  /** Bytes per second, smoothed. */
  speed: number;
  /** Seconds left at the current speed, when known. */
  secondsLeft?: number;
}

/** One record on its way to the backend. Events: `state`, `progress`, `error`. */
export interface RecordUpload extends EventTarget {
  readonly id: string;
  readonly state: UploadState;
  readonly progress: UploadProgress;
  readonly record?: CaseRecord;
  readonly error?: SecondOpinionError;
  start(): void;
  pause(): void;
  resume(): void;
  cancel(): Promise<void>;
  /** Settles when the record is verified (resolves) or rejected, failed or cancelled (rejects). */
  readonly done: Promise<CaseRecord>;
}

export interface WatchOptions {
  /** Resume after this event id. */
  lastEventId?: number;
  signal?: AbortSignal;
}

/** A live view of one case. Events: `case` (a newer case), `event` (a timeline entry), `error`. */
export interface CaseWatch extends EventTarget {
  readonly caseId: string;
  readonly current?: Case;
  readonly lastEvent?: CaseEvent;
  close(): void;
}
