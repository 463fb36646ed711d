// Every answer carries X-Request-Id: the caller's, when it is a sane token, or a fresh UUID.
import type { MiddlewareHandler } from 'hono';

const SANE = /^[A-Za-z0-9._-]{8,64}$/;

/** Assigns the request id and puts it on the response. */
export function requestId(): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header('X-Request-Id');
    const id = given && SANE.test(given) ? given : crypto.randomUUID();
    c.set('requestId', id);
    await next();
    c.res.headers.set('X-Request-Id', id);
  };
}
