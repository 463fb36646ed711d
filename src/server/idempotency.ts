// Idempotency-Key on every POST and PATCH, kept in the database for 24 hours. A key is either unused
// or answered, never half-done: its answer is stored in the same transaction as the write it answers,
// and a request that changed nothing stores nothing. The same key and body replay the stored answer;
// the same key with another body is a 422. Keys belong to one caller, with one set of roles, on one
// route, and are looked at only once that caller's access to the case has been checked.
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { ConflictError, ValidationError } from '../core/errors.js';
import type { Case } from '../core/model/case.js';
import type { Db, Queryable } from './db.js';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL = '24 hours';

/** An answer as stored for a key and replayed from it. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** Thrown inside a write's transaction when its key already has an answer: the write is rolled back and the answer replayed. */
export class IdempotentReplay extends Error {
  override name = 'IdempotentReplay';
  constructor(readonly answer: StoredAnswer) {
    super('replayed');
  }
}

/** The once-only guard of one write, run inside the write's transaction (see `CaseStore`). */
export interface KeyedWrite {
  /** Once access is checked, before any change: replays the key's answer if it has one (throws `IdempotentReplay`). */
  check(tx: Queryable): Promise<void>;
  /** After the write, in the same transaction: stores the key's answer. */
  keep(tx: Queryable, written: Case): Promise<void>;
}

/** The key of a request, once its caller is known. */
export interface RequestKey {
  scope: string;
  key: string;
}

const UPLOAD_URL = /^\/v1\/cases\/[^/]+\/uploads\/[^/]+$/;

/**
 * Checks the Idempotency-Key of an authenticated POST or PATCH and notes its scope (caller, roles,
 * route). Without a valid token nothing is noted, so nothing is ever stored: the route answers 401.
 * tus PATCHes are left alone: their offsets make them safe to retry.
 */
export function idempotency(): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header('Idempotency-Key');
    const p = c.get('principal');
    if (key !== undefined && p && (c.req.method === 'POST' || c.req.method === 'PATCH') && !UPLOAD_URL.test(c.req.path)) {
      if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new ValidationError([{ path: 'Idempotency-Key', code: 'invalid_format', message: 'Check this entry.' }]);
      c.set('idempotency', { scope: `${p.sub}\n${[...p.roles].sort().join(',')}\n${c.req.method} ${c.req.path}`, key });
    }
    await next();
  };
}

interface Row {
  fingerprint: string;
  status: number;
  headers: Record<string, string> | null;
  body: string | null;
}

/**
 * The guard for the write this request makes, whose answer `answerOf` builds from the written case;
 * undefined when the request has no key. The fingerprint is the route and what the route read of
 * the body (`noteBody`), so it is taken when the write checks, after the body was read.
 */
export function keyedWrite(c: Context, answerOf: (written: Case) => StoredAnswer): KeyedWrite | undefined {
  const k = c.get('idempotency');
  if (!k) return undefined;
  const { scope, key } = k;
  const fingerprint = () => createHash('sha256').update(`${c.req.method} ${c.req.path}\n${c.get('bodyDigest') ?? ''}`).digest('hex');
  return {
    async check(tx) {
      // Two requests with one key wait for each other here, so the second sees the first's answer.
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${scope}\n${key}`]);
      // Expired keys, and claims left unanswered by versions before answers were kept with their writes.
      await tx.query(`DELETE FROM idempotency WHERE scope = $1 AND key = $2 AND (status IS NULL OR created_at < now() - interval '${IDEMPOTENCY_TTL}')`, [scope, key]);
      const row = (await tx.query<Row>('SELECT fingerprint, status, headers, body FROM idempotency WHERE scope = $1 AND key = $2', [scope, key])).rows[0];
      if (!row) return;
      if (row.fingerprint !== fingerprint()) throw new ConflictError('idempotency_mismatch');
      throw new IdempotentReplay({ status: row.status, headers: row.headers ?? {}, body: row.body });
    },
    async keep(tx, written) {
      const a = answerOf(written);
      await tx.query('INSERT INTO idempotency (scope, key, fingerprint, status, headers, body) VALUES ($1, $2, $3, $4, $5::jsonb, $6)', [
        scope, key, fingerprint(), a.status, JSON.stringify(a.headers), a.body,
      ]);
    },
  };
}

/** Forgets keys older than the TTL. */
export async function purgeIdempotency(db: Db): Promise<void> {
  await db.query(`DELETE FROM idempotency WHERE created_at < now() - interval '${IDEMPOTENCY_TTL}'`);
}
