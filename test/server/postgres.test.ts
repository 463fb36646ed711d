// The server on a real PostgreSQL: one private cluster for this process, the database suites run
// again on it (each server on its own fresh database), and what only a server with real
// connections and concurrent transactions can show: concurrent migrations, row locks across two
// instances, idempotency keys across instances, lost connections, and a pool that closes.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS } from '../../src/server/migrations.js';
import { call, createCase, setDefaultDatabase, startTestServer, validRequest, type TestServer } from './helpers.js';
import { sharedPostgres, type PostgresCluster } from './support/postgres.js';

let cluster: PostgresCluster | undefined;
let missing: unknown;
try {
  cluster = await sharedPostgres();
} catch (e) {
  missing = e;
}

// Absent binaries are a broken environment (.ci/run installs them): a failure, never a skip.
it('starts a private PostgreSQL cluster on 127.0.0.1', () => {
  if (missing) throw missing;
  assert.match(cluster!.adminUrl, /^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
});

/** Runs `sql` on the database at `url` through its own connection. */
async function sql<T extends Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

const databaseOf = (url: string) => new URL(url).pathname.slice(1);

/** Runs `fn` with two servers started at the same time on one fresh database, then closes both. */
async function onTwoServers(fn: (a: TestServer, b: TestServer, url: string) => Promise<void>): Promise<void> {
  const url = await cluster!.createDatabase();
  const tokenSecret = 'pg-two-instances';
  const started = await Promise.allSettled([startTestServer({ databaseUrl: url, tokenSecret }), startTestServer({ databaseUrl: url, tokenSecret })]);
  try {
    const [a, b] = started.map((r) => {
      if (r.status === 'rejected') throw r.reason;
      return r.value;
    });
    await fn(a!, b!, url);
  } finally {
    await Promise.all(started.map((r) => (r.status === 'fulfilled' ? r.value.dispose() : undefined)));
  }
}

/** Connections open to the database at `url` (the asking one is on another database). */
async function connections(url: string): Promise<number> {
  const rows = await sql<{ n: number }>(cluster!.adminUrl, 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [databaseOf(url)]);
  return rows[0]!.n;
}

/** Polls until no connection to `url` is left; a backend leaves the view a moment after its socket closes. Bounded. */
async function noConnectionsLeft(url: string): Promise<number> {
  let n = await connections(url);
  for (let i = 0; i < 200 && n > 0; i++) n = await connections(url);
  return n;
}

if (cluster) {
  const pgCluster = cluster;
  setDefaultDatabase('postgres');
  // The suites that touch the database, unchanged: every startTestServer() there now gets PostgreSQL.
  await import('./cases.test.js');
  await import('./staff.test.js');
  await import('./staff-list.test.js');
  await import('./uploads.test.js');
  await import('./events.test.js');
  await import('./limits.test.js');
  await import('./restart.test.js');
  await import('./requests.test.js');
  await import('./input.test.js');
  await import('./demo.test.js');

  describe('PostgreSQL specifics', () => {
    it('stores cases in PostgreSQL: migrations recorded once, the case a jsonb row', async () => {
      const s = await startTestServer();
      try {
        const url = s.options.databaseUrl!;
        const c = await createCase(s.url, await s.patient('pg-owner'));
        const versions = await sql<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
        assert.deepEqual(versions.map((v) => v.version), MIGRATIONS.map((m) => m.version));
        const rows = await sql<{ owner: string; status: string; ref: string }>(url, "SELECT owner, status, body->>'reference' AS ref FROM cases WHERE id = $1", [c.id]);
        assert.deepEqual(rows, [{ owner: 'pg-owner', status: 'submitted', ref: c.reference }]);
      } finally {
        await s.dispose();
      }
    });

    it('lets two servers migrate one empty database at the same time', () => onTwoServers(async (a, b, url) => {
      const versions = await sql<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(versions.map((v) => v.version), MIGRATIONS.map((m) => m.version));
      // Both answer from the one schema.
      const token = await a.issueToken('pg-both', 'patient');
      const c = await createCase(a.url, token);
      const seen = await call(b.url, `/v1/cases/${c.id}`, await b.issueToken('pg-both', 'patient'));
      assert.equal(seen.status, 200);
    }));

    it('serializes concurrent moves on one case across two servers (row lock and version check)', () => onTwoServers(async (a, b, url) => {
      const patient = await a.patient('pg-racer');
      const staff = await a.staff();
      const c = await createCase(a.url, patient);
      const triage = await Promise.all([a, b, a, b].map((s) => call(s.url, `/v1/staff/cases/${c.id}/triage`, staff, { method: 'POST' })));
      assert.deepEqual(triage.map((r) => r.status).sort(), [200, 409, 409, 409]);
      const draft = await createCase(a.url, patient, false);
      const edits = await Promise.all([a, b, a, b, a].map((s, i) =>
        call(s.url, `/v1/cases/${draft.id}`, patient, { method: 'PATCH', headers: { 'If-Match': `"${draft.version}"` }, body: { request: { questions: [`Question ${i}?`] } } })));
      assert.deepEqual(edits.map((r) => r.status).sort(), [200, 412, 412, 412, 412]);
      const triaged = await (await call(b.url, `/v1/cases/${c.id}`, patient)).json();
      assert.equal(triaged.status, 'triage');
      assert.deepEqual(await sql(url, 'SELECT id FROM events WHERE case_id = $1 ORDER BY id', [c.id]), [{ id: 1 }, { id: 2 }, { id: 3 }]);
      const edited = await (await call(a.url, `/v1/cases/${draft.id}`, patient)).json();
      assert.equal(edited.version, draft.version + 1);
    }));

    it('claims an Idempotency-Key once across two servers: one case, the other answer a replay or a retry later', () => onTwoServers(async (a, b, url) => {
      const patient = await a.patient('pg-keyed');
      const body = { request: validRequest(), submit: true };
      const answers = await Promise.all([a, b, a, b].map((s) => call(s.url, '/v1/cases', patient, { body, headers: { 'Idempotency-Key': 'pg-same-key' } })));
      const fresh = answers.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null);
      assert.equal(fresh.length, 1);
      for (const r of answers) if (r !== fresh[0]) assert.ok(r.status === 409 ? r.headers.get('retry-after') === '1' : r.headers.get('idempotent-replayed') === 'true', `status ${r.status}`);
      const count = await sql<{ n: number }>(url, "SELECT count(*)::int AS n FROM cases WHERE owner = 'pg-keyed'");
      assert.equal(count[0]!.n, 1);
    }));

    it('checks ownership in the query: another patient\'s case is not found without its body being read', async () => {
      const s = await startTestServer();
      const holder = new pg.Client({ connectionString: s.options.databaseUrl! });
      let own: Promise<Response> | undefined;
      try {
        const url = s.options.databaseUrl!;
        const [alice, bob] = [await s.patient('pg-own-a'), await s.patient('pg-own-b')];
        // A case big and varied enough that its body is stored out of line (TOAST).
        const questions = Array.from({ length: 20 }, () => `${randomBytes(700).toString('base64').slice(0, 990)}?`);
        const res = await call(s.url, '/v1/cases', alice, { body: { request: validRequest({ questions }), submit: true } });
        assert.equal(res.status, 201);
        const c = await res.json();
        const index = (await sql<{ index: string }>(url, "SELECT i.indexrelid::regclass::text AS index FROM pg_class t JOIN pg_index i ON i.indrelid = t.reltoastrelid WHERE t.relname = 'cases'"))[0]!.index;
        // Holding the TOAST index exclusively makes every read of a case body wait; nothing else does.
        await holder.connect();
        await holder.query('BEGIN');
        await holder.query(`REINDEX INDEX ${index}`);
        const waiting = async (until: () => boolean) => {
          while (!until()) {
            const [row] = await sql<{ n: number }>(url, 'SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted');
            if (row!.n > 0) return true;
          }
          return false;
        };
        for (const [method, path] of [['GET', ''], ['GET', '/events'], ['POST', '/withdraw'], ['POST', '/submit']] as const) {
          let answered = false;
          const answer = call(s.url, `/v1/cases/${c.id}${path}`, bob, { method, ...(method === 'POST' ? { body: {} } : {}) }).finally(() => (answered = true));
          assert.equal(await waiting(() => answered), false, `${method} ${path}: bob's request read alice's case`);
          assert.equal((await answer).status, 404, `${method} ${path}`);
        }
        // The lock does hold body reads: alice's own read waits for it.
        let done = false;
        own = call(s.url, `/v1/cases/${c.id}`, alice).finally(() => (done = true));
        assert.equal(await waiting(() => done), true, 'alice\'s read should wait on the TOAST index');
      } finally {
        await holder.query('ROLLBACK').catch(() => {});
        await holder.end().catch(() => {});
        if (own) assert.equal((await own).status, 200);
        await s.dispose();
      }
    });

    it('keeps serving after PostgreSQL ends its connections', async () => {
      const s = await startTestServer();
      try {
        const url = s.options.databaseUrl!;
        const patient = await s.patient('pg-dropped');
        const c = await createCase(s.url, patient);
        assert.ok((await connections(url)) > 0);
        const pids = (await sql<{ pid: number }>(pgCluster.adminUrl, 'SELECT pid FROM pg_stat_activity WHERE datname = $1', [databaseOf(url)])).map((r) => r.pid);
        await sql(pgCluster.adminUrl, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1)', [pids]);
        // The backends have gone once the view no longer lists them (each sent its FATAL first); the
        // server's event listener may already have connected again, with a new backend.
        let left = pids.length;
        for (let i = 0; i < 200 && left > 0; i++) left = (await sql(pgCluster.adminUrl, 'SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1)', [pids])).length;
        assert.equal(left, 0);
        const res = await call(s.url, `/v1/cases/${c.id}`, patient);
        assert.equal(res.status, 200);
      } finally {
        await s.dispose();
      }
    });

    it('closes its pool: no connection left once the server has closed', async () => {
      const s = await startTestServer();
      const url = s.options.databaseUrl!;
      await createCase(s.url, await s.patient('pg-closing'));
      assert.ok((await connections(url)) > 0);
      await s.dispose();
      assert.equal(await noConnectionsLeft(url), 0);
    });
  });

  // Registered after the suites' own hooks, so every server has closed before the cluster stops.
  after(() => pgCluster.stop());
}
