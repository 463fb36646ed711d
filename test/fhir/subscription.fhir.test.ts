// FhirBackend watches a case through a FHIR R4 websocket Subscription on a real engine on loopback
// (Medplum's router; the harness delivers per the R4 channel spec), and falls back to polling.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createClient } from '../../src/index.js';
import { FULL_PROFILE, FhirBackend, REDUCED_PROFILE, TASK_STATUSES, type FhirBackendOptions } from '../../src/fhir/index.js';
import { validRequest } from '../fixtures/requests.js';
import { startFhirServer } from '../fhir-engine/fhir-test-server.js';
import { createPatient } from './engine.js';

const TOKEN = 'secret-token-4711';
const TEN_MINUTES = 600_000;
type Message = { event: { id: number; status: string }; case: { status: string } };
type Seen = { method: string; url: string; authorization: string | null };

const full = await startFhirServer({ subscriptions: true });
const reduced = await startFhirServer({ subscriptions: false });
// Every watch started is stopped at the end, even after a failed test, so nothing keeps the process alive.
const stops: (() => void)[] = [];
after(async () => {
  for (const stop of stops) stop();
  await full.close();
  await reduced.close();
});
const delivery = full.delivery!;

/** A fetch that records every request and can wait for the next one that matches. */
function recorder(gate?: (req: Request) => Response | undefined) {
  const seen: Seen[] = [];
  const waiters: { match: (s: Seen) => boolean; done: () => void }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const s = { method: req.method, url: req.url, authorization: req.headers.get('authorization') };
    seen.push(s);
    const res = gate?.(req) ?? await globalThis.fetch(req);
    for (const w of [...waiters]) if (w.match(s)) { waiters.splice(waiters.indexOf(w), 1); w.done(); }
    return res;
  };
  const answered = (match: (s: Seen) => boolean) => new Promise<void>((done) => waiters.push({ match, done }));
  return { fetch, seen, answered };
}

async function setup(engine = full, options: Partial<FhirBackendOptions> = {}, gate?: (req: Request) => Response | undefined) {
  const patientId = await createPatient(globalThis.fetch, engine.baseUrl, 'Gagnon');
  const rec = recorder(gate);
  const backend = new FhirBackend({ baseUrl: engine.baseUrl, fetch: rec.fetch, subjectPatientId: patientId, pollIntervalMs: TEN_MINUTES, ...options });
  return { ...clients(engine, patientId, options.profile), rec, watch: (caseId: string) => watcher(backend, caseId) };
}

function clients(engine: typeof full, patientId: string, profile = FULL_PROFILE) {
  const patient = createClient({ backend: new FhirBackend({ baseUrl: engine.baseUrl, subjectPatientId: patientId, profile }) });
  const staff = createClient({ backend: new FhirBackend({ baseUrl: engine.baseUrl, profile }) });
  return { patient, staff };
}

/** Watches a case; `next(status)` resolves with the message that brings that status. */
function watcher(backend: FhirBackend, caseId: string) {
  const ctx = { getAccessToken: () => TOKEN };
  {
    const messages: Message[] = [];
    const waiters: { status: string; done: (m: Message) => void }[] = [];
    const stop = backend.events.subscribe(caseId, (raw) => {
      const m = raw as Message;
      messages.push(m);
      for (const w of [...waiters]) if (w.status === m.event.status) { waiters.splice(waiters.indexOf(w), 1); w.done(m); }
    }, ctx);
    stops.push(stop);
    const next = (status: string) => {
      const had = messages.find((m) => m.event.status === status);
      return had ? Promise.resolve(had) : new Promise<Message>((done) => waiters.push({ status, done }));
    };
    return { stop, messages, next };
  }
}

const subscriptionOf = async (baseUrl: string, id: string) => globalThis.fetch(`${baseUrl}/Subscription/${id}`);

describe('FhirBackend watches through a websocket Subscription', () => {
  it('detects the server’s websocket Subscriptions, and polls where there are none', { timeout: 15_000 }, async () => {
    const ctx = { getAccessToken: () => undefined };
    assert.deepEqual(await new FhirBackend({ baseUrl: full.baseUrl }).capabilities(ctx), { subscriptions: true, watch: 'subscription' });
    assert.deepEqual(await new FhirBackend({ baseUrl: full.baseUrl, profile: REDUCED_PROFILE }).capabilities(ctx), { subscriptions: false, watch: 'poll' });
    assert.deepEqual(await new FhirBackend({ baseUrl: reduced.baseUrl }).capabilities(ctx), { subscriptions: false, watch: 'poll' });
    // The reduced (Ocean-like) engine has no Subscriptions at all.
    const res = await globalThis.fetch(`${reduced.baseUrl}/Subscription`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify({ resourceType: 'Subscription', status: 'requested', reason: 'x', criteria: 'Task', channel: { type: 'websocket' } }) });
    assert.equal(res.status, 404);
  });

  it('hands on a staff move through the ping (polling is 10 minutes away), with no token on the socket; stopping closes the socket and deletes the Subscription', { timeout: 15_000 }, async () => {
    const { rec, patient, staff, watch } = await setup();
    const c = await patient.cases.create(validRequest(), { submit: true });
    const connected = delivery.next((e) => e.kind === 'connect');
    const w = watch(c.id);
    await w.next('submitted');
    const connect = await connected;
    const bind = delivery.log.findLast((e) => e.kind === 'bind');
    assert.ok(bind && bind.kind === 'bind');
    const subId = bind.id;

    const pinged = delivery.next((e) => e.kind === 'ping' && e.id === subId);
    await staff.staff.triage(c.id);
    const got = await w.next('triage');
    await pinged;
    assert.equal(got.case.status, 'triage');
    assert.deepEqual(w.messages.map((m) => m.event.status), ['submitted', 'triage']);
    assert.ok(!rec.seen.some((s) => s.url.includes('_lastUpdated')), 'no poll was made');

    // The Subscription: made with the caller's token, on the case's Task, on the websocket channel.
    const made = rec.seen.find((s) => s.method === 'POST' && s.url.endsWith('/Subscription'));
    assert.equal(made?.authorization, `Bearer ${TOKEN}`);
    const sub = await (await subscriptionOf(full.baseUrl, subId)).json() as { status: string; criteria: string; channel: { type: string; endpoint?: string; header?: string[] } };
    assert.equal(sub.status, 'active');
    assert.equal(sub.criteria, `Task?focus=ServiceRequest/${c.id}`);
    assert.deepEqual(sub.channel, { type: 'websocket' });
    // The socket URL is the server's, bare: no token, no query, no credentials, no case.
    assert.ok(connect.kind === 'connect');
    assert.equal(connect.url, '/fhir/R4/websocket');
    assert.equal(connect.authorization, undefined);
    assert.equal(connect.cookie, undefined);

    const closed = delivery.next((e) => e.kind === 'close' && e.ids.includes(subId));
    const deleted = rec.answered((s) => s.method === 'DELETE' && s.url.endsWith(`/Subscription/${subId}`));
    w.stop();
    await closed;
    await deleted;
    assert.equal((await subscriptionOf(full.baseUrl, subId)).status, 410);
    assert.equal(rec.seen.findLast((s) => s.method === 'DELETE')?.authorization, `Bearer ${TOKEN}`);
    // After the stop, a move reaches another watcher of the case but makes this one ask nothing.
    const before = rec.seen.length;
    const other = watcher(new FhirBackend({ baseUrl: full.baseUrl, pollIntervalMs: TEN_MINUTES }), c.id);
    await other.next('triage');
    await staff.staff.accept(c.id, { specialist: { name: 'Dr. Chen', specialty: 'Cardiology' } });
    await other.next('accepted');
    other.stop();
    assert.equal(rec.seen.length, before);
  });

  it('reads again when the read a ping asked for fails: the change still arrives, though no second ping comes', { timeout: 15_000 }, async () => {
    // Armed after the bind: the first read of the case after that fails once (a 400 is not retried by the HTTP layer).
    let armed = false;
    let failed = 0;
    const gate = (req: Request) => {
      if (!armed || req.method !== 'GET' || req.url.includes('/Subscription')) return undefined;
      armed = false;
      failed++;
      return new Response('{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"processing"}]}', { status: 400, headers: { 'content-type': 'application/fhir+json' } });
    };
    const { rec, patient, staff, watch } = await setup(full, {}, gate);
    const c = await patient.cases.create(validRequest(), { submit: true });
    const w = watch(c.id);
    await w.next('submitted');
    const bind = delivery.log.findLast((e) => e.kind === 'bind');
    assert.ok(bind?.kind === 'bind');
    const pinged = delivery.next((e) => e.kind === 'ping' && e.id === bind.id);
    armed = true;
    await staff.staff.triage(c.id);
    await pinged;
    assert.equal((await w.next('triage')).case.status, 'triage');
    assert.equal(failed, 1, 'the read after the ping failed once');
    assert.equal(delivery.log.filter((e) => e.kind === 'ping' && e.id === bind.id).length, 1, 'one ping only');
    assert.ok(!rec.seen.some((s) => s.url.includes('_lastUpdated')), 'no poll was made');
    w.stop();
  });

  it('watches a draft without a Task through its ServiceRequest', { timeout: 15_000 }, async () => {
    const noDraft = { ...FULL_PROFILE, name: 'no-draft', taskStatuses: TASK_STATUSES.filter((s) => s !== 'draft') };
    const { patient, watch } = await setup(full, { profile: noDraft });
    const draft = await patient.cases.create(validRequest());
    const w = watch(draft.id);
    await w.next('draft');
    const bind = delivery.log.findLast((e) => e.kind === 'bind');
    assert.ok(bind?.kind === 'bind');
    const sub = await (await subscriptionOf(full.baseUrl, bind.id)).json() as { criteria: string };
    assert.equal(sub.criteria, `ServiceRequest?_id=${draft.id}`);
    await patient.cases.submit(draft.id);
    assert.equal((await w.next('submitted')).case.status, 'submitted');
    w.stop();
  });

  it('falls back to polling when the server closes the socket: the next move arrives, nothing is repeated', { timeout: 15_000 }, async () => {
    const { rec, patient, staff, watch } = await setup(full, { pollIntervalMs: 20 });
    const c = await patient.cases.create(validRequest(), { submit: true });
    const w = watch(c.id);
    await w.next('submitted');
    const bind = delivery.log.findLast((e) => e.kind === 'bind');
    assert.ok(bind?.kind === 'bind');
    // The poller's first question (the server's time) marks its start; the Subscription is given up.
    const polling = rec.answered((s) => s.url.includes('_lastUpdated=gt1970'));
    const deleted = rec.answered((s) => s.method === 'DELETE' && s.url.endsWith(`/Subscription/${bind.id}`));
    delivery.dropSockets();
    await polling;
    await deleted;
    await staff.staff.triage(c.id);
    await w.next('triage');
    await staff.staff.accept(c.id, { specialist: { name: 'Dr. Chen', specialty: 'Cardiology' } });
    await w.next('accepted');
    w.stop();
    assert.deepEqual(w.messages.map((m) => m.event.status), ['submitted', 'triage', 'accepted']);
    const ids = w.messages.map((m) => m.event.id);
    assert.deepEqual(ids, [...new Set(ids)].sort((a, b) => a - b), 'each entry once, in order');
  });

  it('polls when the server refuses to make the Subscription', { timeout: 15_000 }, async () => {
    const refuse = (req: Request) => (req.method === 'POST' && req.url.endsWith('/Subscription')
      ? new Response('{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"forbidden"}]}', { status: 403, headers: { 'content-type': 'application/fhir+json' } })
      : undefined);
    const { rec, patient, staff, watch } = await setup(full, { pollIntervalMs: 20 }, refuse);
    const c = await patient.cases.create(validRequest(), { submit: true });
    const connects = delivery.log.filter((e) => e.kind === 'connect').length;
    const w = watch(c.id);
    await w.next('submitted');
    await staff.staff.triage(c.id);
    await w.next('triage');
    w.stop();
    assert.ok(rec.seen.some((s) => s.url.includes('_lastUpdated')), 'it polled');
    assert.equal(delivery.log.filter((e) => e.kind === 'connect').length, connects, 'no socket was opened');
  });

  it('the reduced profile polls even on a server with Subscriptions', { timeout: 15_000 }, async () => {
    const { rec, patient, staff, watch } = await setup(full, { profile: REDUCED_PROFILE, pollIntervalMs: 20 });
    const c = await patient.cases.create(validRequest(), { submit: true });
    const posts = delivery.log.length;
    const w = watch(c.id);
    await w.next('submitted');
    await staff.staff.triage(c.id);
    await w.next('triage');
    w.stop();
    assert.ok(rec.seen.some((s) => s.url.includes('_lastUpdated')));
    assert.ok(!rec.seen.some((s) => s.url.includes('/Subscription') || s.url.includes('/metadata')));
    assert.equal(delivery.log.length, posts);
  });
});
