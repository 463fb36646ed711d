// The headless upload engine: a queue of record uploads with a concurrency limit, shared settings
// (limits, retries, stall timeout, hashing Worker, resume storage) and every upload's events.
import type { UploadHttpStack } from './tus-types.js';
import type { ClientEngines, SecondOpinionClient } from '../client/client.js';
import type { UploadOptions } from '../client/engines.js';
import type { MediaType } from '../model/codes.js';
import { BeforeUploadEvent, type UploadEventMap } from './events.js';
import { FetchHttpStack } from './fetch-http-stack.js';
import type { FileLimits } from './file-check.js';
import { defaultHasher, type Hasher } from './hasher.js';
import type { PartPlanOptions } from './part-planner.js';
import { ManagedUpload, type AddUploadOptions, type UploadEnvironment } from './record-upload.js';
import { ResumeStore, type KeyValueStorage } from './resume-store.js';
import type { UploadRetryOptions } from './retry-policy.js';
import type { UploadTimers } from './tus-transfer.js';

/** Settings of an UploadManager. */
export interface UploadManagerOptions {
  /** Uploads running at once. Default 3. */
  concurrency?: number;
  /** Largest file, when tighter than the backend's limit. */
  maxSize?: number;
  /** Accepted media types, when narrower than the backend's. */
  accept?: readonly MediaType[];
  /** Where resume entries live. Default `localStorage` (opaque fingerprints and URLs only), else memory. */
  storage?: KeyValueStorage;
  /** Abort a request that shows no progress for this long, and try again. Default 30000 ms. */
  stallTimeoutMs?: number;
  retry?: UploadRetryOptions;
  parts?: Omit<PartPlanOptions, 'concatenation'>;
  /** Files up to this size are hashed before creation and send their hash with it. Default 16 MiB. */
  hashFirstMaxBytes?: number;
  /** The SHA-256 strategy. Default a module Worker, falling back to the main thread in slices. */
  hasher?: Hasher;
  /** tus-js-client's HTTP stack. Default XHR in browsers, `fetch` elsewhere. */
  httpStack?: UploadHttpStack;
  /** Timers and clock; tests pass fake ones. */
  timers?: UploadTimers;
  /** Randomness for backoff jitter, in [0, 1). */
  random?: () => number;
}

const realTimers: UploadTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

const ALL_TYPES: readonly MediaType[] = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/tiff', 'application/dicom', 'application/zip'];

/** Uploads records, a few at a time, resumably and verified. Events: `state`, `progress`, `error`, `record`, cancelable `before-upload`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed addEventListener, as DOM classes do
export class UploadManager extends EventTarget {
  /** Plug this into a client: `client.use({ upload: manager.engine })`. */
  readonly engine: NonNullable<ClientEngines['upload']>;
  private readonly all: ManagedUpload[] = [];
  private readonly waiting: ManagedUpload[] = [];
  private readonly urgent: ManagedUpload[] = [];
  private head = 0;
  private readonly active = new Set<ManagedUpload>();
  private pumping = false;
  private readonly env: UploadEnvironment;
  private readonly concurrency: number;

  constructor(private readonly options: UploadManagerOptions = {}) {
    super();
    this.concurrency = Math.max(1, options.concurrency ?? 3);
    this.engine = (client, caseId, file, opts) => this.add(client, caseId, file, opts);
    const hasXhr = typeof XMLHttpRequest === 'function';
    const httpStack = options.httpStack ?? (hasXhr ? undefined : new FetchHttpStack());
    this.env = {
      hasher: options.hasher ?? defaultHasher(),
      store: new ResumeStore(options.storage),
      timers: options.timers ?? realTimers,
      random: options.random ?? Math.random,
      retry: options.retry ?? {},
      parts: options.parts ?? {},
      stallTimeoutMs: options.stallTimeoutMs ?? 30_000,
      hashFirstMaxBytes: options.hashFirstMaxBytes ?? 16 * 1024 * 1024,
      ...(httpStack ? { httpStack } : {}),
      limits: (client, opts) => this.limits(client, opts),
      beforeUpload: (upload, mediaType) => this.dispatchEvent(new BeforeUploadEvent(upload, upload.caseId, upload.file, mediaType)),
      forward: (event) => this.dispatchEvent(event),
      enqueue: (upload, first) => {
        (first ? this.urgent : this.waiting).push(upload);
        this.schedule();
      },
      release: (upload) => {
        if (this.active.delete(upload)) this.schedule();
      },
    };
  }

  /** The SHA-256 strategy in use (a WorkerHasher in browsers: its `mode` and `completed` say which path ran). */
  get hasher(): Hasher {
    return this.env.hasher;
  }

  /** Every upload added, in order. */
  get uploads(): readonly ManagedUpload[] {
    return this.all;
  }

  /** Queues a file for a case. Reads nothing from the file until its turn. */
  add(client: SecondOpinionClient, caseId: string, file: Blob, options: AddUploadOptions | UploadOptions): ManagedUpload {
    const upload = new ManagedUpload(client, caseId, file, options, this.env);
    this.all.push(upload);
    upload.start();
    return upload;
  }

  /** Pauses every upload that is queued or running. */
  pauseAll(): void {
    for (const u of this.all) u.pause();
  }

  /** Resumes every paused upload. */
  resumeAll(): void {
    for (const u of this.all) u.resume();
  }

  /** Retries every failed upload. */
  retryFailed(): void {
    for (const u of this.all) u.retry();
  }

  /** Cancels every unfinished upload. */
  async cancelAll(): Promise<void> {
    await Promise.all(this.all.map((u) => u.cancel()));
  }

  /** Stops the hashing Worker. The manager should not be used afterwards. */
  dispose(): void {
    this.pauseAll();
    this.env.hasher.dispose();
  }

  private async limits(client: SecondOpinionClient, opts: AddUploadOptions): Promise<{ limits: FileLimits; tusExtensions: readonly string[] }> {
    const config = await client.config();
    const maxSize = Math.min(config.uploads.maxSize, this.options.maxSize ?? Infinity, opts.maxSize ?? Infinity);
    const accept = config.uploads.acceptedTypes.filter((t) => (this.options.accept ?? ALL_TYPES).includes(t) && (opts.accept ?? ALL_TYPES).includes(t));
    return { limits: { maxSize, accept }, tusExtensions: config.uploads.tusExtensions };
  }

  // Starting many uploads in one go is batched into one microtask.
  private schedule(): void {
    if (this.pumping) return;
    this.pumping = true;
    queueMicrotask(() => {
      this.pumping = false;
      this.pump();
    });
  }

  private next(): ManagedUpload | undefined {
    while (this.urgent.length) {
      const u = this.urgent.shift() as ManagedUpload;
      if (u.state === 'queued' && !this.active.has(u)) return u;
    }
    while (this.head < this.waiting.length) {
      const u = this.waiting[this.head++] as ManagedUpload;
      if (u.state === 'queued' && !this.active.has(u)) return u;
    }
    // Everything waiting was taken: drop the consumed prefix.
    this.waiting.length = 0;
    this.head = 0;
    return undefined;
  }

  private pump(): void {
    while (this.active.size < this.concurrency) {
      const u = this.next();
      if (!u) return;
      this.active.add(u);
      void u.begin();
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the class
export interface UploadManager {
  addEventListener<K extends keyof UploadEventMap>(type: K, listener: (this: UploadManager, ev: UploadEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof UploadEventMap>(type: K, listener: (this: UploadManager, ev: UploadEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/** Creates an UploadManager and installs it into `client` as its upload engine. */
export function installUploads(client: SecondOpinionClient, options: UploadManagerOptions = {}): UploadManager {
  const manager = new UploadManager(options);
  client.use({ upload: manager.engine });
  return manager;
}
