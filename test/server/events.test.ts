// Case events as server-sent events: replay after Last-Event-ID, live delivery, heartbeats, isolation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, createCase, sseReader, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
let patient: string;
let staff: string;
before(async () => {
  s = await startTestServer({ heartbeatMs: 100 });
  patient = await s.patient('pat-events');
  staff = await s.staff();
});
after(() => s.dispose());

const open = (caseId: string, token: string, headers: Record<string, string> = {}, query = '') =>
  call(s.url, `/v1/cases/${caseId}/events${query}`, token, { headers });

describe('the event stream', () => {
  it('replays every event after Last-Event-ID, then delivers new ones live', async () => {
    const c = await createCase(s.url, patient);
    await call(s.url, `/v1/staff/cases/${c.id}/triage`, staff, { method: 'POST' });
    const res = await open(c.id, patient, { 'Last-Event-ID': '1' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const sse = sseReader(res);
    const first = await sse.next();
    assert.equal(sse.retry, '2000');
    assert.equal(first.id, '2');
    assert.equal(first.event, 'case-event');
    assert.equal(JSON.parse(first.data).event.status, 'submitted');
    const second = await sse.next();
    assert.equal(second.id, '3');
    assert.equal(JSON.parse(second.data).case.status, 'triage');

    const accepted = call(s.url, `/v1/staff/cases/${c.id}/accept`, staff, { body: { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } } });
    const live = await sse.next();
    assert.equal((await accepted).status, 200);
    assert.equal(live.id, '4');
    const message = JSON.parse(live.data);
    assert.equal(message.event.status, 'accepted');
    assert.equal(message.case.status, 'accepted');
    assert.equal(message.case.version, c.version + 2);
    await sse.cancel();
  });

  it('resumes from ?lastEventId= for clients that cannot set headers, and from the start without one', async () => {
    const c = await createCase(s.url, patient);
    const fromStart = sseReader(await open(c.id, patient));
    assert.equal((await fromStart.next()).id, '1');
    assert.equal((await fromStart.next()).id, '2');
    await fromStart.cancel();
    const resumed = sseReader(await open(c.id, patient, {}, '?lastEventId=1'));
    assert.equal((await resumed.next()).id, '2');
    await resumed.cancel();
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const c = await createCase(s.url, patient);
    const sse = sseReader(await open(c.id, patient, { 'Last-Event-ID': '2' }));
    assert.equal(await sse.comment(), 'hb');
    await sse.cancel();
  });

  it('answers 404 to another patient and 401 without a token', async () => {
    const c = await createCase(s.url, patient);
    const other = await s.patient('someone-else');
    const res = await open(c.id, other);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal((await call(s.url, `/v1/cases/${c.id}/events`, undefined)).status, 401);
  });

  it('lets go of a stream when its client leaves', async () => {
    const c = await createCase(s.url, patient);
    const before = s.openStreams;
    const sse = sseReader(await open(c.id, patient));
    await sse.next();
    assert.equal(s.openStreams, before + 1);
    await sse.cancel();
    // The next event finds no listener left for this stream: wait on the server's own count.
    for (let i = 0; i < 200 && s.openStreams > before; i++) await new Promise((r) => setImmediate(r));
    assert.equal(s.openStreams, before);
  });
});
