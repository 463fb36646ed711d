// Reconnect delays with full jitter. After an instance goes away (a rolling restart, a crash) its
// watchers drop at once: the first reconnect is drawn from a short window set by the server's
// `retry:` hint, so a patient sees a fresh status within seconds and the watchers still arrive
// spread out; the window doubles only on repeated failures, up to `maxMs`.

export interface BackoffOptions {
  /** The shortest wait, ms. Default 500. */
  minMs?: number;
  /** The longest wait, ms. Default 60000. */
  maxMs?: number;
  /** The window of the first attempt, ms, doubling per failure up to `maxMs`. Default twice the server's hint, else 4000. */
  firstWindowMs?: number;
}

/**
 * The wait before reconnect attempt `attempt` (0-based): uniform in [min, min(max, window * 2^attempt)],
 * where the first window is `firstWindowMs`, else twice `hintMs` (the server's `retry:`), else 4 s.
 */
export function reconnectDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random, hintMs?: number): number {
  const min = options.minMs ?? 500;
  const max = options.maxMs ?? 60_000;
  const first = options.firstWindowMs ?? (hintMs !== undefined && hintMs > 0 ? 2 * hintMs : 4000);
  const window = Math.min(max, first * 2 ** Math.min(attempt, 30));
  return Math.round(min + random() * Math.max(0, window - min));
}
