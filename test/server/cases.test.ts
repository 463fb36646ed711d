// The patient's case routes over real HTTP: auth, isolation, ETags, validation, errors and idempotency.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sign } from 'hono/jwt';
import { CasePageSchema, CaseSchema, parseWith } from '../../src/core/index.js';
import { call, createCase, startTestServer, validRequest, type TestServer } from './helpers.js';

let s: TestServer;
let alice: string;
let bob: string;
before(async () => {
  s = await startTestServer();
  alice = await s.patient('alice');
  bob = await s.patient('bob');
});
after(() => s.dispose());

async function problem(res: Response) {
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  const body = await res.json();
  assert.equal(body.status, res.status);
  assert.equal(body.requestId, res.headers.get('x-request-id'));
  return body;
}

describe('authentication', () => {
  it('answers 401 problem+json without a token and with a bad one', async () => {
    for (const token of [undefined, 'not-a-jwt', `${alice}x`]) {
      const res = await call(s.url, '/v1/cases', token);
      assert.equal(res.status, 401);
      assert.equal((await problem(res)).code, 'auth');
    }
  });

  it('refuses a token signed by another secret', async () => {
    const now = Math.floor(Date.now() / 1000);
    const foreign = await sign({ sub: 'alice', role: 'patient', iat: now, exp: now + 60 }, 'another-secret', 'HS256');
    assert.equal((await call(s.url, '/v1/cases', foreign)).status, 401);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"alice","role":"patient"}').toString('base64url')}.`;
    assert.equal((await call(s.url, '/v1/cases', unsigned)).status, 401);
  });

  it('has no dev session outside demo mode', async () => {
    const res = await call(s.url, '/v1/dev/session', undefined, { body: {} });
    assert.equal(res.status, 404);
    assert.equal((await problem(res)).code, 'not_found');
  });
});

describe('creating and reading cases', () => {
  it('creates a submitted case with Location, ETag and a valid body', async () => {
    const res = await call(s.url, '/v1/cases', alice, { body: { request: validRequest(), submit: true } });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.ok(parseWith(CaseSchema, body).ok);
    assert.equal(body.status, 'submitted');
    assert.equal(res.headers.get('location'), `/v1/cases/${body.id}`);
    assert.equal(res.headers.get('etag'), `"${body.version}"`);
    assert.ok(res.headers.get('x-request-id'));
    const again = await call(s.url, res.headers.get('location')!, alice);
    assert.equal(again.status, 200);
    assert.equal((await again.json()).id, body.id);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const c = await createCase(s.url, alice);
    const res = await call(s.url, `/v1/cases/${c.id}`, alice, { headers: { 'If-None-Match': `"${c.version}"` } });
    assert.equal(res.status, 304);
    const changed = await call(s.url, `/v1/cases/${c.id}`, alice, { headers: { 'If-None-Match': '"999"' } });
    assert.equal(changed.status, 200);
  });

  it('refuses an invalid request with 422 and dotted field paths', async () => {
    const res = await call(s.url, '/v1/cases', alice, { body: { request: validRequest({ patient: { ...validRequest().patient as object, birthDate: '2999-01-01' } }), submit: true } });
    assert.equal(res.status, 422);
    const body = await problem(res);
    assert.equal(body.code, 'validation');
    assert.ok(body.errors.some((e: { path: string; code: string }) => e.path === 'request.patient.birthDate' && e.code === 'date_in_future'), JSON.stringify(body.errors));
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await call(s.url, '/v1/cases', alice, { body: '{"request": ' });
    assert.equal(res.status, 400);
    assert.equal((await problem(res)).code, 'validation');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await call(s.url, '/v1/nothing-here', alice);
    assert.equal(res.status, 404);
    assert.equal((await problem(res)).code, 'not_found');
  });

  it('lists newest first with an opaque cursor, and checks the limit', async () => {
    const carol = await s.patient();
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await createCase(s.url, carol, i % 2 === 0)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res = await call(s.url, `/v1/cases?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, carol);
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.ok(parseWith(CasePageSchema, body).ok);
      seen.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, [...made].reverse());
    assert.equal((await call(s.url, '/v1/cases?limit=0', carol)).status, 422);
    assert.equal((await call(s.url, '/v1/cases?limit=101', carol)).status, 422);
    assert.equal((await call(s.url, '/v1/cases?cursor=nonsense', carol)).status, 422);
  });
});

describe('isolation between patients', () => {
  it('answers 404 for another patient\'s case, exactly as for a missing one', async () => {
    const c = await createCase(s.url, alice);
    const theirs = await call(s.url, `/v1/cases/${c.id}`, bob);
    const missing = await call(s.url, '/v1/cases/no-such-case', bob);
    assert.equal(theirs.status, 404);
    assert.equal(missing.status, 404);
    const [a, b] = [await theirs.json(), await missing.json()];
    assert.equal(a.detail, b.detail);
    for (const path of ['/withdraw', '/submit', '/messages', '/share']) {
      assert.equal((await call(s.url, `/v1/cases/${c.id}${path}`, bob, { body: { kind: 'reply', text: 'x' } })).status, 404, path);
    }
    assert.equal((await call(s.url, `/v1/cases/${c.id}`, bob, { method: 'PATCH', body: { request: {} }, headers: { 'If-Match': '"1"' } })).status, 404);
    const list = await (await call(s.url, '/v1/cases', bob)).json();
    assert.ok(!list.items.some((i: { id: string }) => i.id === c.id));
  });

  it('keeps a follow-on case from pointing at another patient\'s case', async () => {
    const c = await createCase(s.url, alice);
    const res = await call(s.url, '/v1/cases', bob, { body: { request: validRequest(), submit: true, previousCaseId: c.id } });
    assert.equal(res.status, 404);
  });
});

describe('editing a draft', () => {
  it('needs If-Match (428), refuses a stale one (412) and applies a current one', async () => {
    const draft = await createCase(s.url, alice, false);
    const edit = { request: { specialty: 'cardiology' } };
    const missing = await call(s.url, `/v1/cases/${draft.id}`, alice, { method: 'PATCH', body: edit });
    assert.equal(missing.status, 428);
    await problem(missing);
    const stale = await call(s.url, `/v1/cases/${draft.id}`, alice, { method: 'PATCH', body: edit, headers: { 'If-Match': '"7"' } });
    assert.equal(stale.status, 412);
    assert.equal((await problem(stale)).reason, 'stale_version');
    const ok = await call(s.url, `/v1/cases/${draft.id}`, alice, { method: 'PATCH', body: edit, headers: { 'If-Match': `"${draft.version}"` } });
    assert.equal(ok.status, 200);
    const body = await ok.json();
    assert.equal(body.request.specialty, 'cardiology');
    assert.equal(ok.headers.get('etag'), `"${draft.version + 1}"`);
  });

  it('submits a draft only when it is complete (422 with paths), then refuses a second submit (409)', async () => {
    const res = await call(s.url, '/v1/cases', alice, { body: { request: { specialty: 'oncology' } } });
    const draft = await res.json();
    const incomplete = await call(s.url, `/v1/cases/${draft.id}/submit`, alice, { method: 'POST' });
    assert.equal(incomplete.status, 422);
    assert.ok((await problem(incomplete)).errors.some((e: { path: string }) => e.path.startsWith('request.')));
    const full = await call(s.url, `/v1/cases/${draft.id}`, alice, { method: 'PATCH', body: { request: validRequest() }, headers: { 'If-Match': `"${draft.version}"` } });
    assert.equal(full.status, 200);
    assert.equal((await call(s.url, `/v1/cases/${draft.id}/submit`, alice, { method: 'POST' })).status, 200);
    const again = await call(s.url, `/v1/cases/${draft.id}/submit`, alice, { method: 'POST' });
    assert.equal(again.status, 409);
    assert.equal((await problem(again)).reason, 'illegal_transition');
  });
});

describe('idempotency', () => {
  it('replays the stored answer for the same key and body, and creates one case', async () => {
    const dave = await s.patient();
    const body = { request: validRequest(), submit: true };
    const first = await call(s.url, '/v1/cases', dave, { body, headers: { 'Idempotency-Key': 'create-1' } });
    const second = await call(s.url, '/v1/cases', dave, { body, headers: { 'Idempotency-Key': 'create-1' } });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.headers.get('location'), first.headers.get('location'));
    assert.equal(second.headers.get('etag'), first.headers.get('etag'));
    assert.deepEqual(await second.json(), await first.json());
    const list = await (await call(s.url, '/v1/cases', dave)).json();
    assert.equal(list.items.length, 1);
  });

  it('answers 422 idempotency_mismatch for the same key with another body', async () => {
    const erin = await s.patient();
    await call(s.url, '/v1/cases', erin, { body: { request: validRequest(), submit: true }, headers: { 'Idempotency-Key': 'k' } });
    const res = await call(s.url, '/v1/cases', erin, { body: { request: validRequest(), submit: false }, headers: { 'Idempotency-Key': 'k' } });
    assert.equal(res.status, 422);
    assert.equal((await problem(res)).reason, 'idempotency_mismatch');
  });

  it('scopes keys per caller: another patient\'s key is theirs alone', async () => {
    const [f, g] = [await s.patient(), await s.patient()];
    const a = await (await call(s.url, '/v1/cases', f, { body: { request: validRequest() }, headers: { 'Idempotency-Key': 'same' } })).json();
    const res = await call(s.url, '/v1/cases', g, { body: { request: validRequest() }, headers: { 'Idempotency-Key': 'same' } });
    assert.equal(res.headers.get('idempotent-replayed'), null);
    assert.notEqual((await res.json()).id, a.id);
  });

  it('replays lifecycle moves instead of failing them as illegal', async () => {
    const c = await createCase(s.url, alice);
    const first = await call(s.url, `/v1/cases/${c.id}/withdraw`, alice, { body: { reason: 'Changed my mind' }, headers: { 'Idempotency-Key': 'w1' } });
    const retry = await call(s.url, `/v1/cases/${c.id}/withdraw`, alice, { body: { reason: 'Changed my mind' }, headers: { 'Idempotency-Key': 'w1' } });
    assert.equal(first.status, 200);
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal((await retry.json()).status, 'withdrawn');
  });
});

describe('CORS', () => {
  it('answers preflight for any origin without credentials and exposes the protocol headers', async () => {
    const res = await fetch(`${s.url}/v1/cases`, { method: 'OPTIONS', headers: { Origin: 'https://portal.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,idempotency-key' } });
    assert.ok(res.status === 204 || res.status === 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/i);
    const get = await fetch(`${s.url}/v1/config`, { headers: { Origin: 'https://portal.example' } });
    const exposed = get.headers.get('access-control-expose-headers') ?? '';
    for (const h of ['Location', 'Upload-Offset', 'SO-Record-Id', 'SO-Record-Status', 'ETag', 'X-Request-Id', 'Retry-After']) assert.match(exposed, new RegExp(h, 'i'));
  });
});

describe('logs', () => {
  it('carry request id, route template, status and duration, never names, bodies or ids in paths', async () => {
    const c = await createCase(s.url, alice);
    await call(s.url, `/v1/cases/${c.id}`, alice);
    const text = JSON.stringify(s.logs);
    assert.ok(s.logs.length > 0);
    for (const secret of ['Tremblay', 'Marie', 'marie@example.ca', 'Breast cancer', alice, c.id]) assert.ok(!text.includes(secret), `logs leak ${secret.slice(0, 12)}`);
    const line = s.logs.find((l) => l.route === '/v1/cases/:id' && l.method === 'GET');
    assert.ok(line);
    assert.equal(line.status, 200);
    assert.equal(typeof line.durationMs, 'number');
    assert.match(String(line.requestId), /^[0-9a-f-]{36}$/);
  });
});
