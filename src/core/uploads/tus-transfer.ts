// The tus transfer of one record: tus-js-client wired to the kit (its HTTP stack, a lazy Blob
// reader, the resume store as its URL storage, bearer tokens, the creation's Idempotency-Key), with
// our own retries and stall detection around it. It moves bytes and says how far they got; the
// upload's state machine (record-upload.ts) decides what the upload is.
//
// Keep in mind when working here:
// - Retries are ours (`retryDelays: null`): tus-js-client reports every failed request in
//   `onError`, and `onError` decides: a 401 gets one fresh token and one more try; the third 460
//   (checksum mismatch) in a row is an IntegrityError; a failure that may pass (`isRetryableStatus`,
//   and only when a request was made) waits the kit's jittered backoff, never less than the
//   server's Retry-After, and starts again from the server's offset; anything else ends the run.
// - `attempt` counts retries without progress: it goes back to 0 only when bytes beyond the
//   highest offset ever acknowledged arrive, so a connection cut at the same place every time
//   still ends after `retry.limit` tries. 460s are counted apart and progress does not reset them
//   (the server discarded the part); a PATCH that succeeds does.
// - The stall timer is re-armed on every answer and every progress report, and when a run
//   (re)starts; when it fires the request is aborted and the run retries like a cut connection.
//   Whoever ends a run (success, error, `stop()`) clears both timers.
// - One run at a time: every tus-js-client callback and timer checks that its run is the current
//   one; after `stop()`, nothing the old run's upload object reports counts, and its promise rejects
//   with `TransferStopped`.
// - Resume: tus-js-client writes the upload URL(s) through `urlStorage`, which keeps only URLs and
//   the record id under the opaque fingerprint (never the title, kind or a token). A HEAD answered
//   4xx means the stored upload is gone (expired): the next creation is a new action (new key),
//   and the URL and record id are forgotten.
// - Creation (POST) carries the Idempotency-Key, so a creation retried after a cut is the same
//   action on the server; its metadata is read again at that moment, as the hash may have arrived.
import { Upload as TusUpload, type HttpRequest, type HttpResponse, type PreviousUpload, type UrlStorage } from 'tus-js-client';
import type { SecondOpinionClient } from '../client/client.js';
import { newIdempotencyKey } from '../client/client.js';
import { IntegrityError, NetworkError, type SecondOpinionError } from '../errors.js';
import { retryAfterMs } from '../http/retry-after.js';
import { onDemand } from '../on-demand.js';
import { BlobReader } from './blob-reader.js';
import { FileRefusedError } from './file-check.js';
import type { ResumeStore } from './resume-store.js';
import { isRetryableStatus, retryDelayMs, type UploadRetryOptions } from './retry-policy.js';
import type { UploadHttpResponse, UploadHttpStack } from './tus-types.js';

// The problem+json mapping, loaded with the first error answer.
const PROBLEM = onDemand(() => import('../http/problem.js'));

/** Timers and clock, injectable so tests run without waiting. */
export interface UploadTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** The manager's settings a transfer uses. */
export interface TransferEnvironment {
  store: ResumeStore;
  timers: UploadTimers;
  random: () => number;
  retry: UploadRetryOptions;
  stallTimeoutMs: number;
  httpStack?: UploadHttpStack;
}

/** What the transfer asks of its upload. */
export interface TransferHost {
  readonly client: SecondOpinionClient;
  readonly file: Blob;
  /** The tus metadata as it is now (the hash joins it once known). */
  metadata(): Record<string, string>;
  /** `sent` bytes are acknowledged (`final` once the last one is). */
  bytes(sent: number, final: boolean): void;
  /** A problem the transfer will retry after. */
  retrying(error: SecondOpinionError): void;
}

/** The run was ended by `stop()`; the upload ignores it. */
export class TransferStopped extends Error {}

/** Consecutive 460 (checksum mismatch) answers after which the upload fails with an IntegrityError. */
export const MAX_CHECKSUM_FAILURES = 3;

/** The tus side of one record upload; lives as long as the upload, across pauses and retries. */
export class TusTransfer {
  /** The record the server created for this upload, once known. */
  recordId?: string;
  private url?: string;
  private tus?: TusUpload;
  private run = 0;
  private creationKey = newIdempotencyKey();
  private attempt = 0;
  private checksumFailures = 0;
  private highWater = 0;
  private refreshToken = false;
  private refreshed = false;
  private retryTimer?: unknown;
  private stallTimer?: unknown;
  private stopRun?: () => void;

  constructor(private readonly host: TransferHost, private readonly env: TransferEnvironment, private readonly fingerprint: string) {}

  /** Takes the upload URL and record id a previous page kept, where none is known yet. */
  recall(): void {
    const stored = this.env.store.get(this.fingerprint);
    this.recordId ??= stored?.recordId;
    this.url ??= stored?.uploadUrl;
  }

  /** A fresh start after a failure: the retry and checksum counts begin again. */
  resetRetries(): void {
    this.attempt = 0;
    this.checksumFailures = 0;
  }

  /** Ends the current run; what is known (URL, record id) stays for the next one. */
  stop(): void {
    this.run++;
    this.clearTimers();
    void this.tus?.abort(false);
    this.stopRun?.();
    this.stopRun = undefined;
  }

  /** After `stop()`: deletes what the server holds (tus termination); a failure is left to the server's expiry. */
  async terminate(): Promise<void> {
    const tus = this.tus;
    if (!tus || !this.url) return;
    tus.url = this.url;
    await tus.abort(true).catch(() => {
      // The server drops unfinished uploads when they expire; nothing identifying stays here.
    });
  }

  /** Runs tus-js-client until the last byte is acknowledged; resolves with the last answer. */
  send(endpoint: string, partBytes: number, parallel: number): Promise<UploadHttpResponse> {
    const run = ++this.run;
    const { host, env } = this;
    const fp = this.fingerprint;
    const ctx = host.client.context();
    const live = () => run === this.run;
    return new Promise<UploadHttpResponse>((resolve, reject) => {
      this.stopRun = () => reject(new TransferStopped());
      const restart = () => {
        this.kickStall(live, upload, restart, reject);
        upload.start();
      };
      const upload: TusUpload = new TusUpload(host.file, {
        endpoint,
        metadata: host.metadata(),
        chunkSize: partBytes,
        parallelUploads: parallel,
        retryDelays: null,
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        fingerprint: () => Promise.resolve(fp),
        urlStorage: this.urlStorage(),
        fileReader: new BlobReader(),
        ...(env.httpStack ? { httpStack: env.httpStack } : {}),
        onBeforeRequest: async (req: HttpRequest) => {
          const force = this.refreshToken;
          this.refreshToken = false;
          const token = await ctx.getAccessToken(force ? { forceRefresh: true } : undefined);
          if (token) req.setHeader('Authorization', `Bearer ${token}`);
          if (req.getMethod() === 'POST') {
            // The hash may have finished since the upload object was made.
            upload.options.metadata = host.metadata();
            req.setHeader('Idempotency-Key', this.creationKey);
          }
        },
        onAfterResponse: (req: HttpRequest, res: HttpResponse) => {
          if (!live()) return;
          this.kickStall(live, upload, restart, reject);
          const method = req.getMethod();
          if (method === 'PATCH' && res.getStatus() < 300) this.checksumFailures = 0;
          if (method === 'POST' && res.getStatus() < 300) {
            this.recordId = res.getHeader('SO-Record-Id') ?? this.recordId;
          }
          // A stored upload that is gone (expired): the next creation is a new action.
          if (method === 'HEAD' && res.getStatus() >= 400 && res.getStatus() < 500) {
            this.creationKey = newIdempotencyKey();
            this.url = undefined;
            this.recordId = undefined;
          }
        },
        onUploadUrlAvailable: () => {
          if (upload.url) this.url = upload.url;
        },
        onProgress: (sent: number) => {
          if (!live()) return;
          if (sent > this.highWater) {
            this.highWater = sent;
            this.attempt = 0;
          }
          this.kickStall(live, upload, restart, reject);
          host.bytes(sent, false);
        },
        onSuccess: ({ lastResponse }) => {
          if (!live()) return;
          this.clearTimers();
          host.bytes(host.file.size, true);
          resolve(lastResponse);
        },
        onError: (err) => {
          if (!live()) return;
          this.clearTimers();
          this.onError(live, err, restart, reject).catch(reject);
        },
      });
      this.tus = upload;
      const previous = (uploadUrl: string | null, parallelUploadUrls: string[] | null): PreviousUpload =>
        ({ size: host.file.size, metadata: {}, creationTime: '', urlStorageKey: fp, uploadUrl, parallelUploadUrls });
      if (this.url) upload.resumeFromPreviousUpload(previous(this.url, null));
      else {
        const stored = env.store.get(fp);
        if (stored?.parallelUploadUrls) upload.resumeFromPreviousUpload(previous(null, stored.parallelUploadUrls));
      }
      restart();
    });
  }

  private urlStorage(): UrlStorage {
    const store = this.env.store;
    const entry = (fp: string): PreviousUpload[] => {
      const e = store.get(fp);
      if (!e) return [];
      return [{ size: this.host.file.size, metadata: {}, creationTime: '', urlStorageKey: fp, uploadUrl: e.uploadUrl ?? null, parallelUploadUrls: e.parallelUploadUrls ?? null }];
    };
    return {
      findAllUploads: () => Promise.resolve([]),
      findUploadsByFingerprint: (fp) => Promise.resolve(entry(fp)),
      removeUpload: (key) => Promise.resolve(store.remove(key)),
      // Only the URLs and the record id are kept: tus-js-client's entry also holds the metadata (the title).
      addUpload: (fp, upload) => {
        store.set(fp, {
          ...(upload.uploadUrl ? { uploadUrl: upload.uploadUrl } : {}),
          ...(upload.parallelUploadUrls ? { parallelUploadUrls: upload.parallelUploadUrls } : {}),
          ...(this.recordId ? { recordId: this.recordId } : {}),
        });
        return Promise.resolve(fp);
      },
    };
  }

  private async onError(live: () => boolean, err: Error, restart: () => void, reject: (e: unknown) => void): Promise<void> {
    const res = (err as { originalResponse?: HttpResponse | null }).originalResponse ?? undefined;
    const hadRequest = (err as { originalRequest?: unknown }).originalRequest != null;
    const status = res?.getStatus();
    if (status === 401 && !this.refreshed) {
      // One fresh token, then one more try.
      this.refreshed = true;
      this.refreshToken = true;
      this.retryIn(0, live, restart);
      return;
    }
    if (status === 460 && ++this.checksumFailures >= MAX_CHECKSUM_FAILURES) {
      reject(new IntegrityError({ status, cause: err }));
      return;
    }
    const error = await this.errorOf(res, err);
    if (!live()) return;
    if (hadRequest && isRetryableStatus(status) && this.attempt < (this.env.retry.limit ?? 10)) {
      const wait = retryDelayMs(this.attempt++, this.env.random, this.env.retry, retryAfterMs(res?.getHeader('Retry-After') ?? null));
      this.host.retrying(error);
      this.retryIn(wait, live, restart);
      return;
    }
    reject(error);
  }

  private retryIn(wait: number, live: () => boolean, restart: () => void): void {
    this.retryTimer = this.env.timers.setTimeout(() => {
      this.retryTimer = undefined;
      if (live()) restart();
    }, wait);
  }

  // No sign of life for `stallTimeoutMs`: abort the request and try again from the server's offset.
  private kickStall(live: () => boolean, upload: TusUpload, restart: () => void, reject: (e: unknown) => void): void {
    if (this.stallTimer !== undefined) this.env.timers.clearTimeout(this.stallTimer);
    this.stallTimer = this.env.timers.setTimeout(() => {
      this.stallTimer = undefined;
      if (!live()) return;
      void upload.abort(false);
      const stalled = new NetworkError({}, 'timeout');
      if (this.attempt >= (this.env.retry.limit ?? 10)) {
        reject(stalled);
        return;
      }
      this.host.retrying(stalled);
      this.retryIn(retryDelayMs(this.attempt++, this.env.random, this.env.retry), live, restart);
    }, this.env.stallTimeoutMs);
  }

  /** Clears the stall and retry timers. */
  clearTimers(): void {
    if (this.stallTimer !== undefined) this.env.timers.clearTimeout(this.stallTimer);
    if (this.retryTimer !== undefined) this.env.timers.clearTimeout(this.retryTimer);
    this.stallTimer = this.retryTimer = undefined;
  }

  // The problem+json reader loads with the first failed answer: it is not needed while all goes well.
  private async errorOf(res: HttpResponse | undefined, cause: unknown): Promise<SecondOpinionError> {
    if (!res) return new NetworkError({ cause });
    const status = res.getStatus();
    const { locale } = this.host.client;
    if (status === 413) return new FileRefusedError('file_too_large', locale);
    if (status === 415) return new FileRefusedError('type_not_allowed', locale);
    const headers = new Headers();
    for (const h of ['Retry-After', 'X-Request-Id', 'Content-Type']) {
      const v = res.getHeader(h);
      if (v) headers.set(h, v);
    }
    let body: unknown;
    try {
      body = JSON.parse(res.getBody());
    } catch {
      body = undefined;
    }
    try {
      const { errorFromResponse } = await PROBLEM.load();
      return errorFromResponse(status, headers, body);
    } catch (e) {
      return new NetworkError({ status, cause: e });
    }
  }
}
