// The Hono app: middleware in order (private answers, request id, access log, CORS, auth, rate limit,
// idempotency), then the protocol's routes, with every error answered as problem+json.
import { Hono } from 'hono';
import { hasControlCharacters } from '../core/model/primitives.js';
import { cors } from 'hono/cors';
import { DEFAULT_MAX_BODY_SIZE } from '../core/defaults.js';
import { authenticate } from './auth.js';
import { accessLog } from './access-log.js';
import type { AppEnv } from './env.js';
import { IdempotentReplay, idempotency } from './idempotency.js';
import { closeAfterAnswer, incomingOf, send } from './http.js';
import type { Logger } from './logging.js';
import { problemResponse, problems, toProblem } from './problem.js';
import { rateLimit } from './rate-limit.js';
import { requestId } from './request-id.js';
import { caseRoutes } from './routes/cases.js';
import type { Deps } from './routes/deps.js';
import { devRoutes } from './routes/dev.js';
import { metaRoutes } from './routes/meta.js';

/** Headers a browser client may read. */
export const EXPOSED_HEADERS = [
  'Location', 'Upload-Offset', 'Upload-Length', 'Tus-Resumable', 'Tus-Version', 'Tus-Extension', 'Tus-Max-Size', 'Upload-Expires',
  'SO-Record-Id', 'SO-Record-Status', 'ETag', 'X-Request-Id', 'Retry-After', 'Idempotent-Replayed',
];

/** Headers a browser client may send. */
export const ALLOWED_HEADERS = [
  'Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'Last-Event-ID', 'X-Request-Id',
  'Tus-Resumable', 'Upload-Length', 'Upload-Offset', 'Upload-Metadata', 'Upload-Defer-Length', 'Upload-Concat', 'X-HTTP-Method-Override',
];

/** Extra route modules, mounted after the protocol's own. */
export type RouteModule = (app: Hono<AppEnv>, deps: Deps) => void;

// Only the error's class and code reach the log: messages can quote the data that caused them.
function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Builds the app over its parts. */
export function buildApp(deps: Deps, logger: Logger, extra: RouteModule[] = []): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { options } = deps;
  const maxBodySize = options.config.maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
  app.use('*', async (c, next) => {
    c.set('maxBodySize', maxBodySize);
    await next();
    // Every answer of the API can carry case data: never stored by a cache, never sniffed. Set last,
    // over whatever a route or helper set (Hono's SSE helper sends no-cache).
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    if (c.req.path.startsWith('/v1/')) c.res.headers.set('Cache-Control', 'no-store');
    // A refused request's body is not read to its end: the connection closes after the answer.
    const incoming = incomingOf(c);
    if (c.res.status >= 400 && incoming?.complete === false) {
      c.res.headers.set('Connection', 'close');
      closeAfterAnswer(incoming);
    }
  });
  app.use('*', requestId());
  app.use('*', accessLog(logger));
  app.use('*', cors({
    origin: options.corsOrigins === '*' ? '*' : options.corsOrigins,
    allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ALLOWED_HEADERS,
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  }));
  // A path with a NUL or another control character names nothing: 404 before any query.
  app.use('*', async (c, next) => {
    if (hasControlCharacters(c.req.path)) throw problems.notFound();
    await next();
  });
  app.use('*', authenticate(deps.tokens));
  if (options.rateLimit) app.use('*', rateLimit(options.rateLimit, deps.db));
  app.use('*', idempotency());

  metaRoutes(app, deps);
  caseRoutes(app, deps);
  for (const mount of extra) mount(app, deps);
  if (options.demo) devRoutes(app, deps);

  app.notFound((c) => problemResponse(c, problems.notFound()));
  app.onError((err, c) => {
    if (err instanceof IdempotentReplay) return send(err.answer, { 'Idempotent-Replayed': 'true' });
    const p = toProblem(err);
    if (p.status >= 500) logger.error({ msg: 'unhandled', requestId: c.get('requestId'), error: err instanceof Error ? err.name : 'unknown', errorCode: errorCode(err) });
    return problemResponse(c, p);
  });
  return app;
}
