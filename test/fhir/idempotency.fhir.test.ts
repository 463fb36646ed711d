// Idempotent creates and moves that hold across FhirBackend instances (two tabs, a reload) and across
// lost answers: the key travels in ServiceRequest.identifier (conditional create) and in each move's
// Provenance, and every write is guarded by If-Match. Real FHIR engine over loopback HTTP, with a
// proxy that lets a request reach the engine and then drops the answer.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, describe, it } from 'node:test';
import { createClient } from '../../src/index.js';
import { CREATE_KEY_SYSTEM } from '../../src/fhir/case-writer.js';
import { FhirBackend, REDUCED_PROFILE, type FhirProfile } from '../../src/fhir/index.js';
import { startFhirServer } from '../fhir-engine/fhir-test-server.js';
import { validRequest } from '../fixtures/requests.js';
import { createPatient } from './engine.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw FHIR JSON read back for assertions
const HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/** The engine on loopback, a log of its refusals, and a proxy in front that can drop the answer to the n-th transaction. */
async function setup() {
  const refused: string[] = [];
  const engine = await startFhirServer({ strict: true, onAnswer: (method, path, status) => { if (status === 400 || status === 422) refused.push(`${method} ${path} ${status}`); } });
  const target = new URL(engine.baseUrl);
  let transactions = 0;
  const drops = new Set<number>();
  const proxy = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP.has(k))) as Record<string, string>;
    const answer = await fetch(`${target.origin}${req.url}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
    const body = Buffer.from(await answer.arrayBuffer());
    const isTransaction = req.method === 'POST' && req.url === target.pathname;
    // The engine has done the work; the client never hears about it.
    if (isTransaction && drops.has(++transactions)) return req.socket.destroy();
    res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([k]) => !HOP.has(k)))).end(body);
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
  const baseUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}${target.pathname}`;
  const backend = (options: { subjectPatientId?: string; profile?: FhirProfile } = {}) => new FhirBackend({ baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
  const search = async (path: string): Promise<Json[]> => (((await (await fetch(`${engine.baseUrl}/${path}`)).json()) as Json).entry ?? []).map((e: Json) => e.resource);
  const dropTransaction = (n: number) => drops.add(transactions + n);
  const close = async () => {
    await new Promise((ok) => { proxy.close(ok); proxy.closeAllConnections(); });
    await engine.close();
  };
  return { engine, baseUrl, backend, search, refused, dropTransaction, close, transactions: () => transactions };
}

const byKey = (key: string) => `identifier=${encodeURIComponent(`${CREATE_KEY_SYSTEM}|${key}`)}`;

for (const profile of [undefined, REDUCED_PROFILE]) {
  describe(`FhirBackend creates one case per idempotency key, across instances (${profile?.name ?? 'full'} profile)`, () => {
    const ready = setup();
    after(async () => (await ready).close());

    it('two backend instances, one key, at the same time: one ServiceRequest, one Task, the same case for both', async () => {
      const { engine, backend, search, refused } = await ready;
      const patientId = await createPatient(fetch, engine.baseUrl, 'Tremblay');
      const key = crypto.randomUUID();
      const [a, b] = [createClient({ backend: backend({ subjectPatientId: patientId, ...(profile ? { profile } : {}) }) }), createClient({ backend: backend({ subjectPatientId: patientId, ...(profile ? { profile } : {}) }) })];
      const [one, two] = await Promise.all([a.cases.create(validRequest(), { submit: true, idempotencyKey: key }), b.cases.create(validRequest(), { submit: true, idempotencyKey: key })]);
      assert.equal(one.id, two.id);
      assert.equal(one.reference, two.reference);
      assert.equal((await search(`ServiceRequest?${byKey(key)}`)).length, 1);
      assert.equal((await search(`Task?focus=ServiceRequest/${one.id}`)).length, 1);
      assert.equal((await search(`Provenance?target=ServiceRequest/${one.id}`)).length, one.timeline.length);
      // A reload: a third instance repeating the create gets the same case and writes nothing new.
      const again = await createClient({ backend: backend({ subjectPatientId: patientId }) }).cases.create(validRequest(), { submit: true, idempotencyKey: key });
      assert.deepEqual(again, await a.cases.get(one.id));
      assert.deepEqual(refused, []);
    });

    it('a kit-owned Patient is made once too (staff creating for a patient the server does not know yet)', async () => {
      const { backend, search, refused } = await ready;
      const key = crypto.randomUUID();
      const make = () => createClient({ backend: backend(profile ? { profile } : {}) }).cases.create(validRequest(), { submit: true, idempotencyKey: key });
      const [one, two] = await Promise.all([make(), make()]);
      assert.equal(one.id, two.id);
      assert.equal((await search(`Patient?${byKey(key)}`)).length, 1);
      assert.equal((await search(`ServiceRequest?${byKey(key)}`)).length, 1);
      assert.equal(one.request.patient?.familyName, 'Tremblay');
      assert.deepEqual(refused, []);
    });

    for (const [step, n] of [['the claim', 1], ['the completing transaction', 2]] as const) {
      it(`a lost answer to ${step} is retried: one case, complete`, async () => {
        const { engine, backend, search, refused, dropTransaction, transactions } = await ready;
        const patientId = await createPatient(fetch, engine.baseUrl, 'Roy');
        const key = crypto.randomUUID();
        const client = createClient({ backend: backend({ subjectPatientId: patientId, ...(profile ? { profile } : {}) }) });
        const before = transactions();
        dropTransaction(n);
        const c = await client.cases.create(validRequest(), { submit: true, idempotencyKey: key });
        assert.ok(transactions() > before + 2, 'the dropped transaction was sent again');
        assert.equal(c.status, 'submitted');
        assert.equal((await search(`ServiceRequest?${byKey(key)}`)).length, 1);
        assert.equal((await search(`ServiceRequest?subject=Patient/${patientId}`)).length, 1, 'no half-made case beside it');
        assert.equal((await search(`Task?focus=ServiceRequest/${c.id}`)).length, 1);
        assert.equal((await search(`Provenance?target=ServiceRequest/${c.id}`)).length, c.timeline.length);
        assert.deepEqual((await client.cases.list()).items.map((x) => x.id), [c.id]);
        assert.deepEqual(refused, []);
      });
    }
  });
}

describe('FhirBackend replays a move with the same key instead of making it twice', () => {
  const ready = setup();
  after(async () => (await ready).close());

  it('a lost answer to a move is retried (If-Match refuses the replay, the key in Provenance finds it), and another instance with the key gets the same case', async () => {
    const { engine, backend, search, refused, dropTransaction } = await ready;
    const patientId = await createPatient(fetch, engine.baseUrl, 'Gagnon');
    const c = await createClient({ backend: backend({ subjectPatientId: patientId }) }).cases.create(validRequest(), { submit: true });
    const key = crypto.randomUUID();
    dropTransaction(1);
    const moved = await createClient({ backend: backend() }).staff.triage(c.id, { idempotencyKey: key });
    assert.equal(moved.status, 'triage');
    const replayed = await createClient({ backend: backend() }).staff.triage(c.id, { idempotencyKey: key });
    assert.deepEqual(replayed, moved);
    assert.equal(moved.timeline.filter((e) => e.action === 'triage').length, 1);
    const [t] = await search(`Task?focus=ServiceRequest/${c.id}`);
    assert.equal(t!.status, 'received');
    assert.equal((await search(`Provenance?target=ServiceRequest/${c.id}`)).length, moved.timeline.length);
    assert.deepEqual(refused, []);
  });
});
