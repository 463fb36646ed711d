// Data survives a restart: the same data directory, a new process-level server.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { call, createCase, PDF, sha256, startTestServer, tusMetadata } from './helpers.js';

describe('restarting the server', () => {
  it('keeps cases, events, records and idempotency keys', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'so-restart-'));
    const tokenSecret = 'restart-test-secret';
    try {
      const first = await startTestServer({ dataDir, tokenSecret, demo: true });
      const session = await (await call(first.url, '/v1/dev/session', undefined, { body: {} })).json();
      const c = await createCase(first.url, session.patientToken);
      const up = await fetch(`${first.url}/v1/cases/${c.id}/uploads`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.patientToken}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(PDF.length), 'Upload-Metadata': tusMetadata({ kind: 'lab_result', title: 'Labs', sha256: sha256(PDF) }), 'Content-Type': 'application/offset+octet-stream' },
        body: PDF as BodyInit,
      });
      assert.equal(up.headers.get('so-record-status'), 'verified');
      const recordId = up.headers.get('so-record-id');
      const keyed = await call(first.url, `/v1/cases/${c.id}/withdraw`, session.patientToken, { body: {}, headers: { 'Idempotency-Key': 'before-restart' } });
      assert.equal(keyed.status, 200);
      await first.close();

      // The same database: the data directory's PGlite, or the same PostgreSQL database.
      const second = await startTestServer({ dataDir, tokenSecret, databaseUrl: first.options.databaseUrl });
      try {
        const res = await call(second.url, `/v1/cases/${c.id}`, session.patientToken);
        assert.equal(res.status, 200);
        const after = await res.json();
        assert.equal(after.status, 'withdrawn');
        assert.equal(after.reference, c.reference);
        const content = await call(second.url, `/v1/cases/${c.id}/records/${recordId}/content`, session.patientToken);
        assert.deepEqual(new Uint8Array(await content.arrayBuffer()), PDF);
        const replay = await call(second.url, `/v1/cases/${c.id}/withdraw`, session.patientToken, { body: {}, headers: { 'Idempotency-Key': 'before-restart' } });
        assert.equal(replay.headers.get('idempotent-replayed'), 'true');
        const list = await (await call(second.url, '/v1/cases', session.patientToken)).json();
        assert.deepEqual(list.items.map((i: { id: string }) => i.id), [c.id]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
