// The staff API over real HTTP: a case from submission to a shared opinion, and the role rules.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CaseSchema, parseWith, RecordSchema } from '../../src/core/index.js';
import { call, createCase, PDF, sha256, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
let patient: string;
let staff: string;
before(async () => {
  s = await startTestServer();
  patient = await s.patient('pat-1');
  staff = await s.staff();
});
after(() => s.dispose());

async function post(path: string, token: string, body?: unknown) {
  const res = await call(s.url, path, token, { method: 'POST', ...(body === undefined ? {} : { body }) });
  const json = await res.json();
  return { status: res.status, body: json, res };
}

describe('a case from submission to a shared opinion', () => {
  it('moves through triage, information request, reply, acceptance, review, report, opinion, share and follow-up', async () => {
    const c = await createCase(s.url, patient);
    const base = `/v1/staff/cases/${c.id}`;
    assert.equal((await post(`${base}/triage`, staff)).body.status, 'triage');
    const info = await post(`${base}/request-information`, staff, { message: 'Please send the pathology report.', recordKinds: ['pathology'] });
    assert.equal(info.body.status, 'info_requested');
    assert.equal(info.body.actionsRequired[0].recordKinds[0], 'pathology');
    const reply = await post(`/v1/cases/${c.id}/messages`, patient, { kind: 'reply', text: 'Sent by mail.' });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.status, 'triage');
    const accepted = await post(`${base}/accept`, staff, { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } });
    assert.equal(accepted.body.status, 'accepted');
    assert.ok(accepted.body.expectedBy);
    assert.equal((await post(`${base}/start-review`, staff)).body.status, 'in_review');

    const report = await fetch(`${s.url}${base}/report`, { method: 'POST', headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/pdf' }, body: PDF });
    assert.equal(report.status, 201);
    const record = await report.json();
    assert.ok(parseWith(RecordSchema, record).ok);
    assert.equal(record.source, 'staff');
    assert.equal(record.sha256, sha256(PDF));
    assert.equal(report.headers.get('so-record-id'), record.id);

    const opinion = await post(`${base}/opinion`, staff, {
      outcome: 'refined', summary: 'Surgery first is right; add a genetic test.', recommendations: ['Genetic testing'],
      answers: c.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })), reportRecordId: record.id,
    });
    assert.equal(opinion.status, 200, JSON.stringify(opinion.body));
    assert.equal(opinion.body.status, 'opinion_ready');
    assert.equal(opinion.body.opinion.reportRecordId, record.id);
    assert.ok(parseWith(CaseSchema, opinion.body).ok);

    const content = await call(s.url, `/v1/cases/${c.id}/records/${record.id}/content`, patient);
    assert.equal(content.status, 200);
    assert.equal(content.headers.get('content-type'), 'application/pdf');
    assert.equal(content.headers.get('content-disposition'), 'attachment');
    assert.equal(content.headers.get('cache-control'), 'no-store');
    assert.deepEqual(new Uint8Array(await content.arrayBuffer()), PDF);

    const shared = await post(`/v1/cases/${c.id}/share`, patient, { note: 'For my family doctor' });
    assert.equal(shared.status, 200);
    assert.ok(shared.body.opinion.sharedWithCareTeamAt);
    const followUp = await post(`/v1/cases/${c.id}/messages`, patient, { kind: 'follow_up', text: 'How long should I wait for the genetic test?' });
    assert.equal(followUp.body.status, 'in_review');
    assert.equal(followUp.body.followUpsRemaining, 0);
  });

  it('declines with a reason, and needs one', async () => {
    const c = await createCase(s.url, patient);
    await post(`/v1/staff/cases/${c.id}/triage`, staff);
    const missing = await post(`/v1/staff/cases/${c.id}/decline`, staff, {});
    assert.equal(missing.status, 422);
    assert.ok(missing.body.errors.some((e: { path: string }) => e.path === 'reason'));
    const declined = await post(`/v1/staff/cases/${c.id}/decline`, staff, { reason: 'Outside our specialties' });
    assert.equal(declined.body.status, 'declined');
    assert.equal(declined.body.declineReason, 'Outside our specialties');
  });
});

describe('roles and moves', () => {
  it('answers 409 illegal_transition for a move the status does not allow', async () => {
    const c = await createCase(s.url, patient);
    const res = await post(`/v1/staff/cases/${c.id}/start-review`, staff);
    assert.equal(res.status, 409);
    assert.equal(res.body.reason, 'illegal_transition');
    assert.equal(res.res.headers.get('content-type'), 'application/problem+json');
  });

  it('answers 403 when the caller\'s role may not make the move', async () => {
    const coordinator = await s.staff('coordinator');
    const specialist = await s.staff('specialist');
    const c = await createCase(s.url, patient);
    assert.equal((await post(`/v1/staff/cases/${c.id}/triage`, specialist)).status, 403);
    assert.equal((await post(`/v1/staff/cases/${c.id}/triage`, coordinator)).status, 200);
    await post(`/v1/staff/cases/${c.id}/accept`, coordinator, { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } });
    const res = await post(`/v1/staff/cases/${c.id}/start-review`, coordinator);
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'forbidden');
    assert.equal((await post(`/v1/staff/cases/${c.id}/start-review`, specialist)).status, 200);
  });

  it('keeps patients out of the staff API and staff out of patient moves', async () => {
    const c = await createCase(s.url, patient);
    assert.equal((await post(`/v1/staff/cases/${c.id}/triage`, patient)).status, 403);
    assert.equal((await call(s.url, '/v1/staff/cases', patient)).status, 403);
    assert.equal((await post(`/v1/cases/${c.id}/withdraw`, staff, {})).status, 403);
    assert.equal((await call(s.url, '/v1/staff/cases', undefined)).status, 401);
  });

  it('lists every case past draft for staff, never drafts', async () => {
    const draft = await createCase(s.url, patient, false);
    const submitted = await createCase(s.url, patient);
    const page = await (await call(s.url, '/v1/staff/cases?limit=100', staff)).json();
    const ids = page.items.map((i: { id: string }) => i.id);
    assert.ok(ids.includes(submitted.id));
    assert.ok(!ids.includes(draft.id));
    assert.equal((await call(s.url, `/v1/cases/${draft.id}`, staff)).status, 404);
  });

  it('refuses a report that is not a PDF (415)', async () => {
    const c = await createCase(s.url, patient);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const res = await fetch(`${s.url}/v1/staff/cases/${c.id}/report`, { method: 'POST', headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/pdf' }, body: png });
    assert.equal(res.status, 415);
    assert.equal((await res.json()).reason, 'type_not_allowed');
  });
});
