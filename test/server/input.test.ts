// Odd input over real HTTP: NUL characters and lone surrogates in text, ids that no backend could
// have issued, unbounded arrays. Each is a clear 4xx, never a 500 (PostgreSQL refuses NUL in text
// and jsonb with 22P05/22021, which the client would retry as a server error).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sign } from 'hono/jwt';
import { call, createCase, startTestServer, tusMetadata, validRequest, type TestServer } from './helpers.js';

const SECRET = 'input-test-secret';
let s: TestServer;
let patient: string;
let staff: string;
before(async () => {
  s = await startTestServer({ tokenSecret: SECRET });
  patient = await s.patient('odd-input');
  staff = await s.staff();
});
after(() => s.dispose());

// The JSON text itself carries the escape, as a hostile client would send it.
const raw = (value: unknown, odd: string) => JSON.stringify(value).replace('"@ODD@"', `"${odd}"`);
const ODD = ['a\\u0000b', 'x\\ud800y', 'z\\udfff'];

async function issues(res: Response): Promise<[string, string][]> {
  assert.equal(res.status, 422, await res.clone().text());
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  return ((await res.json()).errors as { path: string; code: string }[]).map((e) => [e.path, e.code]);
}

describe('NUL and lone surrogates in text', () => {
  it('are a field-level 422 invalid_characters in a new case, a draft edit and every move with text', async () => {
    for (const odd of ODD) {
      const submitted = await call(s.url, '/v1/cases', patient, { body: raw({ request: validRequest({ diagnosis: { description: '@ODD@' } }), submit: true }, odd) });
      assert.deepEqual(await issues(submitted), [['request.diagnosis.description', 'invalid_characters']]);
      const draft = await call(s.url, '/v1/cases', patient, { body: raw({ request: { questions: ['@ODD@'] } }, odd) });
      assert.deepEqual(await issues(draft), [['request.questions.0', 'invalid_characters']]);

      const d = await createCase(s.url, patient, false);
      const edit = await call(s.url, `/v1/cases/${d.id}`, patient, { method: 'PATCH', headers: { 'If-Match': `"${d.version}"` }, body: raw({ request: { treatingPhysician: { name: '@ODD@' } } }, odd) });
      assert.deepEqual(await issues(edit), [['request.treatingPhysician.name', 'invalid_characters']]);

      const c = await createCase(s.url, patient);
      assert.deepEqual(await issues(await call(s.url, `/v1/cases/${c.id}/withdraw`, patient, { body: raw({ reason: '@ODD@' }, odd) })), [['reason', 'invalid_characters']]);
      assert.deepEqual(await issues(await call(s.url, `/v1/cases/${c.id}/messages`, patient, { body: raw({ kind: 'follow_up', text: '@ODD@' }, odd) })), [['text', 'invalid_characters']]);
      assert.deepEqual(await issues(await call(s.url, `/v1/staff/cases/${c.id}/decline`, staff, { body: raw({ reason: '@ODD@' }, odd) })), [['reason', 'invalid_characters']]);
      const upload = await fetch(`${s.url}/v1/cases/${c.id}/uploads`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${patient}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': '10', 'Upload-Metadata': tusMetadata({ kind: 'lab_result', title: JSON.parse(`"${odd}"`) }) },
      });
      // A lone surrogate cannot travel in UTF-8 (it arrives as U+FFFD, which is text); NUL can.
      if (odd.includes('u0000')) assert.deepEqual(await issues(upload), [['metadata.title', 'invalid_characters']]);
      else assert.equal(upload.status, 201);
      const after = await (await call(s.url, `/v1/cases/${c.id}`, patient)).json();
      assert.equal(after.status, 'submitted');
    }
    assert.ok(!s.logs.some((l) => Number(l.status) >= 500), 'no 500 logged');
  });
});

describe('ids no backend could have issued', () => {
  it('are a 404 problem before any query, on every route that takes one, never a 500', async () => {
    const c = await createCase(s.url, patient);
    const key = { 'Idempotency-Key': 'odd-id-key' };
    const probes: [string, string, string?][] = [
      ['GET', '/v1/cases/%00'], ['GET', '/v1/cases/a%00b'], ['GET', `/v1/cases/${'x'.repeat(300)}`],
      ['POST', '/v1/cases/%00/withdraw', staff], ['POST', '/v1/cases/%00/submit'], ['GET', '/v1/cases/%00/events'],
      ['GET', `/v1/cases/${c.id}/records/%00/content`], ['GET', `/v1/cases/${c.id}/records/%E2%80%AE/content`],
      ['PATCH', `/v1/cases/${c.id}/records/%00`], ['HEAD', `/v1/cases/${c.id}/uploads/%00`], ['DELETE', `/v1/cases/${c.id}/uploads/a%00`],
      ['POST', '/v1/staff/cases/%00/triage', staff], ['POST', '/v1/staff/cases/%E2%80%AE/triage', staff], ['GET', '/v1/cases/%E2%80%AE'],
    ];
    for (const [method, path, token = patient] of probes) {
      const res = await fetch(`${s.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Tus-Resumable': '1.0.0', ...(method === 'POST' ? key : {}) },
        ...(method === 'POST' || method === 'PATCH' ? { body: method === 'PATCH' ? JSON.stringify({ sha256: 'a'.repeat(64) }) : '{}' } : {}),
      });
      assert.equal(res.status, 404, `${method} ${path}: ${res.status}`);
    }
    assert.ok(!s.logs.some((l) => Number(l.status) >= 500), 'no 500 logged');
  });

  it('refuse a token whose subject could not be stored (NUL, lone surrogate, control character) with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const sub of ['a\u0000b', 'x\ud800', '\u001b[1m', 'x'.repeat(256)]) {
      const token = await sign({ sub, role: 'patient', iat: now, exp: now + 60 }, SECRET, 'HS256');
      for (const [method, path] of [['GET', '/v1/cases'], ['POST', '/v1/cases']] as const) {
        const res = await call(s.url, path, token, { method, ...(method === 'POST' ? { body: { request: validRequest() }, headers: { 'Idempotency-Key': 'odd-sub' } } : {}) });
        assert.equal(res.status, 401, `${method} ${path} with sub ${JSON.stringify(sub).slice(0, 20)}`);
      }
    }
    assert.ok(!s.logs.some((l) => Number(l.status) >= 500), 'no 500 logged');
  });
});

describe('arrays and strings past their documented maximum', () => {
  it('are a field-level 422, not stored: consent scopes, recorded kinds, answers, phone, dates', async () => {
    const consent = (validRequest().consent as Record<string, unknown>);
    const scopes = Array.from({ length: 10_000 }, () => 'collect_and_review');
    assert.deepEqual(await issues(await call(s.url, '/v1/cases', patient, { body: { request: validRequest({ consent: { ...consent, scopes } }), submit: true } })), [['request.consent.scopes', 'too_many']]);
    const long = validRequest({ patient: { ...(validRequest().patient as object), phone: '1'.repeat(41), birthDate: `${'1'.repeat(20)}` } });
    assert.deepEqual((await issues(await call(s.url, '/v1/cases', patient, { body: { request: long, submit: true } }))).sort(), [['request.patient.birthDate', 'too_long'], ['request.patient.phone', 'too_long']]);
    const c = await createCase(s.url, patient);
    await call(s.url, `/v1/staff/cases/${c.id}/triage`, staff, { method: 'POST' });
    const kinds = Array.from({ length: 9 }, () => 'pathology');
    assert.deepEqual(await issues(await call(s.url, `/v1/staff/cases/${c.id}/request-information`, staff, { body: { message: 'Please send it.', recordKinds: kinds } })), [['recordKinds', 'too_many']]);
    const answers = Array.from({ length: 51 }, () => ({ questionId: 'q', text: 'Yes.' }));
    assert.deepEqual(await issues(await call(s.url, `/v1/staff/cases/${c.id}/opinion`, staff, { body: { outcome: 'confirmed', summary: 'Fine.', recommendations: [], answers } })), [['answers', 'too_many']]);
    assert.equal((await (await call(s.url, `/v1/cases/${c.id}`, patient)).json()).status, 'triage');
  });
});
