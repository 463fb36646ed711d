// The kit's one jittered backoff. Every wait before trying again (the live watcher reconnecting,
// an upload retrying a part, RestBackend's ky retries, the server's reconnects and deliveries) is
// drawn here: uniform in [min, window], the window starting at `firstWindowMs` and doubling per
// failed attempt up to `maxMs` ("full jitter", so clients that failed together come back spread
// out). Callers differ only in their parameters and in what floor the server sets.
//
// The watcher's schedule: after an instance goes away (a rolling restart, a crash) its watchers
// drop at once, so the first reconnect is drawn from a short window set by the server's `retry:`
// hint: a patient sees a fresh status within seconds and the watchers still arrive spread out;
// the window doubles only on repeated failures, up to `maxMs`.

export interface BackoffOptions {
  /** The shortest wait, ms. Default 500. */
  minMs?: number;
  /** The longest wait, ms. Default 60000. */
  maxMs?: number;
  /** The window of the first attempt, ms, doubling per failure up to `maxMs`. Default twice the server's hint, else 4000. */
  firstWindowMs?: number;
}

/** A complete schedule for `jitteredDelay`. */
export type BackoffSchedule = Required<BackoffOptions>;

/**
 * The wait before attempt `attempt` (0-based), unrounded: uniform in
 * [min, min(max, firstWindow * 2^attempt)]. `random` is in [0, 1).
 */
export function jitteredDelay(attempt: number, schedule: BackoffSchedule, random: () => number): number {
  const window = Math.min(schedule.maxMs, schedule.firstWindowMs * 2 ** Math.min(attempt, 30));
  return schedule.minMs + random() * Math.max(0, window - schedule.minMs);
}

/**
 * The wait before reconnect attempt `attempt` (0-based): uniform in [min, min(max, window * 2^attempt)],
 * where the first window is `firstWindowMs`, else twice `hintMs` (the server's `retry:`), else 4 s.
 */
export function reconnectDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random, hintMs?: number): number {
  return Math.round(jitteredDelay(attempt, {
    minMs: options.minMs ?? 500,
    maxMs: options.maxMs ?? 60_000,
    firstWindowMs: options.firstWindowMs ?? (hintMs !== undefined && hintMs > 0 ? 2 * hintMs : 4000),
  }, random));
}
