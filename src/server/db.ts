// The one database seam: PGlite (embedded, a data directory) or PostgreSQL through `pg`, with the
// same SQL. Everything above this file speaks `Db` only.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { reconnectDelay } from '../core/backoff.js';

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

/** What a `listen` call hears: each notification's payload, and each time some may have been missed. */
export interface Listener {
  notify(payload: string): void;
  /** The listening connection was lost and is back: notifications sent meanwhile never came. */
  gap(): void;
}

/** A database: queries, transactions, notifications, and closing. */
export interface Db extends Queryable {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Hears `NOTIFY channel` from every connection to this database (every server instance), once
   * the notifying transaction commits; returns the function that stops listening.
   */
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  /**
   * Takes the advisory lock named `name` if no one (on any instance) holds it: resolves with the
   * function that frees it, or undefined. A lost connection frees it too.
   */
  tryAdvisoryLock(name: string): Promise<(() => Promise<void>) | undefined>;
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
  // One process holds the database: its locks are this process's.
  const held = new Set<string>();
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx as unknown as Tx))),
    // One process holds the database, so its own notifications are all there is and none is missed.
    listen: (channel, listener) => pg.listen(channel, (payload) => listener.notify(payload)),
    async tryAdvisoryLock(name) {
      if (held.has(name)) return undefined;
      held.add(name);
      return async () => void held.delete(name);
    },
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
  // Each held advisory lock keeps a session of its own, apart from the pool that runs queries.
  const lockPool = new pg.Pool({ connectionString: url, max: 50, idleTimeoutMillis: 10_000, application_name: 'so-locks' });
  lockPool.on('error', () => {});
  const notifications = new Notifications(() => new pg.Client({ connectionString: url, application_name: 'so-listen' }));
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
    listen: (channel, listener) => notifications.listen(channel, listener),
    async tryAdvisoryLock(name) {
      const client = await lockPool.connect();
      let ok = false;
      try {
        // The two-key form keeps these apart from the migrations' one-key lock.
        ok = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(7426002, hashtext($1)) AS ok', [name])).rows[0]?.ok === true;
      } finally {
        if (!ok) client.release();
      }
      if (!ok) return undefined;
      let freed = false;
      return async () => {
        if (freed) return;
        freed = true;
        // A connection that cannot unlock is dropped, which frees the lock as well.
        const unlocked = await client.query('SELECT pg_advisory_unlock(7426002, hashtext($1))', [name]).then(() => true, () => false);
        client.release(!unlocked);
      };
    },
    async close() {
      await notifications.close();
      await lockPool.end();
      await pool.end();
    },
  };
}

interface ListenClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', fn: (m: { channel: string; payload?: string }) => void): unknown;
  on(event: 'error' | 'end', fn: () => void): unknown;
}

// PostgreSQL's notifications reach only the session that listens: one connection of its own per
// server, reconnected when lost (a restart, a terminated backend), after which every listener hears
// a gap and reads what it may have missed from the tables.
class Notifications {
  private readonly channels = new Map<string, Set<Listener>>();
  private client?: ListenClient;
  private connecting?: Promise<void>;
  private attempt = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private closed = false;

  constructor(private readonly newClient: () => ListenClient) {}

  async listen(channel: string, listener: Listener): Promise<() => Promise<void>> {
    let set = this.channels.get(channel);
    const first = !set;
    if (!set) this.channels.set(channel, (set = new Set()));
    set.add(listener);
    if (this.client && first) await this.client.query(`LISTEN ${quoteIdent(channel)}`);
    else await this.connect();
    return async () => {
      set.delete(listener);
      if (set.size || this.channels.get(channel) !== set) return;
      this.channels.delete(channel);
      await this.client?.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => {});
    };
  }

  private connect(): Promise<void> {
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<void> {
    if (this.client || this.closed) return;
    const client = this.newClient();
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => {});
      this.retry();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (m) => {
      for (const l of [...(this.channels.get(m.channel) ?? [])]) l.notify(m.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch {
      // Retried with backoff; the listeners hear a gap once it is back.
      onLost();
      return;
    }
    if (lost || this.closed) return;
    const reconnected = this.attempt > 0;
    this.attempt = 0;
    this.client = client;
    if (reconnected) for (const set of this.channels.values()) for (const l of [...set]) l.gap();
  }

  private retry(): void {
    if (this.closed || this.timer) return;
    const delay = reconnectDelay(this.attempt++, { minMs: 50, firstWindowMs: 250, maxMs: 5000 });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect().catch(() => this.retry());
    }, delay);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** PostgreSQL when a URL is given, else PGlite in the data directory. */
export function openDb(dataDir: string, databaseUrl?: string): Promise<Db> {
  return databaseUrl ? openPostgres(databaseUrl) : openPglite(dataDir);
}
