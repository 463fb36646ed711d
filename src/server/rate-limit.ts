// Per-token rate limit: a token bucket per caller (token subject, or client address without one).
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { RateLimitOptions } from './config.js';
import { problems } from './problem.js';

interface Bucket {
  tokens: number;
  at: number;
}

/** Refuses a caller's requests beyond `limit` per `windowMs` with 429 and Retry-After. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const buckets = new Map<string, Bucket>();
  const perMs = options.limit / options.windowMs;
  return async (c, next) => {
    const p = c.get('principal');
    let key = p ? `sub:${p.sub}` : 'anonymous';
    if (!p) {
      try {
        key = `addr:${getConnInfo(c).remote.address ?? 'unknown'}`;
      } catch {
        // Not behind the Node adapter (app.request in tests): every anonymous caller shares a bucket.
      }
    }
    const now = Date.now();
    const b = buckets.get(key) ?? { tokens: options.limit, at: now };
    b.tokens = Math.min(options.limit, b.tokens + (now - b.at) * perMs);
    b.at = now;
    if (b.tokens < 1) {
      buckets.set(key, b);
      throw problems.rateLimited(Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)));
    }
    b.tokens -= 1;
    buckets.set(key, b);
    // Forget full buckets now and then, so memory stays bounded by the active callers.
    if (buckets.size > 10_000) for (const [k, v] of buckets) if (v.tokens + (now - v.at) * perMs >= options.limit) buckets.delete(k);
    await next();
  };
}
