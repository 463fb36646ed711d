// Signed webhooks to a real receiver on loopback: every signature verified with the
// `standardwebhooks` library, a receiver that answers 500, then never answers, then goes down and
// comes back (nothing lost, nothing delivered twice by webhook-id), secret rotation, the delivery
// log, replay of one delivery and of a time range, the test message, and an endpoint disabled
// after failing for the configured time. Retry timings are shortened; every wait is on an event.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AttemptRecord } from '../../src/server/outbound/worker.js';
import { attempt, until } from './support/deliveries.js';
import { call, createCase, startTestServer, type TestServer } from './helpers.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const SECRET = `whsec_${Buffer.from('test-secret-of-thirty-two-bytes!').toString('base64')}`;
/** Fast retries: a failed attempt is tried again within ~100 ms; an attempt times out after 1 s (a loaded machine answers slowly). */
const FAST = { pollMs: 200, timeoutMs: 1000, leaseMs: 5000, retryMinMs: 10, retryFirstWindowMs: 40, retryMaxMs: 120 };

let s: TestServer;
let rx: WebhookReceiver;
let staff: string;
let patient: string;

async function move(id: string, action: string, body?: unknown) {
  const res = await call(s.url, `/v1/staff/cases/${id}/${action}`, staff, { method: 'POST', ...(body === undefined ? {} : { body }) });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

async function json(path: string, init: Parameters<typeof call>[3] = {}) {
  const res = await call(s.url, path, staff, init);
  return { status: res.status, body: await res.json() };
}

before(async () => {
  rx = await startReceiver([SECRET]);
  // disableAfterMs outlasts the first test's failures (two 500s and a timeout): only the dead endpoint is disabled.
  s = await startTestServer({ outbound: { webhooks: [{ id: 'main', url: rx.url, secret: SECRET }], timing: { ...FAST, disableAfterMs: 4000 } } });
  staff = await s.staff();
  patient = await s.patient();
});
after(async () => {
  await s.dispose();
  await rx.close();
});

describe('webhooks', { timeout: 180_000 }, () => {
  it('signs thin events for each move, retries through 500s, a timeout and an outage, and delivers each once', async () => {
    const c = await createCase(s.url, patient);
    const submitted = await rx.next((r) => r.payload.type === 'case.submitted' && r.payload.data.caseId === c.id);
    const status = await rx.next((r) => r.payload.type === 'case.status_changed' && r.payload.data.caseId === c.id);
    assert.deepEqual(submitted.verifiedWith, [true]);
    assert.match(submitted.id, /^msg_/);
    assert.notEqual(submitted.id, status.id);
    assert.deepEqual(Object.keys(submitted.payload.data).sort(), ['action', 'caseId', 'eventId', 'occurredAt', 'previousStatus', 'reference', 'status']);
    assert.equal(submitted.payload.data.status, 'submitted');

    // 500 twice, then no answer (the sender's timeout), then 204: the same webhook-id every time.
    rx.mode = 'fail';
    const failures = new Promise<void>((resolve) => {
      let n = 0;
      const on = (e: Event) => {
        if (!(e as CustomEvent<AttemptRecord>).detail.ok && ++n === 2) {
          rx.mode = 'hang';
          s.deliveries!.removeEventListener('attempt', on);
          resolve();
        }
      };
      s.deliveries!.addEventListener('attempt', on);
    });
    await move(c.id, 'triage');
    await failures;
    const timedOut = await attempt(s, (a) => a.error?.startsWith('timeout') === true);
    rx.mode = 'ok';
    const triaged = await rx.next((r) => r.payload.type === 'case.status_changed' && r.payload.data.status === 'triage' && r.answer === 204);
    const tries = rx.received.filter((r) => r.id === triaged.id);
    assert.deepEqual(tries.map((r) => r.answer).slice(0, 3), [500, 500, 'hang']);
    assert.ok(tries.every((r) => r.verifiedWith[0]));
    assert.equal(timedOut.messageId, triaged.id);

    // Down: every move while it is away is kept and delivered when it is back.
    await rx.down();
    const refused = attempt(s, (a) => !a.ok && a.error?.startsWith('connection failed') === true);
    await move(c.id, 'accept', { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } });
    await move(c.id, 'start-review');
    await move(c.id, 'opinion', { outcome: 'confirmed', summary: 'Agreed.', recommendations: [], answers: c.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })) });
    await refused;
    await rx.up();
    await rx.next((r) => r.payload.type === 'case.opinion_ready' && r.answer === 204);
    await rx.next((r) => r.payload.type === 'case.status_changed' && r.payload.data.status === 'opinion_ready' && r.answer === 204);
    await rx.next((r) => r.payload.type === 'case.status_changed' && r.payload.data.status === 'accepted' && r.answer === 204);
    const accepted = await rx.next((r) => r.payload.data.action === 'accept');
    assert.match(String(accepted.payload.data.expectedBy), /^\d{4}-\d{2}-\d{2}$/);

    // The log agrees: everything delivered, each message once to the receiver.
    let mine: { caseId: string; state: string; messageId: string; attempts: number; type: string }[] = [];
    await until(s, async () => {
      const log = await json('/v1/staff/webhooks/main/deliveries?limit=100');
      mine = log.body.items.filter((d: { caseId: string }) => d.caseId === c.id);
      return mine.every((d) => d.state === 'delivered');
    });
    // submit (status + submitted), triage, accept, start-review, opinion (status + opinion_ready).
    assert.equal(mine.length, 7);
    const triageLog = mine.find((d) => d.messageId === triaged.id);
    assert.ok(triageLog && triageLog.attempts >= 4);
    const delivered = rx.deliveredIds();
    for (const d of mine) assert.equal(delivered.get(d.messageId), 1, `${d.type} delivered once`);
    // Thin: nothing of the request in any body.
    for (const r of rx.received) assert.doesNotMatch(r.body, /Marie|Tremblay|cancer|Mastectomy|Gagnon|Roy|clinic@/i);
  });

  it('rotates the secret: both sign for the overlap', async () => {
    const rotated = await json('/v1/staff/webhooks/main/rotate-secret', { method: 'POST' });
    assert.equal(rotated.status, 200);
    assert.match(rotated.body.secret, /^whsec_/);
    rx.secrets = [SECRET, rotated.body.secret];
    const sent = await json('/v1/staff/webhooks/main/test', { method: 'POST' });
    assert.equal(sent.status, 202);
    const got = await rx.next((r) => r.id === sent.body.messageId);
    assert.equal(got.payload.type, 'webhook.test');
    assert.deepEqual(got.verifiedWith, [true, true]);
    assert.equal(got.signature.split(' ').length, 2);
  });

  it('replays one delivery and a time range, with fresh signatures and the same webhook-id', async () => {
    const since = new Date().toISOString();
    let caseId = '';
    const recorded = attempt(s, (a) => a.ok && a.type === 'case.submitted' && a.caseId === caseId);
    const c = await createCase(s.url, patient);
    caseId = c.id;
    const first = await rx.next((r) => r.payload.type === 'case.submitted' && r.payload.data.caseId === c.id);
    await recorded;
    const log = await json('/v1/staff/webhooks/main/deliveries');
    const d = log.body.items.find((x: { messageId: string }) => x.messageId === first.id);
    const before = rx.received.filter((r) => r.id === first.id).length;
    const one = await json(`/v1/staff/webhooks/main/deliveries/${d.id}/replay`, { method: 'POST' });
    assert.equal(one.status, 202);
    await rx.next((r) => r.id === first.id && rx.received.filter((x) => x.id === first.id).length > before);
    const range = await json('/v1/staff/webhooks/main/replay', { method: 'POST', body: { since } });
    assert.equal(range.status, 202);
    assert.equal(range.body.replayed, 2);
    const count = () => rx.received.filter((r) => r.payload.data.caseId === c.id).length;
    await rx.next(() => count() >= 5);
    assert.ok(rx.received.filter((r) => r.payload.data.caseId === c.id).every((r) => r.verifiedWith.some(Boolean)));
    const bad = await json('/v1/staff/webhooks/main/replay', { method: 'POST', body: { since: 'yesterday' } });
    assert.equal(bad.status, 422);
  });

  it('lists, adds and disables endpoints; one failing past the limit is disabled with the reason', async () => {
    const patientCall = await call(s.url, '/v1/staff/webhooks', patient);
    assert.equal(patientCall.status, 403);
    const specialistOnly = await call(s.url, '/v1/staff/webhooks', await s.staff(['specialist']));
    assert.equal(specialistOnly.status, 403);
    const invalid = await json('/v1/staff/webhooks', { method: 'POST', body: { url: 'ftp://example.ca' } });
    assert.equal(invalid.status, 422);
    const wrongType = await json('/v1/staff/webhooks', { method: 'POST', body: { url: 'http://127.0.0.1:9/x', eventTypes: ['case.exploded'] } });
    assert.equal(wrongType.status, 422);
    // A port nobody listens on (the receiver's, once it is down, is ours to know is closed).
    const dead = await startReceiver([]);
    const deadUrl = dead.url;
    await dead.close();
    const added = await json('/v1/staff/webhooks', { method: 'POST', body: { url: deadUrl, eventTypes: ['case.submitted'] } });
    assert.equal(added.status, 201);
    assert.match(added.body.secret, /^whsec_/);
    const disabled = new Promise<void>((resolve) => {
      const on = async () => {
        const ep = (await json('/v1/staff/webhooks')).body.items.find((e: { id: string }) => e.id === added.body.id);
        if (ep && !ep.enabled) {
          s.deliveries!.removeEventListener('attempt', on);
          resolve();
        }
      };
      s.deliveries!.addEventListener('attempt', on);
    });
    await createCase(s.url, patient);
    await disabled;
    const list = (await json('/v1/staff/webhooks')).body;
    const ep = list.items.find((e: { id: string }) => e.id === added.body.id);
    assert.equal(ep.enabled, false);
    assert.match(ep.disabledReason, /failed for .* connection failed/);
    assert.ok(!('secret' in ep) && !('secrets' in ep));
    assert.ok(list.eventTypes.includes('case.opinion_ready'));
    const failed = (await json(`/v1/staff/webhooks/${ep.id}/deliveries`)).body.items;
    assert.ok(failed.every((d: { state: string }) => d.state === 'failed'));
    assert.equal((await json(`/v1/staff/webhooks/${ep.id}/test`, { method: 'POST' })).status, 409);
    const enabled = await json(`/v1/staff/webhooks/${ep.id}`, { method: 'PATCH', body: { enabled: false } });
    assert.equal(enabled.body.enabled, false);
    const again = await json(`/v1/staff/webhooks/${ep.id}`, { method: 'PATCH', body: { enabled: true } });
    assert.equal(again.body.enabled, true);
    assert.equal(again.body.disabledReason, undefined);
    await json(`/v1/staff/webhooks/${ep.id}`, { method: 'PATCH', body: { enabled: false } });
    assert.equal((await json('/v1/staff/webhooks/nope/deliveries')).status, 404);
  });
});
