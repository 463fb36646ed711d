// Deliveries across processes: a server killed (SIGKILL) while a webhook is in flight delivers it
// after its restart, with the same webhook-id; two instances on one PostgreSQL deliver every
// message exactly once between them.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { call, createCase, startTestServer } from './helpers.js';
import { sharedPostgres } from './support/postgres.js';
import { startReceiver } from './support/webhook-receiver.js';

const SECRET = `whsec_${Buffer.from('restart-secret-of-thirty-two-b!!').toString('base64')}`;
const FAST = { pollMs: 200, timeoutMs: 5000, leaseMs: 6000, retryMinMs: 10, retryFirstWindowMs: 40, retryMaxMs: 120 };

async function child(options: unknown): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', new URL('./support/outbound-child.ts', import.meta.url).pathname, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
    createInterface({ input: proc.stdout! }).once('line', resolve);
  });
  return { proc, url: (JSON.parse(line) as { url: string }).url };
}

describe('deliveries across processes', { timeout: 240_000 }, () => {
  it('a server killed mid-delivery delivers after its restart, with the same webhook-id', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'so-outbound-kill-'));
    const rx = await startReceiver([SECRET]);
    const options = { dataDir, demo: true, tokenSecret: 'kill-test', outbound: { webhooks: [{ id: 'main', url: rx.url, secret: SECRET, events: ['case.submitted'] }], timing: FAST } };
    let running = await child(options);
    try {
      rx.mode = 'hang';
      const session = await (await call(running.url, '/v1/dev/session', undefined, { body: {} })).json();
      const c = await createCase(running.url, session.patientToken);
      const held = await rx.next((r) => r.payload.data.caseId === c.id);
      const exited = new Promise((resolve) => running.proc.once('exit', resolve));
      running.proc.kill('SIGKILL');
      await exited;
      rx.mode = 'ok';
      running = await child(options);
      const again = await rx.next((r) => r.id === held.id && r.answer === 204);
      assert.deepEqual(again.verifiedWith, [true]);
      assert.equal(again.body, held.body);
      assert.deepEqual([...rx.deliveredIds().values()], [1]);
    } finally {
      running.proc.kill('SIGKILL');
      await rx.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a delivery added on one instance wakes another instance\'s worker at once, not at its next poll', { timeout: 60_000 }, async () => {
    const databaseUrl = await (await sharedPostgres()).createDatabase();
    const rx = await startReceiver([SECRET]);
    const webhooks = [{ id: 'main', url: rx.url, secret: SECRET, events: ['case.submitted'] }];
    // A takes requests and runs no worker; B's worker would not look again for ten minutes by itself.
    const a = await child({ databaseUrl, demo: true, tokenSecret: 'wake', outbound: { worker: false, webhooks, timing: FAST } });
    const b = await child({ databaseUrl, demo: true, tokenSecret: 'wake', outbound: { webhooks, timing: { ...FAST, pollMs: 600_000 } } });
    try {
      // B printed its address after its worker started listening; it has found nothing due and sleeps.
      const session = await (await call(a.url, '/v1/dev/session', undefined, { body: {} })).json();
      const c = await createCase(a.url, session.patientToken);
      const got = await rx.next((r) => r.payload.data.caseId === c.id);
      assert.equal(got.answer, 204);
      assert.deepEqual(got.verifiedWith, [true]);
    } finally {
      a.proc.kill('SIGKILL');
      b.proc.kill('SIGKILL');
      await rx.close();
    }
  });

  it('two instances on one PostgreSQL deliver each message once', async () => {
    const url = await (await sharedPostgres()).createDatabase();
    const rx = await startReceiver([SECRET]);
    const outbound = { webhooks: [{ id: 'main', url: rx.url, secret: SECRET }], timing: { ...FAST, batch: 2 } };
    const [a, b] = await Promise.all([startTestServer({ databaseUrl: url, tokenSecret: 'two', outbound }), startTestServer({ databaseUrl: url, tokenSecret: 'two', outbound })]);
    try {
      const patient = await a.patient();
      const cases = [];
      for (let i = 0; i < 6; i++) cases.push(await createCase((i % 2 ? a : b).url, patient));
      // Each creation makes two messages (case.status_changed and case.submitted).
      await rx.next(() => rx.deliveredIds().size === 12);
      const counts = [...rx.deliveredIds().values()];
      assert.deepEqual(counts, Array(12).fill(1));
      assert.ok(rx.received.every((r) => r.verifiedWith[0]));
      assert.equal(rx.received.length, 12);
      assert.deepEqual(new Set(rx.received.map((r) => r.payload.data.caseId)), new Set(cases.map((c) => c.id)));
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
      await rx.close();
      await (await sharedPostgres()).stop();
    }
  });
});
