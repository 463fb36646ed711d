// Idempotency-Key on every POST and PATCH, kept in the database for 24 hours: the same key and the
// same body replay the stored answer; the same key with another body is a 422.
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { ConflictError, ValidationError } from '../core/errors.js';
import type { Db } from './db.js';
import { HttpProblem } from './problem.js';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL = '24 hours';

const KEPT_HEADERS = ['content-type', 'location', 'etag', 'so-record-id', 'so-record-status', 'tus-resumable', 'upload-offset', 'upload-expires'];
const UPLOAD_URL = /^\/v1\/cases\/[^/]+\/uploads\/[^/]+$/;
const UPLOADS = /^\/v1\/cases\/[^/]+\/uploads$/;

interface Row {
  fingerprint: string;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
}

async function fingerprintOf(c: Context): Promise<string> {
  const h = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`);
  // tus creation is fingerprinted by its headers, so its body stays a stream for the upload handler.
  if (UPLOADS.test(c.req.path)) h.update(`${c.req.header('Upload-Length') ?? ''}\n${c.req.header('Upload-Metadata') ?? ''}\n${c.req.header('Content-Length') ?? ''}`);
  else h.update(new Uint8Array(await c.req.arrayBuffer()));
  return h.digest('hex');
}

function replay(row: Row): Response {
  return new Response(row.status === 204 || row.status === 304 ? null : row.body, {
    status: row.status ?? 500,
    headers: { ...row.headers, 'Idempotent-Replayed': 'true' },
  });
}

/** The idempotency middleware. tus PATCHes are left alone: their offsets make them safe to retry. */
export function idempotency(db: Db): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header('Idempotency-Key');
    if (key === undefined || (c.req.method !== 'POST' && c.req.method !== 'PATCH') || UPLOAD_URL.test(c.req.path)) return next();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new ValidationError([{ path: 'Idempotency-Key', code: 'invalid_format', message: 'Check this entry.' }]);
    // A claim left pending for minutes belongs to a request that died with its process.
    const scope = `${c.get('principal')?.sub ?? 'anonymous'}\n${c.req.method}\n${c.req.path}`;
    const fingerprint = await fingerprintOf(c);
    await db.query(`DELETE FROM idempotency WHERE scope = $1 AND key = $2 AND (created_at < now() - interval '${IDEMPOTENCY_TTL}' OR (status IS NULL AND created_at < now() - interval '2 minutes'))`, [scope, key]);
    const claimed = await db.query('INSERT INTO idempotency (scope, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [scope, key, fingerprint]);
    if (claimed.rowCount === 0) {
      const row = (await db.query<Row>('SELECT fingerprint, status, headers, body FROM idempotency WHERE scope = $1 AND key = $2', [scope, key])).rows[0];
      if (row && row.fingerprint !== fingerprint) throw new ConflictError('idempotency_mismatch');
      if (row && row.status !== null) return replay(row);
      throw new HttpProblem(409, 'conflict', 'This action is still in progress. Try again in a moment.', { reason: 'conflict', headers: { 'Retry-After': '1' } });
    }
    try {
      await next();
    } finally {
      const res = c.res;
      // Failures of ours and rate limits may be retried with the same key; everything else is the answer.
      if (res.status >= 500 || res.status === 429) {
        await db.query('DELETE FROM idempotency WHERE scope = $1 AND key = $2', [scope, key]);
      } else {
        const headers: Record<string, string> = {};
        for (const h of KEPT_HEADERS) {
          const v = res.headers.get(h);
          if (v !== null) headers[h] = v;
        }
        const body = res.body ? await res.clone().text() : null;
        await db.query('UPDATE idempotency SET status = $3, headers = $4::jsonb, body = $5 WHERE scope = $1 AND key = $2', [scope, key, res.status, JSON.stringify(headers), body]);
      }
    }
  };
}

/** Forgets keys older than the TTL. */
export async function purgeIdempotency(db: Db): Promise<void> {
  await db.query(`DELETE FROM idempotency WHERE created_at < now() - interval '${IDEMPOTENCY_TTL}'`);
}
