// Whole-file SHA-256 off the main thread: a module Worker where the runtime has one, else the same
// incremental loop on the main thread in 4 MiB slices (Node, or a CDN page that may not start the Worker).
import { HashCancelled } from './hash-cancelled.js';
import { onDemand } from '../on-demand.js';

// hash-wasm loads with the first hash: pages that hash in the Worker never load it here.
const HASH_CORE = onDemand(() => import('./hash-core.js'));

/** Hashes Blobs. Injectable so tests and hosts can swap the strategy. */
export interface Hasher {
  /** Hex SHA-256 of `blob`. Rejects with `HashCancelled` when `signal` aborts. */
  hash(blob: Blob, options?: { onProgress?: (bytes: number) => void; signal?: AbortSignal }): Promise<string>;
  /** Frees the Worker, if any. */
  dispose(): void;
}

/** Hashes on the calling thread, one slice per task. */
export class MainThreadHasher implements Hasher {
  /** How the last hash was made, for tests and diagnostics. */
  readonly mode = 'main-thread';
  async hash(blob: Blob, options: { onProgress?: (bytes: number) => void; signal?: AbortSignal } = {}): Promise<string> {
    const { sha256Incremental } = await HASH_CORE.load();
    return sha256Incremental(blob, { ...(options.onProgress ? { onProgress: options.onProgress } : {}), cancelled: () => options.signal?.aborted ?? false });
  }
  dispose(): void {}
}

interface Pending {
  resolve: (hex: string) => void;
  reject: (e: unknown) => void;
  onProgress?: (bytes: number) => void;
  blob: Blob;
  options: { onProgress?: (bytes: number) => void; signal?: AbortSignal };
}

/** Makes the hashing Worker; a function so bundlers see the `new Worker(new URL(...))` pattern as written. */
export type WorkerFactory = () => Worker;

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

let viaTrustedTypes = false;
let policy: ReturnType<TrustedTypesLike['createPolicy']> | undefined;

/**
 * Starts the Worker through a Trusted Types policy named `second-opinion-kit` (for pages with
 * `require-trusted-types-for 'script'`). The CDN bundle turns this on; bundler builds keep the
 * plain `new Worker(new URL(...))` pattern bundlers recognise.
 */
export function useTrustedTypesForWorker(): void {
  viaTrustedTypes = true;
}

const defaultFactory: WorkerFactory = () => {
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (viaTrustedTypes && tt) {
    const href = new URL('./hash.worker.js', import.meta.url).href;
    // The policy passes this one URL and nothing else.
    policy ??= tt.createPolicy('second-opinion-kit', {
      createScriptURL: (url) => {
        if (url !== href) throw new TypeError('second-opinion-kit: unexpected script URL');
        return url;
      },
    });
    return new Worker(policy.createScriptURL(href) as string, { type: 'module' });
  }
  return new Worker(new URL('./hash.worker.js', import.meta.url), { type: 'module' });
};

/**
 * Hashes in one module Worker shared by every upload of a manager. If the Worker cannot start
 * (no Worker, cross-origin script, CSP `worker-src`), every job falls back to the main thread.
 */
export class WorkerHasher implements Hasher {
  private worker?: Worker;
  private broken = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly fallback = new MainThreadHasher();
  /** Hashes finished so far by each path, so tests and diagnostics can tell which one ran. */
  readonly completed = { worker: 0, mainThread: 0 };

  constructor(private readonly factory: WorkerFactory = defaultFactory) {}

  /** `worker` while the Worker serves jobs, `main-thread` after a fallback. */
  get mode(): 'worker' | 'main-thread' {
    return this.broken ? 'main-thread' : 'worker';
  }

  private start(): Worker | undefined {
    if (this.broken) return undefined;
    if (this.worker) return this.worker;
    try {
      const w = this.factory();
      w.onmessage = (e: MessageEvent<{ id: number; progress?: number; sha256?: string; error?: string }>) => {
        const job = this.pending.get(e.data.id);
        if (!job) return;
        if (e.data.progress !== undefined) job.onProgress?.(e.data.progress);
        else {
          this.pending.delete(e.data.id);
          if (e.data.sha256) {
            this.completed.worker++;
            job.resolve(e.data.sha256);
          }
          else job.reject(e.data.error === 'cancelled' ? new HashCancelled() : new Error('hashing failed'));
        }
      };
      // A Worker that fails to load reports it here: move every waiting job to the main thread.
      w.onerror = (e) => {
        e.preventDefault?.();
        this.giveUp();
      };
      this.worker = w;
      return w;
    } catch {
      this.broken = true;
      return undefined;
    }
  }

  private giveUp(): void {
    this.broken = true;
    this.worker?.terminate();
    this.worker = undefined;
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) this.onMainThread(job.blob, job.options).then(job.resolve, job.reject);
  }

  hash(blob: Blob, options: { onProgress?: (bytes: number) => void; signal?: AbortSignal } = {}): Promise<string> {
    const worker = typeof Worker === 'function' ? this.start() : undefined;
    if (!worker) return this.onMainThread(blob, options);
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      const job: Pending = { resolve, reject, blob, options };
      if (options.onProgress) job.onProgress = options.onProgress;
      this.pending.set(id, job);
      options.signal?.addEventListener('abort', () => {
        if (!this.pending.delete(id)) return;
        this.worker?.postMessage({ id, cancel: true });
        reject(new HashCancelled());
      }, { once: true });
      worker.postMessage({ id, blob });
    });
  }

  private async onMainThread(blob: Blob, options: { onProgress?: (bytes: number) => void; signal?: AbortSignal }): Promise<string> {
    const hex = await this.fallback.hash(blob, options);
    this.completed.mainThread++;
    return hex;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const job of this.pending.values()) job.reject(new HashCancelled());
    this.pending.clear();
  }
}

/** The best hasher for this runtime. */
export function defaultHasher(): Hasher {
  return typeof Worker === 'function' ? new WorkerHasher() : new MainThreadHasher();
}
