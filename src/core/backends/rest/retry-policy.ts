// When and how long RestBackend waits before trying a request again.
import { isHTTPError, type RetryOptions } from 'ky';
import { jitteredDelay } from '../../backoff.js';
import { retryAfterMs } from '../../http/retry-after.js';

/** How RestBackend retries: full-jitter exponential backoff, `Retry-After` honoured. */
export interface RestRetryOptions {
  /** Retries after the first attempt. Default 3. */
  limit?: number;
  /** The first backoff ceiling in ms; it doubles per retry. Default 300. */
  baseDelayMs?: number;
  /** The largest backoff ceiling in ms. Default 10000. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited out: the error is reported instead. Default 60000. */
  maxRetryAfterMs?: number;
}

// Only these answers may succeed later: 408, 429 and every 5xx.
const RETRY_STATUSES = [408, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i)];

/** ky's retry options for one call; `safe` is false for a mutation without an idempotency key; `random` is the jitter's, in [0, 1). */
export function kyRetry(options: RestRetryOptions = {}, safe = true, random: () => number = Math.random): RetryOptions {
  const base = options.baseDelayMs ?? 300;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  return {
    limit: safe ? (options.limit ?? 3) : 0,
    // POST and PATCH are safe to repeat: the Idempotency-Key makes the server replay its first answer.
    methods: ['get', 'head', 'post', 'patch', 'put', 'delete'],
    statusCodes: RETRY_STATUSES,
    afterStatusCodes: RETRY_STATUSES,
    // ky keeps deciding whether to retry (statuses, methods, timeouts, its Retry-After wait, which it
    // honours without jitter up to maxRetryAfter): that is ky's job and is tied to its HTTPError. How
    // long to wait otherwise is the kit's one backoff, so REST waits like uploads and the watcher.
    delay: (attempt) => jitteredDelay(attempt - 1, { minMs: 0, firstWindowMs: base, maxMs: maxDelay }, random),
    backoffLimit: maxDelay,
    retryOnTimeout: true,
    shouldRetry: ({ error }) => {
      if (!isHTTPError(error)) return undefined;
      const wait = retryAfterMs(error.response.headers.get('retry-after'));
      return wait !== undefined && wait > maxRetryAfter ? false : undefined;
    },
  };
}
