// Reconnect delays with full jitter. After a server restart every watcher drops at once; spreading
// the first reconnect across the whole window is what keeps them from arriving together.

export interface BackoffOptions {
  /** The shortest wait, ms. Default 1000. */
  minMs?: number;
  /** The longest wait, ms. Default 60000. */
  maxMs?: number;
  /** The window of the first attempt, ms, doubling per failure up to `maxMs`. Default `maxMs`. */
  firstWindowMs?: number;
}

/** The wait before reconnect attempt `attempt` (0-based): uniform in [min, min(max, window * 2^attempt)]. */
export function reconnectDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const min = options.minMs ?? 1000;
  const max = options.maxMs ?? 60_000;
  const window = Math.min(max, (options.firstWindowMs ?? max) * 2 ** Math.min(attempt, 30));
  return Math.round(min + random() * Math.max(0, window - min));
}
