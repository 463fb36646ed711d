// A server killed between the commit of a write and its answer: the Idempotency-Key's answer was
// stored in the write's own transaction, so the retry (to a new process on the same database)
// replays it — one case, never two, never a key left "in progress". A real server process is
// killed with SIGKILL right after its COMMIT (test/server/support/crash-server.ts), on PGlite and
// on a private PostgreSQL cluster.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { TokenIssuer } from '../../src/server/auth.js';
import { call, validRequest } from './helpers.js';
import { sharedPostgres } from './support/postgres.js';

const FIXTURE = new URL('./support/crash-server.ts', import.meta.url).pathname;
const SECRET = 'crash-test-secret';

interface Child {
  url: string;
  proc: ChildProcess;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/** Starts the fixture server and waits for the URL it prints. */
async function startChild(env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { env: { ...process.env, SO_TOKEN_SECRET: SECRET, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(proc, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const lines = createInterface({ input: proc.stdout! });
  const first = await Promise.race([once(lines, 'line').then(([line]) => String(line)), exited.then(([code, signal]) => {
    throw new Error(`the crash server ended before listening (${code ?? signal})`);
  })]);
  lines.close();
  return { url: (JSON.parse(first) as { url: string }).url, proc, exited };
}

async function stopChild(child: Child): Promise<void> {
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGTERM');
  await child.exited;
}

async function crashBetweenCommitAndAnswer(env: Record<string, string>): Promise<void> {
  const token = await new TokenIssuer(SECRET).issue(`crash-${crypto.randomUUID()}`, 'patient');
  const body = { request: validRequest(), submit: true };
  const headers = { 'Idempotency-Key': 'crash-key' };

  const doomed = await startChild({ ...env, SO_TEST_KILL_AFTER_COMMIT: '1' });
  try {
    // The case commits, then the process dies: no answer reaches the client.
    await assert.rejects(call(doomed.url, '/v1/cases', token, { body, headers }));
    assert.deepEqual(await doomed.exited, [null, 'SIGKILL']);
  } finally {
    await stopChild(doomed);
  }

  const next = await startChild(env);
  try {
    // The client retries with the same key: the stored answer, not a 409 "in progress", not a second case.
    const retry = await call(next.url, '/v1/cases', token, { body, headers });
    assert.equal(retry.status, 201, await retry.clone().text());
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    const created = await retry.json();
    const list = await (await call(next.url, '/v1/cases', token)).json();
    assert.deepEqual(list.items.map((i: { id: string }) => i.id), [created.id]);
  } finally {
    await stopChild(next);
  }
}

describe('a crash between a write\'s commit and its answer', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'so-crash-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the key answered on PGlite: the retry replays the one case', () => crashBetweenCommitAndAnswer({ SO_DATA_DIR: dataDir() }));

  it('leaves the key answered on PostgreSQL: the retry replays the one case', async () => {
    const cluster = await sharedPostgres();
    after(() => cluster.stop());
    await crashBetweenCommitAndAnswer({ SO_DATA_DIR: dataDir(), DATABASE_URL: await cluster.createDatabase() });
  });
});
