// The one database seam: PGlite (embedded, a data directory) or PostgreSQL through `pg`, with the
// same SQL. Everything above this file speaks `Db` only.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A query result: the rows and how many rows a write touched. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Runs SQL with `$1` parameters. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A database: queries, transactions, and closing. */
export interface Db extends Queryable {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/** Opens PGlite in `dir` (created when missing). */
export async function openPglite(dir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const path = join(dir, 'pglite');
  mkdirSync(path, { recursive: true });
  const pg = await PGlite.create(path);
  type Tx = { query: typeof pg.query; exec: typeof pg.exec };
  const wrap = (q: Tx): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await q.query<T>(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx as unknown as Tx))),
    close: () => pg.close(),
  };
}

/** Connects to PostgreSQL at `url` through a small pool. */
export async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that breaks (a database restart, an administrator's termination) is already
  // dropped by the pool and the next query opens another; unheard, the pool's 'error' would end the process.
  pool.on('error', () => {});
  type Client = { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[]; rowCount: number | null }> };
  const wrap = (q: Client): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await q.query(sql, params);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** PostgreSQL when a URL is given, else PGlite in the data directory. */
export function openDb(dataDir: string, databaseUrl?: string): Promise<Db> {
  return databaseUrl ? openPostgres(databaseUrl) : openPglite(dataDir);
}
