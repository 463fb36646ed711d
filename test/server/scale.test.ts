// More than one server: instances as separate processes, each with its own data directory, on one
// private PostgreSQL cluster and one real S3 server (Ceph RGW) on loopback; whatever one instance
// does, another sees, and no instance holds what another needs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { MemoryStorage, UploadManager } from '../../src/core/uploads/index.js';
import { CaseWatcher, createClient, RestBackend, type WatchConnectionEvent, type WatchTimelineEvent } from '../../src/index.js';
import { TokenIssuer } from '../../src/server/auth.js';
import { nextEvent } from '../fixtures/events.js';
import { validRequest } from '../fixtures/requests.js';
import { diskFile, sha256Of } from '../uploads/files.js';
import { call, createCase, sha256, sseReader, tusMetadata } from './helpers.js';
import { startBalancer } from './support/balancer.js';
import { startInstances, type Instance } from './support/instances.js';
import { sharedPostgres } from './support/postgres.js';
import { startS3, type S3Engine } from './support/s3.js';

const MiB = 1024 * 1024;
// Requests per caller per hour, on every instance together (each test has callers of its own).
const RATE = 60;
const newPatient = () => tokens.issue(`patient-${crypto.randomUUID()}`, 'patient');
// The instances still running (the last tests kill some).
const live = () => nodes.filter((n) => n.process.exitCode === null && n.process.signalCode === null);

const SECRET = 'scale-test-secret';
const tokens = new TokenIssuer(SECRET);
let databaseUrl: string;
let nodes: Instance[] = [];
let patient: string;
let staff: string;
let s3: S3Engine | undefined;

before(async () => {
  const [cluster, engine] = await Promise.all([sharedPostgres(), startS3()]);
  s3 = engine;
  databaseUrl = await cluster.createDatabase();
  nodes = await startInstances(3, { DATABASE_URL: databaseUrl, SO_TOKEN_SECRET: SECRET, SO_RECORDS_STORE: `s3://${engine.bucket}/so`, SO_RATE_LIMIT: `${RATE}/3600`, ...engine.env });
  patient = await tokens.issue('patient-scale', 'patient');
  staff = await tokens.issue('staff-scale', ['coordinator', 'specialist']);
});
after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await s3?.stop();
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
    // Once back, the instance also tells its streams `case-changed` (a signal without an id, to read
    // the case again): it may come before or after the entry; the entry itself must come.
    let got = await sse.next();
    while (got.event === 'case-changed') got = await sse.next();
    assert.equal(got.id, '3');
    assert.equal(JSON.parse(got.data).case.status, 'triage');
    await sse.cancel();
  });
});

/** Resolves once S3 holds at least `n` parts of the one multipart upload under way (checked every 50 ms). */
async function s3Parts(n: number): Promise<void> {
  const { S3 } = await import('@aws-sdk/client-s3');
  const client = new S3({ endpoint: s3!.endpoint, region: s3!.env.AWS_REGION!, forcePathStyle: true, credentials: { accessKeyId: s3!.env.AWS_ACCESS_KEY_ID!, secretAccessKey: s3!.env.AWS_SECRET_ACCESS_KEY! } });
  try {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      const uploads = (await client.listMultipartUploads({ Bucket: s3!.bucket, Prefix: 'so/uploads/' })).Uploads ?? [];
      for (const u of uploads) {
        const parts = (await client.listParts({ Bucket: s3!.bucket, Key: u.Key!, UploadId: u.UploadId! })).Parts ?? [];
        if (parts.length >= n) return;
      }
    }
    throw new Error(`S3 never held ${n} parts`);
  } finally {
    client.destroy();
  }
}

/** The SHA-256 of a response body, read as a stream. */
async function bodyHash(res: Response): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of res.body!) h.update(chunk);
  return h.digest('hex');
}

describe('uploads across instances, records in S3', () => {
  it('completes an upload whose requests alternate between instances, with cuts: verified, the same bytes from every instance', async () => {
    const lb = await startBalancer(nodes.map((n) => n.url));
    try {
      const client = createClient({ backend: new RestBackend({ endpoint: lb.url, retry: { baseDelayMs: 5, maxDelayMs: 50 } }), getAccessToken: () => patient });
      const caseId = (await client.cases.create(validRequest(), { submit: true })).id;
      const { file, path } = await diskFile('scan.pdf', 24 * MiB);
      lb.cutAt([7 * MiB, 19 * MiB]);
      const manager = new UploadManager({ storage: new MemoryStorage(), hashFirstMaxBytes: 0, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
      const hashed = Promise.race(nodes.map((n) => n.nextLog('upload hashed')));
      const record = await manager.add(client, caseId, file, { kind: 'imaging', title: 'Scan' }).done;
      manager.dispose();
      assert.equal(lb.cuts, 2);
      // The hash state travelled with the upload's row: the finishing instance read nothing again.
      assert.equal((await hashed).hashPass, 'incremental');
      const patches = new Set(lb.picks.filter((p) => p.method === 'PATCH').map((p) => p.target));
      assert.ok(patches.size > 1, 'the PATCHes landed on more than one instance');
      assert.equal(record.status, 'verified');
      const expected = await sha256Of(path);
      assert.equal(record.sha256, expected);
      for (const n of nodes) {
        const res = await call(n.url, `/v1/cases/${caseId}/records/${record.id}/content`, patient);
        assert.equal(res.status, 200);
        assert.equal(await bodyHash(res), expected);
      }
    } finally {
      await lb.close();
    }
  });

  it('lets one of two instances PATCHing one upload at once write: intact bytes, verified once', async () => {
    const [a, b] = nodes as [Instance, Instance];
    const c = await createCase(a.url, patient);
    const { path } = await diskFile('labs.pdf', 12 * MiB);
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync(path));
    const created = await fetch(`${a.url}/v1/cases/${c.id}/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${patient}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(bytes.length), 'Upload-Metadata': tusMetadata({ kind: 'lab_result', title: 'Labs', sha256: sha256(bytes) }) },
    });
    assert.equal(created.status, 201);
    const location = created.headers.get('location')!;
    const patch = (base: string, offset: number, body: Uint8Array) => fetch(`${base}${new URL(location, base).pathname}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${patient}`, 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
      body: body as BodyInit,
    }).then((r) => r.status, () => 0);
    const statuses = await Promise.all([patch(a.url, 0, bytes), patch(b.url, 0, bytes)]);
    assert.ok(statuses.filter((s) => s === 204).length <= 1, `one writer at a time: ${statuses.join(', ')}`);
    // Whatever the loser left undone, the upload resumes from the offset the store holds.
    const head = await fetch(`${b.url}${new URL(location, b.url).pathname}`, { method: 'HEAD', headers: { Authorization: `Bearer ${patient}`, 'Tus-Resumable': '1.0.0' } });
    const offset = Number(head.headers.get('upload-offset'));
    if (offset < bytes.length) assert.equal(await patch(b.url, offset, bytes.subarray(offset)), 204);
    const after = await (await call(a.url, `/v1/cases/${c.id}`, patient)).json();
    const record = after.records[0];
    assert.equal(record.status, 'verified');
    assert.equal(record.sha256, sha256(bytes));
    assert.equal(after.timeline.filter((e: { kind: string; record?: { status?: string } }) => e.kind === 'record' && e.record?.status === 'verified').length <= 1, true);
    const res = await call(b.url, `/v1/cases/${c.id}/records/${record.id}/content`, patient);
    assert.equal(await bodyHash(res), sha256(bytes));
  });
});

describe('one rate limit for all instances', () => {
  it('counts a caller\'s requests on every instance together', async () => {
    const caller = await newPatient();
    const statuses: number[] = [];
    for (let i = 0; i < RATE + 6; i++) statuses.push((await call(nodes[i % nodes.length]!.url, '/v1/cases', caller)).status);
    // Alone, each instance would have let every one of them through.
    assert.deepEqual(statuses.slice(0, RATE), Array(RATE).fill(200));
    assert.deepEqual(statuses.slice(RATE), Array(6).fill(429));
    assert.equal((await call(nodes[1]!.url, '/v1/cases', await newPatient())).status, 200, 'another caller has a budget of its own');
  });
});

describe('losing an instance', () => {
  it('verifies an upload whose instance crashed mid-write with a full pass, streamed from S3', async () => {
    const lb = await startBalancer(live().map((n) => n.url));
    try {
      const owner = await newPatient();
      const client = createClient({ backend: new RestBackend({ endpoint: lb.url, retry: { baseDelayMs: 5, maxDelayMs: 50 } }), getAccessToken: () => owner });
      const caseId = (await client.cases.create(validRequest(), { submit: true })).id;
      const { file, path } = await diskFile('scan.pdf', 32 * MiB);
      // The client sends 16 MiB a PATCH. The second stops at 28 MiB; once S3 holds the first 8 MiB
      // part of it (the third part), its instance dies before that write could keep its hash state.
      const targets = live();
      let killed: Instance | undefined;
      const crashed = lb.hangAt(28 * MiB).then(async (target) => {
        await s3Parts(3);
        killed = targets[target];
        await killed!.kill();
      });
      const hashed = Promise.race(nodes.map((n) => n.nextLog('upload hashed')));
      const manager = new UploadManager({ storage: new MemoryStorage(), hashFirstMaxBytes: 0, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
      const record = await manager.add(client, caseId, file, { kind: 'imaging', title: 'Scan' }).done;
      manager.dispose();
      await crashed;
      assert.ok(killed, 'an instance was killed mid-upload');
      assert.equal((await hashed).hashPass, 'full');
      assert.equal(record.status, 'verified');
      assert.equal(record.sha256, await sha256Of(path));
      const res = await call(live()[0]!.url, `/v1/cases/${caseId}/records/${record.id}/content`, owner);
      assert.equal(await bodyHash(res), record.sha256);
    } finally {
      await lb.close();
    }
  });

  it('loses nothing for a CaseWatcher behind a round-robin balancer when the instance holding its stream is killed', async () => {
    const up = live();
    assert.ok(up.length >= 2);
    const lb = await startBalancer(up.map((n) => n.url));
    const owner = await newPatient();
    const client = createClient({ backend: new RestBackend({ endpoint: lb.url }), getAccessToken: () => owner });
    const c = await createCase(up[0]!.url, owner);
    const w = new CaseWatcher(client, c.id, { visibility: null });
    try {
      const ids: number[] = [];
      w.addEventListener('event', (e) => ids.push((e as WatchTimelineEvent).event.id));
      const isLive = (e: WatchConnectionEvent) => e.connection === 'live';
      await nextEvent(w, 'connection', isLive);
      const holder = lb.picks.filter((p) => p.method === 'GET').at(-1)!.target;
      const other = up[(holder + 1) % up.length]!;
      await up[holder]!.kill();
      // Moves made while the watcher has no stream, and after it is back.
      assert.equal((await call(other.url, `/v1/staff/cases/${c.id}/triage`, staff, { method: 'POST' })).status, 200);
      await nextEvent(w, 'connection', isLive);
      assert.equal((await call(other.url, `/v1/staff/cases/${c.id}/accept`, staff, { body: { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } } })).status, 200);
      await nextEvent(w, 'case', () => w.current?.status === 'accepted');
      assert.deepEqual(ids, [3, 4], 'every move once, in order');
    } finally {
      w.close();
      await lb.close();
    }
  });
});
