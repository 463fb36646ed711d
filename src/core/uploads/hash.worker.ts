// The hashing Worker: jobs arrive as `{ id, blob }` (a Blob is passed by reference, not copied);
// answers are `{ id, progress }`, `{ id, sha256 }` or `{ id, error }`. `{ id, cancel: true }` stops a job.
import { HashCancelled, sha256Incremental } from './hash-core.js';

interface Job { id: number; blob?: Blob; cancel?: boolean }

const cancelled = new Set<number>();
const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<Job>) => void) | null; postMessage(m: unknown): void };

scope.onmessage = (e) => {
  const { id, blob, cancel } = e.data;
  if (cancel) {
    cancelled.add(id);
    return;
  }
  if (!blob) return;
  let last = 0;
  sha256Incremental(blob, {
    read: 'stream',
    cancelled: () => cancelled.has(id),
    onProgress: (bytes) => {
      // A message per 32 MiB is plenty for a progress bar.
      if (bytes - last >= 32 * 1024 * 1024 || bytes === blob.size) {
        last = bytes;
        scope.postMessage({ id, progress: bytes });
      }
    },
  }).then(
    (sha256) => scope.postMessage({ id, sha256 }),
    (err: unknown) => scope.postMessage({ id, error: err instanceof HashCancelled ? 'cancelled' : 'failed' }),
  ).finally(() => cancelled.delete(id));
};
