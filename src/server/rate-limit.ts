// Per-token rate limit, shared by every instance on the database: the generic cell rate algorithm
// (one "theoretical arrival time" per caller, in PostgreSQL's clock), so `limit` requests per
// `windowMs` hold across instances, with bursts up to `limit`. The caller is the token's subject,
// or the client address without one.
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { RateLimitOptions } from './config.js';
import type { Db } from './db.js';
import { problems } from './problem.js';

const NOW_MS = 'extract(epoch from clock_timestamp()) * 1000';

/** Refuses a caller's requests beyond `limit` per `windowMs` with 429 and Retry-After. */
export function rateLimit(options: RateLimitOptions, db: Db): MiddlewareHandler {
  const interval = options.windowMs / options.limit;
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
    // One statement: the row's update is atomic, and a refused request changes nothing.
    const taken = await db.query(
      `INSERT INTO rate_limits AS r (key, tat) VALUES ($1, ${NOW_MS} + $2)
       ON CONFLICT (key) DO UPDATE SET tat = GREATEST(r.tat, ${NOW_MS}) + $2
       WHERE GREATEST(r.tat, ${NOW_MS}) + $2 - ${NOW_MS} <= $3`,
      [key, interval, options.windowMs],
    );
    if (taken.rowCount === 0) {
      const row = (await db.query<{ wait: number }>(`SELECT tat + $2 - $3 - ${NOW_MS} AS wait FROM rate_limits WHERE key = $1`, [key, interval, options.windowMs])).rows[0];
      throw problems.rateLimited(Math.max(1, Math.ceil(Number(row?.wait ?? 1000) / 1000)));
    }
    await next();
  };
}

/** Forgets callers whose budget is whole again (their arrival time has passed). */
export async function purgeRateLimits(db: Db): Promise<void> {
  await db.query(`DELETE FROM rate_limits WHERE tat < ${NOW_MS}`);
}
