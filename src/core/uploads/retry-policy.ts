// When an upload tries again: the kit's jittered backoff (`core/backoff.ts`) from 0 in a window of
// 0.5 s doubling to a 30 s cap, never sooner than the server's Retry-After, and only for failures
// that may pass.
import { jitteredDelay } from '../backoff.js';

/** Backoff settings. */
export interface UploadRetryOptions {
  /** First backoff ceiling in ms. Default 500. */
  baseDelayMs?: number;
  /** Largest backoff ceiling in ms. Default 30000. */
  maxDelayMs?: number;
  /** Consecutive attempts without progress before the upload fails. Default 10. */
  limit?: number;
}

/**
 * The wait before retry `attempt` (0-based): uniform in [0, min(cap, base * 2^attempt)], and at
 * least `retryAfterMs` when the server asked for it. `random` is in [0, 1).
 */
export function retryDelayMs(attempt: number, random: () => number, options: UploadRetryOptions = {}, retryAfterMs?: number): number {
  const jittered = Math.floor(jitteredDelay(attempt, { minMs: 0, firstWindowMs: options.baseDelayMs ?? 500, maxMs: options.maxDelayMs ?? 30_000 }, random));
  return retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
}

/**
 * Whether a failed tus request may succeed later: no answer at all (connection cut, stall),
 * 408, 409 (offset moved: a HEAD finds it), 423, 429, 460 (checksum: resend the part) and 5xx.
 */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true;
  return status === 408 || status === 409 || status === 423 || status === 429 || status === 460 || status >= 500;
}
