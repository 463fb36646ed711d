// Demo mode's door: `POST /v1/dev/session` gives fresh subjects only, its staff see only their own
// session's cases, and demo mode stays on loopback unless the operator sets SO_DEMO=1.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { isLoopbackHost, silentLogger, startServer } from '../../src/server/index.js';
import { call, createCase, PDF, startTestServer, type TestServer } from './helpers.js';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

interface Session {
  patientToken: string;
  staffToken: string;
  coordinatorToken: string;
  specialistToken: string;
  patientId: string;
}

let s: TestServer;
before(async () => {
  s = await startTestServer({ demo: true });
});
after(() => s.dispose());

async function session(): Promise<Session> {
  const res = await call(s.url, '/v1/dev/session', undefined, { body: {} });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  return res.json() as Promise<Session>;
}

const ids = async (res: Response): Promise<string[]> => ((await res.json()).items as { id: string }[]).map((i) => i.id);

describe('POST /v1/dev/session', () => {
  it('gives a fresh subject every time and refuses to choose one (422 unknown_field)', async () => {
    const [a, b] = [await session(), await session()];
    assert.notEqual(a.patientId, b.patientId);
    const c = await createCase(s.url, a.patientToken);
    for (const body of [{ subject: a.patientId }, { subject: 'alice' }]) {
      const res = await call(s.url, '/v1/dev/session', undefined, { body });
      assert.equal(res.status, 422);
      const problem = await res.json();
      assert.deepEqual(problem.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['subject', 'unknown_field']]);
    }
    // Nothing handed out since reads the first session's case.
    const later = await session();
    assert.equal((await call(s.url, `/v1/cases/${c.id}`, later.patientToken)).status, 404);
  });

  it('scopes its staff tokens to the session\'s own cases: list, read, events, moves and reports', async () => {
    const [mine, theirs] = [await session(), await session()];
    const own = await createCase(s.url, mine.patientToken);
    const other = await createCase(s.url, theirs.patientToken);
    const operator = await s.staff();
    for (const token of [mine.staffToken, mine.coordinatorToken, mine.specialistToken]) {
      const listed = await ids(await call(s.url, '/v1/staff/cases?limit=100', token));
      assert.deepEqual(listed, [own.id]);
      assert.equal((await call(s.url, `/v1/cases/${other.id}`, token)).status, 404);
      assert.equal((await call(s.url, `/v1/cases/${other.id}/events`, token)).status, 404);
      assert.equal((await call(s.url, `/v1/cases/${own.id}`, token)).status, 200);
    }
    assert.equal((await call(s.url, `/v1/staff/cases/${other.id}/triage`, mine.coordinatorToken, { method: 'POST' })).status, 404);
    assert.equal((await call(s.url, `/v1/staff/cases/${other.id}/decline`, mine.staffToken, { body: { reason: 'Not ours' } })).status, 404);
    const report = await fetch(`${s.url}/v1/staff/cases/${other.id}/report`, { method: 'POST', headers: { Authorization: `Bearer ${mine.staffToken}`, 'Content-Type': 'application/pdf' }, body: PDF });
    assert.equal(report.status, 404);
    assert.equal((await (await call(s.url, `/v1/cases/${other.id}`, theirs.patientToken)).json()).status, 'submitted');
    // Its own case moves as before; the operator's staff still see every case.
    assert.equal((await call(s.url, `/v1/staff/cases/${own.id}/triage`, mine.coordinatorToken, { method: 'POST' })).status, 200);
    // Webhook endpoints hear of every case: not for a demo session's coordinator.
    assert.equal((await call(s.url, '/v1/staff/webhooks', mine.coordinatorToken)).status, 403);
    assert.equal((await call(s.url, '/v1/staff/webhooks', mine.coordinatorToken, { body: { url: 'http://127.0.0.1:9/hook' } })).status, 403);
    const all = await ids(await call(s.url, '/v1/staff/cases?limit=100', operator));
    assert.ok(all.includes(own.id) && all.includes(other.id));
  });
});

describe('demo mode outside loopback', () => {
  it('knows loopback hosts from the rest', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'example.org', '::ffff:10.0.0.1']) assert.ok(!isLoopbackHost(h), h);
  });

  it('is refused with a clear message on 0.0.0.0, and starts there only with SO_DEMO=1 set explicitly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'so-demo-'));
    const saved = process.env.SO_DEMO;
    try {
      delete process.env.SO_DEMO;
      await assert.rejects(startServer({ demo: true, host: '0.0.0.0', port: 0, dataDir, logger: silentLogger }), /loopback.*SO_DEMO=1/s);
      process.env.SO_DEMO = '1';
      const open = await startServer({ demo: true, host: '0.0.0.0', port: 0, dataDir, logger: silentLogger });
      try {
        const port = new URL(open.url).port;
        assert.equal((await fetch(`http://127.0.0.1:${port}/v1/dev/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status, 200);
      } finally {
        await open.close();
      }
    } finally {
      if (saved === undefined) delete process.env.SO_DEMO;
      else process.env.SO_DEMO = saved;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('makes `npm start` exit 1 with that message when HOST is not loopback, before building anything', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: '0.0.0.0', PORT: '0' };
    delete env.SO_DEMO;
    const outcome = await run(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env, timeout: 60_000 })
      .then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /Demo mode hands out tokens.*not on 0\.0\.0\.0.*SO_DEMO=1/s);
  });
});
