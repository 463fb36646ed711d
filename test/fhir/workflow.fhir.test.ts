// FhirBackend against a real FHIR R4 engine in strict mode: what it writes, resource by resource,
// through a whole case life; the reduced profile; SMART tokens; watching by polling; concurrency.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, createClient, type Case } from '../../src/index.js';
import { CASE_STATUS_CODES, FhirBackend, OUTCOME_CODES, REDUCED_PROFILE, SERVICE_CODES, type FhirProfile } from '../../src/fhir/index.js';
import { validRequest } from '../fixtures/requests.js';
import { createPatient, recordedEngine } from './engine.js';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
const specialist = { name: 'Dr. Chen', specialty: 'Medical oncology', credentials: 'MD, FRCPC' };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw FHIR JSON read back for assertions

async function setup(profile?: FhirProfile) {
  const engine = recordedEngine();
  const patientId = await createPatient(engine.fetch, engine.baseUrl, 'Tremblay');
  const make = (subjectPatientId?: string) => new FhirBackend({ baseUrl: engine.baseUrl, fetch: engine.fetch, pollIntervalMs: 5, ...(profile ? { profile } : {}), ...(subjectPatientId ? { subjectPatientId } : {}) });
  const get = async (path: string): Promise<Json> => (await engine.fetch(`${engine.baseUrl}/${path}`)).json() as Promise<Json>;
  const search = async (path: string): Promise<Json[]> => ((await get(path)).entry ?? []).map((e: Json) => e.resource);
  return { engine, patientId, patient: createClient({ backend: make(patientId) }), staff: createClient({ backend: make() }), get, search };
}

describe('FhirBackend writes a case as FHIR R4 resources', () => {
  it('maps a whole case life: request, triage, information request, reply with a record, review, opinion, share', async () => {
    const { engine, patientId, patient, staff, get, search } = await setup();
    const c = await patient.cases.create(validRequest(), { submit: true });

    const sr = await get(`ServiceRequest/${c.id}`);
    assert.equal(sr.intent, 'proposal');
    assert.equal(sr.status, 'active');
    assert.deepEqual(sr.category[0].coding[0], { system: 'http://snomed.info/sct', code: '11429006', display: 'Consultation' });
    assert.equal(sr.code.coding[0].system, SERVICE_CODES.url);
    assert.equal(sr.code.coding[0].code, 'second-opinion');
    assert.equal(sr.subject.reference, `Patient/${patientId}`);
    assert.deepEqual(sr.reasonCode.map((r: Json) => r.coding[0].code), ['treatment_options', 'confirm_before_treatment']);
    assert.deepEqual(sr.note.map((n: Json) => n.text), ['Is surgery the best first step?', 'What are the risks of waiting a month?']);
    const coverage = await get(sr.insurance[0].reference);
    assert.equal(coverage.resourceType, 'Coverage');
    assert.equal(coverage.class[0].value, 'CA-QC');
    const types = sr.supportingInfo.map((r: Json) => r.reference.split('/')[0]);
    assert.ok(types.includes('Consent') && types.includes('CareTeam'));
    const condition = await get(sr.reasonReference[0].reference);
    assert.equal(condition.code.text, 'Breast cancer, stage II');

    const task = async (): Promise<Json> => (await search(`Task?focus=ServiceRequest/${c.id}`))[0]!;
    assert.equal((await task()).status, 'requested');
    assert.equal((await task()).code.coding[0].code, 'fulfill');

    await staff.staff.triage(c.id);
    assert.equal((await task()).status, 'received');
    await staff.staff.requestInformation(c.id, { message: 'Please send the pathology report.', recordKinds: ['pathology'] });
    assert.equal((await task()).status, 'on-hold');
    assert.equal((await task()).businessStatus.coding[0].code, 'info_requested');
    const [request] = await search(`CommunicationRequest?based-on=ServiceRequest/${c.id}`);
    assert.equal(request!.status, 'active');
    assert.equal(request!.payload[0].contentString, 'Please send the pathology report.');

    const sha256 = hex(await crypto.subtle.digest('SHA-256', PDF));
    const record = await patient.records.put(c.id, new Blob([PDF]), { kind: 'pathology', title: 'Pathology report', sha256 });
    assert.equal(record.status, 'verified');
    const doc = await get(`DocumentReference/${record.id}`);
    const attachment = doc.content[0].attachment;
    assert.equal(attachment.contentType, 'application/pdf');
    assert.equal(attachment.size, PDF.length);
    assert.equal(attachment.hash, Buffer.from(await crypto.subtle.digest('SHA-1', PDF)).toString('base64'), 'Attachment.hash is SHA-1, base64, as R4 says');
    assert.equal(doc.content[0].attachment.extension[0].valueString, sha256, 'the SHA-256 travels in an extension');
    assert.deepEqual(new Uint8Array(await (await patient.records.content(c.id, record.id)).arrayBuffer()), PDF);

    const back = await patient.cases.reply(c.id, { text: 'Here it is.', recordIds: [record.id] });
    assert.equal(back.status, 'triage');
    assert.equal((await search(`CommunicationRequest?based-on=ServiceRequest/${c.id}`))[0]!.status, 'completed');
    const [reply] = await search(`Communication?part-of=ServiceRequest/${c.id}`);
    assert.equal(reply!.payload[1].contentReference.reference, `DocumentReference/${record.id}`);

    const accepted = await staff.staff.accept(c.id, { specialist });
    assert.equal((await task()).status, 'accepted');
    assert.equal((await task()).restriction.period.end, accepted.expectedBy);
    await staff.staff.startReview(c.id);
    assert.equal((await task()).status, 'in-progress');
    const done = await staff.staff.issueOpinion(c.id, {
      outcome: 'different_diagnosis', summary: 'The mass is benign.', diagnosis: 'Fibroadenoma', recommendations: ['No surgery now'],
      answers: c.questions.map((q) => ({ questionId: q.id, text: `About: ${q.text}` })),
    });
    const t = await task();
    assert.equal(t.status, 'completed');
    const report = await get(t.output[0].valueReference.reference);
    assert.equal(report.resourceType, 'DiagnosticReport');
    assert.deepEqual(report.conclusionCode[0].coding[0], { system: OUTCOME_CODES.url, code: 'different_diagnosis', display: 'Different diagnosis' });
    assert.equal(done.opinion?.diagnosis, 'Fibroadenoma');
    assert.deepEqual(done.questions.map((q) => q.answer?.text), c.questions.map((q) => `About: ${q.text}`));

    const shared = await patient.cases.share(c.id, { note: 'For Dr. Roy' });
    assert.ok(shared.opinion?.sharedWithCareTeamAt);
    const shares = (await search(`Communication?based-on=ServiceRequest/${c.id}`)).filter((x) => x.category?.[0]?.coding?.[0]?.code === 'opinion-share');
    assert.equal(shares.length, 1);
    assert.equal(shares[0]!.recipient[0].reference.split('/')[0], 'CareTeam');

    const provenance = await search(`Provenance?target=ServiceRequest/${c.id}`);
    assert.equal(provenance.length, shared.timeline.length, 'one Provenance per timeline entry');
    assert.deepEqual(engine.rejected(), [], 'the engine accepted every write');
  });

  it('withdraws: ServiceRequest revoked, Task cancelled, and nothing moves after that', async () => {
    const { patient, staff, get, search } = await setup();
    const c = await patient.cases.create(validRequest(), { submit: true });
    await patient.cases.withdraw(c.id, { reason: 'Changed my mind' });
    assert.equal((await get(`ServiceRequest/${c.id}`)).status, 'revoked');
    const [t] = await search(`Task?focus=ServiceRequest/${c.id}`);
    assert.equal(t!.status, 'cancelled');
    assert.equal(t!.statusReason.text, 'Changed my mind');
    await assert.rejects(staff.staff.triage(c.id), (e) => e instanceof ConflictError && e.reason === 'illegal_transition');
  });

  it('declines with the reason in Task.statusReason and Task.status rejected', async () => {
    const { patient, staff, search } = await setup();
    const c = await patient.cases.create(validRequest(), { submit: true });
    await staff.staff.triage(c.id);
    await staff.staff.decline(c.id, { reason: 'Not offered' });
    const [t] = await search(`Task?focus=ServiceRequest/${c.id}`);
    assert.equal(t!.status, 'rejected');
    assert.equal(t!.statusReason.text, 'Not offered');
  });

  it('lets one of two concurrent moves win, and refuses the other as illegal (If-Match on the Task)', async () => {
    const { patient, staff } = await setup();
    const c = await patient.cases.create(validRequest(), { submit: true });
    const results = await Promise.allSettled([staff.staff.triage(c.id), staff.staff.triage(c.id)]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(failed.reason instanceof ConflictError && failed.reason.reason === 'illegal_transition');
    assert.equal((await patient.cases.get(c.id)).timeline.filter((e) => e.action === 'triage').length, 1);
  });

  it('reads a status change another FHIR client made on the Task alone', async () => {
    const { engine, patient, search } = await setup();
    const c = await patient.cases.create(validRequest(), { submit: true });
    const [t] = await search(`Task?focus=ServiceRequest/${c.id}`);
    const res = await engine.fetch(`${engine.baseUrl}/Task/${t!.id}`, { method: 'PUT', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify({ ...t, status: 'received' }) });
    assert.equal(res.status, 200);
    const seen = await patient.cases.get(c.id);
    assert.equal(seen.status, 'triage');
    assert.equal(seen.timeline.at(-1)?.actor, 'system');
  });
});

describe('FhirBackend on a reduced-capability server (no draft Task status, no Subscriptions)', () => {
  it('keeps a draft on the ServiceRequest alone, and uses only the statuses the server supports', async () => {
    const { patient, staff, get, search } = await setup(REDUCED_PROFILE);
    const draft = await patient.cases.create({ specialty: 'cardiology', questions: ['Do I need the stent?'] });
    assert.equal((await get(`ServiceRequest/${draft.id}`)).status, 'draft');
    assert.deepEqual(await search(`Task?focus=ServiceRequest/${draft.id}`), [], 'no Task while a draft');
    await patient.cases.update(draft.id, validRequest({ specialty: 'cardiology' }), draft.version);
    const c = await patient.cases.submit(draft.id);
    await staff.staff.triage(c.id);
    await staff.staff.accept(c.id, { specialist });
    await staff.staff.startReview(c.id);
    await staff.staff.issueOpinion(c.id, { outcome: 'confirmed', summary: 'Right plan.', recommendations: [], answers: c.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })) });
    const [t] = await search(`Task?focus=ServiceRequest/${c.id}`);
    const history = (await get(`Task/${t!.id}/_history`)).entry.map((e: Json) => e.resource.status as string);
    assert.ok(history.length >= 5);
    for (const s of history) assert.ok(REDUCED_PROFILE.taskStatuses.includes(s as never), `${s} is supported`);
    assert.equal(t!.businessStatus.coding[0].system, CASE_STATUS_CODES.url);
  });

  it('says the server offers no Subscriptions, so watching polls', async () => {
    const { engine } = await setup();
    const backend = new FhirBackend({ baseUrl: engine.baseUrl, fetch: engine.fetch });
    assert.deepEqual(await backend.capabilities({ getAccessToken: () => undefined }), { subscriptions: false, watch: 'poll' });
  });
});

describe('FhirBackend watches a case by polling Task._lastUpdated', () => {
  it('hands on the staff’s move as a timeline entry with the new case', async () => {
    const { engine, patientId, patient, staff } = await setup();
    const c = await patient.cases.create(validRequest(), { submit: true });
    // The watch's starting point is set once it has asked the server for its time; move only after that.
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    const watching = async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await engine.fetch(input, init);
      if (new Request(input, init).url.includes('_lastUpdated=gt1970')) started();
      return res;
    };
    const backend = new FhirBackend({ baseUrl: engine.baseUrl, fetch: watching, subjectPatientId: patientId, pollIntervalMs: 5 });
    const seen = new Promise<{ event: { status: string; action?: string }; case: Case }>((resolve) => {
      // The first message is the newest entry at the start (submitted); the move comes after it.
      const stop = backend.events.subscribe(c.id, (e) => {
        if ((e as { event: { status: string } }).event.status !== 'triage') return;
        stop();
        resolve(e as { event: { status: string }; case: Case });
      }, { getAccessToken: () => undefined });
    });
    await ready;
    await staff.staff.triage(c.id);
    const got = await seen;
    assert.equal(got.event.status, 'triage');
    assert.equal(got.case.status, 'triage');
  });
});

describe('FhirBackend with SMART on FHIR tokens', () => {
  it('sends the bearer token on every request and refreshes it once after a 401', async () => {
    const engine = recordedEngine();
    const seen: string[] = [];
    // The engine has no auth; this gate does what a SMART-protected server does with an expired token.
    const gated = async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      const auth = req.headers.get('authorization') ?? '';
      seen.push(auth);
      if (auth !== 'Bearer fresh') return new Response('{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"login"}]}', { status: 401 });
      return engine.fetch(req);
    };
    const refreshes: boolean[] = [];
    const client = createClient({
      backend: new FhirBackend({ baseUrl: engine.baseUrl, fetch: gated }),
      getAccessToken: (o) => {
        refreshes.push(!!o?.forceRefresh);
        return o?.forceRefresh ? 'fresh' : 'expired';
      },
    });
    const c = await client.cases.create(validRequest(), { submit: true });
    assert.equal(c.status, 'submitted');
    assert.ok(seen.includes('Bearer expired') && seen.includes('Bearer fresh'));
    assert.ok(seen.every((a) => a.startsWith('Bearer ')), 'no request without a token');
    assert.ok(refreshes.includes(true));
  });
});

describe('the engine validates in strict mode', () => {
  it('rejects a broken resource with 400, and a transaction with one broken entry stores nothing', async () => {
    const { engine, search } = await setup();
    const post = (path: string, body: unknown) => engine.fetch(`${engine.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(body) });
    assert.equal((await post('/Task', { resourceType: 'Task', status: 'bogus', intent: 'order' })).status, 400);
    assert.equal((await post('/ServiceRequest', { resourceType: 'ServiceRequest', status: 'active', subject: { reference: 'Patient/x' } })).status, 400, 'intent is required');
    const tx = await post('', { resourceType: 'Bundle', type: 'transaction', entry: [
      { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Basic', code: { text: 'fine' } }, request: { method: 'POST', url: 'Basic' } },
      { resource: { resourceType: 'Consent', status: 'active', scope: { text: 'x' }, category: [{ text: 'x' }] }, request: { method: 'POST', url: 'Consent' } },
    ] });
    assert.equal(tx.status, 400, 'Consent without policy breaks ppc-1');
    assert.deepEqual(await search('Basic'), []);
  });

  it('the bare engine would have accepted the same broken Task: strict mode is what catches it', async () => {
    const bare = recordedEngine({ strict: false });
    const res = await bare.fetch(`${bare.baseUrl}/Task`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify({ resourceType: 'Task', status: 'bogus', intent: 'order' }) });
    assert.equal(res.status, 201);
  });
});
