// One log line per request: id, method, route template (never the concrete URL, which may carry
// ids), status and duration. Nothing else about the request is read.
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from './logging.js';

/** Logs each request once its answer is ready. */
export function accessLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    // The last route that is not a catch-all middleware is the one that answered.
    const route = [...matchedRoutes(c)].reverse().find((r) => r.path !== '*' && r.path !== '/*')?.path ?? '(unmatched)';
    const fields = {
      msg: 'request',
      requestId: c.get('requestId'),
      method: c.req.method,
      route,
      status: c.res.status,
      durationMs: Math.round((performance.now() - start) * 10) / 10,
    };
    if (c.res.status >= 500) logger.error(fields);
    else logger.info(fields);
  };
}
