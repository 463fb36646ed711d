// One record on its way to the backend, as a state machine: checks, hashing, the transfer (tus,
// in tus-transfer.ts, or one call on backends without tus), and the verification that the server's
// SHA-256 equals ours. The manager decides when it runs.
//
//   queued -> hashing? -> uploading -> verifying -> verified
//   queued or active -> paused (pause) -> queued (resume)
//   active -> failed (retry -> queued) | rejected;  anything not final -> cancelled
//
// Keep in mind when working here:
// - `verified`, `rejected` and `cancelled` are final: nothing leaves them. `failed` leaves only by
//   `retry()` and `paused` only by `resume()`, both back to `queued`.
// - One run at a time: `begin()` starts run `generation`; `stop()` (pause, cancel) starts a new
//   generation, and every step of a run checks its generation after each await (`check(gen)`), so a
//   stale run ends quietly (StaleRun, TransferStopped) and never changes state or fires an event.
// - A manager slot is held from `begin()` until the upload leaves `queued` or an active state;
//   every way out (stop, conclude, reject, fail) calls `env.release`, which frees it at most once.
// - `done` settles once per attempt: it resolves when verified and rejects when rejected, failed or
//   cancelled; `retry()` makes a fresh one. Nobody has to listen to it.
// - Verified only when the server's SHA-256 equals ours; a verified record with another hash is a
//   `hash_mismatch` rejection.
// - The resume entry (URLs and record id under an opaque fingerprint, nothing else) is removed when
//   the upload is verified, rejected or cancelled; a failure or a pause keeps it for the next try.
// - Every event goes through `dispatch()`: on the upload, then again on the manager.
import type { SecondOpinionClient } from '../client/client.js';
import { newIdempotencyKey } from '../client/client.js';
import type { RecordUpload, UploadOptions, UploadProgress, UploadState } from '../client/engines.js';
import { ProtocolError, SecondOpinionError, UnsupportedError, isSecondOpinionError } from '../errors.js';
import type { CaseRecord } from '../model/case.js';
import type { MediaType } from '../model/codes.js';
import { UploadErrorEvent, UploadProgressEvent, UploadRecordEvent, UploadStateEvent, type UploadEventMap } from './events.js';
import { FileRefusedError, checkFile, type FileLimits, type RefusalReason } from './file-check.js';
import { uploadFingerprint } from './fingerprint.js';
import { HashCancelled } from './hash-cancelled.js';
import type { Hasher } from './hasher.js';
import { planParts, type PartPlanOptions } from './part-planner.js';
import { TusTransfer, type TransferEnvironment } from './tus-transfer.js';
import type { UploadHttpResponse } from './tus-types.js';

/** Options of one upload beyond the client's `UploadOptions`. */
export interface AddUploadOptions extends UploadOptions {
  /** A size limit tighter than the backend's (the element's `max-size`). */
  maxSize?: number;
  /** Accepted types narrower than the backend's (the element's `accept`). */
  accept?: readonly MediaType[];
}

/** What the manager hands each upload. */
export interface UploadEnvironment extends TransferEnvironment {
  hasher: Hasher;
  parts: PartPlanOptions;
  hashFirstMaxBytes: number;
  limits(client: SecondOpinionClient, options: AddUploadOptions): Promise<{ limits: FileLimits; tusExtensions: readonly string[] }>;
  beforeUpload(upload: ManagedUpload, mediaType: MediaType): boolean;
  forward(event: Event): void;
  enqueue(upload: ManagedUpload, first: boolean): void;
  release(upload: ManagedUpload): void;
}

/** Why a record was rejected: refused before upload, or by the server (`hash_mismatch`, `type_not_allowed`, ...). */
export type RejectionReason = RefusalReason | 'hash_mismatch' | (string & {});

// Thrown inside a run that was paused or cancelled: it ends quietly.
class StaleRun extends Error {}

const ACTIVE: readonly UploadState[] = ['hashing', 'uploading', 'verifying'];
const PROGRESS_INTERVAL_MS = 250;

/** A record upload driven by an UploadManager. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed addEventListener, as DOM classes do
export class ManagedUpload extends EventTarget implements RecordUpload {
  /** Local id of this upload (not the record id). */
  readonly id = newIdempotencyKey();
  private _state: UploadState = 'queued';
  private _progress: UploadProgress = { bytesSent: 0, bytesTotal: 0, speed: 0 };
  private _record?: CaseRecord;
  private _error?: SecondOpinionError;
  private _rejectionReason?: RejectionReason;
  private _done!: Promise<CaseRecord>;
  private settle!: { resolve: (r: CaseRecord) => void; reject: (e: unknown) => void };
  private generation = 0;
  private queued = false;
  private announced = false;
  private mediaType?: MediaType;
  private fingerprint?: string;
  private sha256?: string;
  private hashing?: Promise<string>;
  private hashAbort?: AbortController;
  private transfer?: TusTransfer;
  private sample = { at: 0, bytes: 0 };
  private lastEmit = 0;

  constructor(
    readonly client: SecondOpinionClient,
    readonly caseId: string,
    readonly file: Blob,
    readonly options: AddUploadOptions,
    private readonly env: UploadEnvironment,
  ) {
    super();
    this._progress.bytesTotal = file.size;
    this.resetDone();
    options.signal?.addEventListener('abort', () => void this.cancel(), { once: true });
  }

  /** Where the upload is. */
  get state(): UploadState {
    return this._state;
  }
  /** Bytes sent, speed and time left. */
  get progress(): UploadProgress {
    return this._progress;
  }
  /** The record, once the server made it. */
  get record(): CaseRecord | undefined {
    return this._record;
  }
  /** The last error (refusal, rejection or failure). */
  get error(): SecondOpinionError | undefined {
    return this._error;
  }
  /** Why the record was rejected, when it was. */
  get rejectionReason(): RejectionReason | undefined {
    return this._rejectionReason;
  }
  /** The client's SHA-256 of the file, once known. */
  get contentSha256(): string | undefined {
    return this.sha256;
  }
  /** Settles when verified (resolves) or rejected, failed or cancelled (rejects); `retry()` makes a fresh one. */
  get done(): Promise<CaseRecord> {
    return this._done;
  }

  private resetDone(): void {
    this._done = new Promise<CaseRecord>((resolve, reject) => (this.settle = { resolve, reject }));
    // Nobody has to listen to `done`: state events say the same.
    this._done.catch(() => {});
  }

  /** Queues the upload (if it was not) or retries it after a failure. */
  start(): void {
    if (this._state === 'failed') this.retry();
    else if (this._state === 'queued' && !this.queued) this.enqueue(false);
  }

  /** Tries a failed upload again, from the server's offset. */
  retry(): void {
    if (this._state !== 'failed') return;
    this.resetDone();
    this._error = undefined;
    this.transfer?.resetRetries();
    this.setState('queued');
    this.enqueue(true);
  }

  /** Stops sending; the bytes already sent stay on the server. */
  pause(): void {
    if (this._state !== 'queued' && !ACTIVE.includes(this._state)) return;
    this.stop();
    this.setState('paused');
  }

  /** Continues a paused upload from the server's offset. */
  resume(): void {
    if (this._state !== 'paused') return;
    this.setState('queued');
    this.enqueue(true);
  }

  /** Stops for good and deletes what the server holds (tus termination). */
  async cancel(): Promise<void> {
    if (this._state === 'verified' || this._state === 'rejected' || this._state === 'cancelled') return;
    this.stop();
    this.hashAbort?.abort();
    this.setState('cancelled');
    this.settle.reject(new SecondOpinionError('aborted', 'The upload was cancelled.'));
    if (this.fingerprint) this.env.store.remove(this.fingerprint);
    await this.transfer?.terminate();
  }

  // Ends the current run, frees its slot, keeps what is known (URL, hash).
  private stop(): void {
    this.generation++;
    this.transfer?.stop();
    if (this.queued || ACTIVE.includes(this._state)) this.env.release(this);
    this.queued = false;
  }

  private enqueue(first: boolean): void {
    this.queued = true;
    this.env.enqueue(this, first);
  }

  /** Called by the manager when this upload gets a slot. */
  async begin(): Promise<void> {
    this.queued = false;
    const gen = ++this.generation;
    try {
      await this.run(gen);
    } catch (e) {
      if (e instanceof StaleRun || gen !== this.generation) return;
      this.fail(e);
    }
  }

  private check(gen: number): void {
    if (gen !== this.generation) throw new StaleRun();
  }

  private async run(gen: number): Promise<void> {
    const { limits, tusExtensions } = await this.env.limits(this.client, this.options);
    this.check(gen);
    this.mediaType ??= await checkFile(this.file, limits, this.client.locale);
    this.check(gen);
    if (!this.announced) {
      this.announced = true;
      if (!this.env.beforeUpload(this, this.mediaType)) {
        await this.cancel();
        return;
      }
    }
    const transport = this.client.backend.uploads;
    if (transport?.tusEndpoint) await this.runTus(gen, transport.tusEndpoint(this.caseId), tusExtensions);
    else if (transport?.putRecord) await this.runPut(gen);
    else throw new UnsupportedError('record uploads');
  }

  // Backends without tus (MemoryBackend): hash, then store the record in one call.
  private async runPut(gen: number): Promise<void> {
    this.setState('hashing');
    const sha256 = await this.hashOnce();
    this.check(gen);
    this.setState('uploading');
    const record = await this.client.records.put(this.caseId, this.file, { kind: this.options.kind, title: this.options.title, sha256 });
    this.check(gen);
    this.onBytes(this.file.size, true);
    this.setState('verifying');
    this.conclude(record);
  }

  private hashOnce(): Promise<string> {
    if (this.sha256) return Promise.resolve(this.sha256);
    if (!this.hashing) {
      this.hashAbort = new AbortController();
      this.hashing = this.env.hasher.hash(this.file, { signal: this.hashAbort.signal }).then((hex) => (this.sha256 = hex));
      this.hashing.catch(() => (this.hashing = undefined));
    }
    return this.hashing;
  }

  private async runTus(gen: number, endpoint: string, extensions: readonly string[]): Promise<void> {
    this.fingerprint ??= await uploadFingerprint(this.caseId, this.file);
    this.check(gen);
    this.transfer ??= new TusTransfer({
      client: this.client,
      file: this.file,
      metadata: () => this.metadata(),
      bytes: (sent, final) => this.onBytes(sent, final),
      retrying: (error) => this.dispatch(new UploadErrorEvent(this, error, true)),
    }, this.env, this.fingerprint);
    this.transfer.recall();
    // Small files: hash first and send the hash at creation. Large ones: hash while the bytes travel.
    if (!this.sha256 && this.file.size <= this.env.hashFirstMaxBytes) {
      this.setState('hashing');
      await this.hashOnce();
      this.check(gen);
    } else {
      void this.hashOnce().catch(() => {});
    }
    this.setState('uploading');
    const plan = planParts(this.file.size, { ...this.env.parts, concatenation: extensions.includes('concatenation') });
    const last = await this.transfer.send(endpoint, plan.partBytes, plan.parallel);
    this.check(gen);
    this.transfer.clearTimers();
    this.setState('verifying');
    await this.verify(gen, last, this.transfer);
  }

  private metadata(): Record<string, string> {
    return {
      kind: this.options.kind,
      title: this.options.title,
      ...(this.mediaType ? { mediaType: this.mediaType } : {}),
      ...(this.sha256 ? { sha256: this.sha256 } : {}),
    };
  }

  // The last byte is in: make sure the server's hash is compared with ours, then read the record.
  private async verify(gen: number, last: UploadHttpResponse, transfer: TusTransfer): Promise<void> {
    const recordId = last.getHeader('SO-Record-Id') ?? transfer.recordId;
    if (!recordId) throw new ProtocolError();
    transfer.recordId = recordId;
    const sha256 = await this.hashOnce();
    this.check(gen);
    let record = await this.findRecord(recordId);
    this.check(gen);
    if (record.status === 'received' || record.status === 'uploading') {
      const confirm = this.client.backend.uploads?.confirmRecord;
      if (!confirm) throw new UnsupportedError('record verification');
      record = await this.client.call('records.confirm', 'record', () =>
        confirm.call(this.client.backend.uploads, this.caseId, recordId, { sha256 }, this.client.context({}, true)));
      this.check(gen);
    }
    if (this.fingerprint) this.env.store.remove(this.fingerprint);
    this.conclude(record);
  }

  private async findRecord(recordId: string): Promise<CaseRecord> {
    const c = await this.client.cases.get(this.caseId);
    const record = c.records.find((r) => r.id === recordId);
    if (!record) throw new ProtocolError();
    return record;
  }

  // Verified only when both sides computed the same SHA-256.
  private conclude(record: CaseRecord): void {
    this._record = record;
    if (record.status === 'verified' && (!this.sha256 || record.sha256 === this.sha256)) {
      this.setState('verified');
      this.dispatch(new UploadRecordEvent(this, record));
      this.env.release(this);
      this.settle.resolve(record);
      return;
    }
    const reason = record.status === 'verified' ? 'hash_mismatch' : (record.rejectionReason ?? 'rejected');
    this.reject(reason, new SecondOpinionError('validation', reason === 'hash_mismatch'
      ? 'The file changed on its way to the service. Send it again.'
      : 'The service did not accept this file.'));
  }

  private reject(reason: RejectionReason, error: SecondOpinionError): void {
    this._rejectionReason = reason;
    this._error = error;
    if (this.fingerprint) this.env.store.remove(this.fingerprint);
    this.hashAbort?.abort();
    const wasActive = this.queued || ACTIVE.includes(this._state);
    this.setState('rejected');
    this.dispatch(new UploadErrorEvent(this, error, false));
    if (wasActive) this.env.release(this);
    this.settle.reject(error);
  }

  private fail(e: unknown): void {
    this.transfer?.clearTimers();
    if (e instanceof FileRefusedError) {
      this.reject(e.reason, e);
      return;
    }
    if (e instanceof HashCancelled) return;
    const error = isSecondOpinionError(e) ? e : new ProtocolError({ cause: e });
    this._error = error;
    this.setState('failed');
    this.dispatch(new UploadErrorEvent(this, error, false));
    this.env.release(this);
    this.settle.reject(error);
  }

  private onBytes(sent: number, final: boolean): void {
    const now = this.env.timers.now();
    if (this.sample.at === 0 || sent < this.sample.bytes) this.sample = { at: now, bytes: sent };
    const dt = now - this.sample.at;
    let speed = this._progress.speed;
    if (dt >= PROGRESS_INTERVAL_MS) {
      const instant = ((sent - this.sample.bytes) * 1000) / dt;
      // Exponential smoothing: steady enough to read, quick enough to follow a real change.
      speed = speed > 0 ? speed * 0.7 + instant * 0.3 : instant;
      this.sample = { at: now, bytes: sent };
    }
    const total = this.file.size;
    this._progress = { bytesSent: sent, bytesTotal: total, speed, ...(speed > 0 ? { secondsLeft: Math.max(0, (total - sent) / speed) } : {}) };
    if (final || now - this.lastEmit >= PROGRESS_INTERVAL_MS) {
      this.lastEmit = now;
      this.dispatch(new UploadProgressEvent(this, this._progress));
    }
  }

  private setState(next: UploadState): void {
    const previous = this._state;
    if (previous === next) return;
    this._state = next;
    this.dispatch(new UploadStateEvent(this, next, previous));
  }

  private dispatch(event: UploadStateEvent | UploadProgressEvent | UploadErrorEvent | UploadRecordEvent): void {
    this.dispatchEvent(event);
    this.env.forward(event);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the class
export interface ManagedUpload {
  addEventListener<K extends keyof UploadEventMap>(type: K, listener: (this: ManagedUpload, ev: UploadEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof UploadEventMap>(type: K, listener: (this: ManagedUpload, ev: UploadEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}
