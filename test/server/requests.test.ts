// The request pipeline over real HTTP: authentication before any body is read, bodies capped while
// they stream (413), JSON only as JSON (415), tokens that expire and say one thing, Idempotency-Keys
// scoped by caller, roles and route, and no-store + nosniff on every answer with case data.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sign } from 'hono/jwt';
import { DEFAULT_MAX_BODY_SIZE } from '../../src/core/index.js';
import { call, createCase, PDF, sha256, sseReader, startTestServer, tusMetadata, validRequest, type TestServer } from './helpers.js';

const SECRET = 'requests-test-secret';
let s: TestServer;
before(async () => {
  s = await startTestServer({ tokenSecret: SECRET, tokenMaxLifetimeSeconds: 3600 });
});
after(() => s.dispose());

const MiB = 1024 ** 2;

/** A body of `total` spaces made as it is sent, counting what the server let through. */
function lazyBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const seen = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (seen.pulled >= total) return ctrl.close();
      seen.pulled += chunk.length;
      ctrl.enqueue(chunk);
    },
  });
  return { stream, seen };
}

function postStream(path: string, token: string | undefined, stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: stream,
    duplex: 'half',
  } as RequestInit);
}

async function problem(res: Response, status: number) {
  assert.equal(res.status, status);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  return res.json();
}

const idempotencyRows = async () => (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency')).rows[0]!.n;

describe('request bodies', () => {
  it('publishes its JSON body cap in /v1/config', async () => {
    const config = await (await call(s.url, '/v1/config', undefined)).json();
    assert.equal(config.maxBodySize, DEFAULT_MAX_BODY_SIZE);
  });

  it('takes its cap from the configuration', async () => {
    const small = await startTestServer({ config: { maxBodySize: 4096 } });
    try {
      assert.equal((await (await call(small.url, '/v1/config', undefined)).json()).maxBodySize, 4096);
      const patient = await small.patient();
      const over = await call(small.url, '/v1/cases', patient, { body: { request: validRequest({ proposedTreatment: 'x'.repeat(4096) }) } });
      assert.equal((await problem(over, 413)).errors[0].params.maximum, 4096);
      assert.equal((await call(small.url, '/v1/cases', patient, { body: { request: validRequest() } })).status, 201);
    } finally {
      await small.dispose();
    }
  });

  it('answers 413 to a declared length over the cap, before reading it', async () => {
    const body = JSON.stringify({ request: validRequest({ proposedTreatment: 'x'.repeat(DEFAULT_MAX_BODY_SIZE) }) });
    const res = await call(s.url, '/v1/cases', await s.patient(), { body });
    const p = await problem(res, 413);
    assert.equal(p.reason, 'too_large');
    assert.equal(p.errors[0].params.maximum, DEFAULT_MAX_BODY_SIZE);
  });

  it('answers 413 to a 600 MiB streamed body as soon as it passes the cap, without reading the rest', async () => {
    const { stream, seen } = lazyBody(600 * MiB);
    const res = await postStream('/v1/cases', await s.patient(), stream);
    // What the server did not read stays in the client: socket buffers past the cap at most.
    assert.ok(seen.pulled < 64 * MiB, `${seen.pulled} bytes sent before the answer`);
    assert.equal((await problem(res, 413)).reason, 'too_large');
    assert.equal(res.headers.get('connection'), 'close');
    // The server goes on serving.
    assert.equal((await call(s.url, '/v1/cases', await s.patient())).status, 200);
  });

  it('answers 401 to a large body without a token before reading it, and stores no key for it', async () => {
    const rows = await idempotencyRows();
    const { stream, seen } = lazyBody(256 * MiB);
    const res = await postStream('/v1/cases', undefined, stream, { 'Idempotency-Key': 'anonymous-key' });
    assert.ok(seen.pulled < 64 * MiB, `${seen.pulled} bytes sent before the answer`);
    assert.equal((await problem(res, 401)).code, 'auth');
    assert.equal(await idempotencyRows(), rows);
  });

  it('answers 415 to a body that is not JSON, whatever the route', async () => {
    const patient = await s.patient();
    const c = await createCase(s.url, patient, false);
    const json = JSON.stringify({ request: validRequest() });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png', 'application/jsonp']) {
      const res = await fetch(`${s.url}/v1/cases`, { method: 'POST', headers: { Authorization: `Bearer ${patient}`, 'Content-Type': type }, body: json });
      assert.equal((await problem(res, 415)).reason, 'unsupported_media_type', type);
    }
    // No Content-Type at all (a Blob without a type sends none).
    const none = await fetch(`${s.url}/v1/cases/${c.id}/withdraw`, { method: 'POST', headers: { Authorization: `Bearer ${patient}` }, body: new Blob(['{}']) });
    assert.equal(none.status, 415);
    const staff = await fetch(`${s.url}/v1/staff/cases/${c.id}/decline`, { method: 'POST', headers: { Authorization: `Bearer ${await s.staff()}`, 'Content-Type': 'text/plain' }, body: '{}' });
    assert.equal(staff.status, 415);
    // JSON with parameters, and +json types, are JSON; a move without a body needs no type.
    const ok = await fetch(`${s.url}/v1/cases`, { method: 'POST', headers: { Authorization: `Bearer ${patient}`, 'Content-Type': 'application/json; charset=utf-8' }, body: json });
    assert.equal(ok.status, 201);
    const merge = await call(s.url, `/v1/cases/${c.id}`, patient, { method: 'PATCH', body: { request: validRequest({ questions: ['Why now?'] }) }, headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': `"${c.version}"` } });
    assert.equal(merge.status, 200, await merge.clone().text());
    const submit = await fetch(`${s.url}/v1/cases/${c.id}/submit`, { method: 'POST', headers: { Authorization: `Bearer ${patient}` } });
    assert.equal(submit.status, 200, await submit.clone().text());
  });
});

describe('tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const token = (claims: Record<string, unknown>) => sign({ sub: 'token-sub', iat: now(), exp: now() + 600, ...claims }, SECRET, 'HS256');

  it('accepts a well-formed token, and the server issues only those', async () => {
    assert.equal((await call(s.url, '/v1/cases', await token({ role: 'patient' }))).status, 200);
    assert.equal((await call(s.url, '/v1/staff/cases', await token({ role: 'coordinator', roles: ['coordinator', 'specialist'] }))).status, 200);
    assert.equal((await call(s.url, '/v1/cases', await s.patient())).status, 200);
  });

  it('refuses contradictory or unknown role claims', async () => {
    for (const claims of [
      { role: 'patient', roles: ['coordinator'] }, { role: 'coordinator', roles: ['patient'] }, { role: 'patient', roles: ['patient', 'specialist'] },
      { roles: [] }, { roles: 'coordinator' }, { role: 'system' }, { role: 'coordinator', roles: ['coordinator', 'admin'] }, {},
    ]) {
      for (const path of ['/v1/cases', '/v1/staff/cases']) assert.equal((await call(s.url, path, await token(claims))).status, 401, `${JSON.stringify(claims)} on ${path}`);
    }
  });

  it('refuses a token without exp, or one living longer than the configured maximum', async () => {
    const { exp: _, ...noExp } = { sub: 'token-sub', role: 'patient', iat: now(), exp: 0 };
    assert.equal((await call(s.url, '/v1/cases', await sign(noExp, SECRET, 'HS256'))).status, 401);
    assert.equal((await call(s.url, '/v1/cases', await token({ role: 'patient', exp: now() + 2 * 3600 }))).status, 401);
    // Issued long ago with a lifetime past the maximum, even if little of it is left.
    assert.equal((await call(s.url, '/v1/cases', await token({ role: 'patient', iat: now() - 7200, exp: now() + 60 }))).status, 401);
    assert.equal((await call(s.url, '/v1/cases', await token({ role: 'patient', exp: now() - 10 }))).status, 401);
  });
});

describe('Idempotency-Key scopes', () => {
  it('never replays a coordinator\'s answer to a patient token with the same subject and key (403)', async () => {
    const c = await createCase(s.url, await s.patient());
    const coordinator = await s.issueToken('same-sub', 'coordinator');
    const first = await call(s.url, `/v1/staff/cases/${c.id}/triage`, coordinator, { method: 'POST', headers: { 'Idempotency-Key': 'triage-k' } });
    assert.equal(first.status, 200);
    const again = await call(s.url, `/v1/staff/cases/${c.id}/triage`, coordinator, { method: 'POST', headers: { 'Idempotency-Key': 'triage-k' } });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const asPatient = await call(s.url, `/v1/staff/cases/${c.id}/triage`, await s.issueToken('same-sub', 'patient'), { method: 'POST', headers: { 'Idempotency-Key': 'triage-k' } });
    assert.equal(asPatient.status, 403);
    assert.equal(asPatient.headers.get('idempotent-replayed'), null);
  });

  it('checks access before a replay: the same key from another patient on the same route is that patient\'s own (404)', async () => {
    const c = await createCase(s.url, await s.patient('owner-k'), false);
    const owner = await s.patient('owner-k');
    const first = await call(s.url, `/v1/cases/${c.id}/submit`, owner, { method: 'POST', headers: { 'Idempotency-Key': 'submit-k' } });
    assert.equal(first.status, 200);
    const other = await call(s.url, `/v1/cases/${c.id}/submit`, await s.patient('other-k'), { method: 'POST', headers: { 'Idempotency-Key': 'submit-k' } });
    assert.equal(other.status, 404);
  });

  it('stores nothing for a request that changed nothing: the key stays unused', async () => {
    const patient = await s.patient();
    const refused = await call(s.url, '/v1/cases', patient, { body: { request: validRequest({ patient: { ...(validRequest().patient as object), birthDate: '2999-01-01' } }), submit: true }, headers: { 'Idempotency-Key': 'refused-k' } });
    assert.equal(refused.status, 422);
    const created = await call(s.url, '/v1/cases', patient, { body: { request: validRequest(), submit: true }, headers: { 'Idempotency-Key': 'refused-k' } });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('idempotent-replayed'), null);
  });
});

describe('answers with case data', () => {
  function assertPrivate(res: Response, what: string) {
    assert.equal(res.headers.get('cache-control'), 'no-store', `${what}: Cache-Control`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  }

  it('sends Cache-Control: no-store and nosniff on lists, moves, reports, confirmations, replays, problems and the event stream', async () => {
    const patient = await s.patient();
    const staff = await s.staff();
    const body = { request: validRequest(), submit: true };
    const created = await call(s.url, '/v1/cases', patient, { body, headers: { 'Idempotency-Key': 'private-k' } });
    assertPrivate(created, 'POST /v1/cases');
    const c = await created.json();
    const replay = await call(s.url, '/v1/cases', patient, { body, headers: { 'Idempotency-Key': 'private-k' } });
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assertPrivate(replay, 'a replay');
    assertPrivate(await call(s.url, '/v1/cases', patient), 'GET /v1/cases');
    assertPrivate(await call(s.url, `/v1/cases/${c.id}`, patient), 'GET /v1/cases/{id}');
    assertPrivate(await call(s.url, `/v1/cases/${c.id}`, patient, { headers: { 'If-None-Match': `"${c.version}"` } }), 'a 304');
    assertPrivate(await call(s.url, '/v1/staff/cases', staff), 'GET /v1/staff/cases');
    assertPrivate(await call(s.url, `/v1/cases/${c.id}`, await s.patient()), 'a 404');
    const triage = await call(s.url, `/v1/staff/cases/${c.id}/triage`, staff, { method: 'POST' });
    assertPrivate(triage, 'a staff move');
    const report = await fetch(`${s.url}/v1/staff/cases/${c.id}/report`, { method: 'POST', headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/pdf' }, body: PDF });
    assert.equal(report.status, 201);
    assertPrivate(report, 'the report\'s 201');

    // A record uploaded before its hash was known, then confirmed.
    const up = await fetch(`${s.url}/v1/cases/${c.id}/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${patient}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(PDF.length), 'Upload-Metadata': tusMetadata({ kind: 'lab_result', title: 'Labs' }), 'Content-Type': 'application/offset+octet-stream' },
      body: PDF,
    });
    assert.equal(up.headers.get('so-record-status'), 'received');
    assertPrivate(up, 'an upload creation');
    const confirm = await call(s.url, `/v1/cases/${c.id}/records/${up.headers.get('so-record-id')}`, patient, { method: 'PATCH', body: { sha256: sha256(PDF) } });
    assert.equal(confirm.status, 200);
    assert.equal((await confirm.json()).status, 'verified');
    assertPrivate(confirm, 'the record confirmation');

    const stream = await call(s.url, `/v1/cases/${c.id}/events`, patient, { headers: { Accept: 'text/event-stream' } });
    assert.equal(stream.status, 200);
    assertPrivate(stream, 'the event stream');
    await sseReader(stream).cancel();
  });
});
