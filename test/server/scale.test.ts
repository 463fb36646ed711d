// More than one server: instances as separate processes, each with its own data directory, on one
// private PostgreSQL cluster; whatever one instance does, another sees.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { TokenIssuer } from '../../src/server/auth.js';
import { call, createCase, sseReader } from './helpers.js';
import { startInstances, type Instance } from './support/instances.js';
import { sharedPostgres } from './support/postgres.js';

const SECRET = 'scale-test-secret';
const tokens = new TokenIssuer(SECRET);
let databaseUrl: string;
let nodes: Instance[] = [];
let patient: string;
let staff: string;

before(async () => {
  const cluster = await sharedPostgres();
  databaseUrl = await cluster.createDatabase();
  nodes = await startInstances(3, { DATABASE_URL: databaseUrl, SO_TOKEN_SECRET: SECRET });
  patient = await tokens.issue('patient-scale', 'patient');
  staff = await tokens.issue('staff-scale', ['coordinator', 'specialist']);
});
after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await (await sharedPostgres()).stop();
});

/** Runs `text` on the test database through a connection of its own. */
async function sql(text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

describe('live events across instances', () => {
  it('delivers a move committed on B to a stream held on A, once, in order', async () => {
    const [a, b] = nodes as [Instance, Instance];
    const c = await createCase(a.url, patient);
    const sse = sseReader(await call(a.url, `/v1/cases/${c.id}/events`, patient, { headers: { 'Last-Event-ID': '2' } }));
    const triaged = await call(b.url, `/v1/staff/cases/${c.id}/triage`, staff, { method: 'POST' });
    assert.equal(triaged.status, 200);
    const first = await sse.next();
    assert.equal(first.id, '3');
    assert.equal(JSON.parse(first.data).case.status, 'triage');
    const accepted = await call(b.url, `/v1/staff/cases/${c.id}/accept`, staff, { body: { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } } });
    assert.equal(accepted.status, 200);
    const second = await sse.next();
    assert.equal(second.id, '4');
    assert.equal(JSON.parse(second.data).event.status, 'accepted');
    await sse.cancel();
  });

  it('loses nothing when an instance\'s listening connection is cut: it reads what it missed once back', async () => {
    const [a, b] = nodes as [Instance, Instance];
    const c = await createCase(a.url, patient);
    const sse = sseReader(await call(a.url, `/v1/cases/${c.id}/events`, patient, { headers: { 'Last-Event-ID': '2' } }));
    // Every instance's listening connection ends; the move's notification reaches none of them.
    const cut = await sql("SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'so-listen' AND datname = current_database()");
    assert.equal(cut.length, nodes.length);
    assert.equal((await call(b.url, `/v1/staff/cases/${c.id}/triage`, staff, { method: 'POST' })).status, 200);
    const got = await sse.next();
    assert.equal(got.id, '3');
    assert.equal(JSON.parse(got.data).case.status, 'triage');
    await sse.cancel();
  });
});
