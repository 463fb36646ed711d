// Limits: the per-token rate limit (429 with Retry-After) and the expiry of unfinished uploads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, createCase, PDF, startTestServer, tusMetadata, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer({ rateLimit: { limit: 5, windowMs: 60_000 }, uploadExpirationMs: 60_000 });
});
after(() => s.dispose());

describe('the rate limit', () => {
  it('answers 429 problem+json with Retry-After once a token spends its budget, per token', async () => {
    const a = await s.patient();
    const b = await s.patient();
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 8 && !limited; i++) {
      const res = await call(s.url, '/v1/cases', a);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    assert.ok(limited);
    assert.equal(limited.headers.get('content-type'), 'application/problem+json');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal((await limited.json()).code, 'rate_limited');
    assert.equal((await call(s.url, '/v1/cases', b)).status, 200);
  });
});

describe('upload expiry', () => {
  it('rejects the record of an unfinished upload as expired and deletes its bytes', async () => {
    const p = await s.patient();
    const c = await createCase(s.url, p);
    const res = await fetch(`${s.url}/v1/cases/${c.id}/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${p}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(PDF.length), 'Upload-Metadata': tusMetadata({ kind: 'lab_result', title: 'Labs' }) },
    });
    assert.equal(res.status, 201);
    assert.ok(res.headers.get('upload-expires'));
    // An hour later, by the server's maintenance clock.
    await s.maintenance(new Date(Date.now() + 3_600_000));
    const after = await (await call(s.url, `/v1/cases/${c.id}`, p)).json();
    assert.equal(after.records[0].status, 'rejected');
    assert.equal(after.records[0].rejectionReason, 'expired');
    const gone = await fetch(`${s.url}${res.headers.get('location')}`, { method: 'HEAD', headers: { Authorization: `Bearer ${p}`, 'Tus-Resumable': '1.0.0' } });
    assert.ok(gone.status === 404 || gone.status === 410, String(gone.status));
  });
});
