// E-mail to a real SMTP server on loopback, read back by the test: the patient notices (language,
// link, the expected date; never a name, a diagnosis or a file name), only with the contact consent,
// to the requester and the patient; and the care team's notice with a link that opens the opinion
// and its report, and stops working once revoked or expired.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CaseSchema, parseWith } from '../../src/core/index.js';
import { attempt } from './support/deliveries.js';
import { call, createCase, PDF, sha256, sseReader, startTestServer, tusMetadata, validRequest, type TestServer } from './helpers.js';
import { sharedPostgres } from './support/postgres.js';
import { startSmtpSink, type Mail, type SmtpSink } from './support/smtp-sink.js';

const FAST = { pollMs: 200, timeoutMs: 5000, retryMinMs: 10, retryFirstWindowMs: 40, retryMaxMs: 120 };
const CONSENT = { version: '2026-11', acceptedAt: new Date().toISOString(), scopes: ['collect_and_review', 'share_with_care_team', 'contact'] };
// Everything of the request a message must never carry.
const NEVER = /Marie|Tremblay|Lucie|Breast|cancer|Mastectomy|Gagnon|Labs-2026|pathology|Roy\b/i;

let s: TestServer;
let smtp: SmtpSink;
let staff: string;

before(async () => {
  smtp = await startSmtpSink();
  s = await startTestServer({ outbound: { smtpUrl: smtp.url, mailFrom: 'Second opinions <notices@example.ca>', notifyLink: 'https://portal.example.ca/cases/{caseId}', timing: FAST } });
  staff = await s.staff();
});
after(async () => {
  await s.dispose();
  await smtp.close();
});

async function create(token: string, request: Record<string, unknown>) {
  const res = await call(s.url, '/v1/cases', token, { body: { request, submit: true } });
  assert.equal(res.status, 201, await res.clone().text());
  return res.json();
}

async function move(id: string, action: string, body?: unknown) {
  const res = await call(s.url, `/v1/staff/cases/${id}/${action}`, staff, { method: 'POST', ...(body === undefined ? {} : { body }) });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

const about = (reference: string, to: string) => (m: Mail) => m.subject.includes(reference) && m.to.includes(to);

function clean(m: Mail): void {
  assert.doesNotMatch(m.subject, NEVER);
  assert.doesNotMatch(m.text, NEVER);
  assert.equal(m.parsed.attachments.length, 0);
  assert.equal(m.parsed.from?.value[0]?.address, 'notices@example.ca');
}

describe('e-mail notifications', { timeout: 180_000 }, () => {
  it('tells the requester and the patient, in the patient\'s language, with the host\'s link and no health information', async () => {
    const patient = await s.patient();
    const c = await create(patient, validRequest({
      requester: { relationship: 'caregiver', givenName: 'Lucie', familyName: 'Tremblay', email: 'lucie@example.ca' },
      consent: CONSENT,
    }));
    const ref = c.reference as string;
    await move(c.id, 'triage');
    await move(c.id, 'request-information', { message: 'Please send the pathology report from Dr. Gagnon.', recordKinds: ['pathology'] });
    const toRequester = await smtp.next(about(ref, 'lucie@example.ca'));
    const toPatient = await smtp.next(about(ref, 'marie@example.ca'));
    for (const m of [toRequester, toPatient]) {
      clean(m);
      assert.equal(m.subject, `Des renseignements sont nécessaires : demande ${ref}`);
      assert.match(m.text, new RegExp(`https://portal\\.example\\.ca/cases/${c.id}`));
      assert.match(m.text, /aucun renseignement de santé/);
    }
    const upload = await fetch(`${s.url}/v1/cases/${c.id}/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${patient}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(PDF.length), 'Upload-Metadata': tusMetadata({ kind: 'pathology', title: 'Labs-2026 pathology.pdf', sha256: sha256(PDF) }), 'Content-Type': 'application/offset+octet-stream' },
      body: PDF as BodyInit,
    });
    assert.equal(upload.status, 201);
    const reply = await call(s.url, `/v1/cases/${c.id}/messages`, patient, { body: { kind: 'reply', text: 'Here it is.' } });
    assert.equal(reply.status, 200);
    const accepted = await move(c.id, 'accept', { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } });
    const acceptMail = await smtp.next((m) => about(ref, 'marie@example.ca')(m) && m.subject.startsWith('Demande acceptée'));
    clean(acceptMail);
    const expected = new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${accepted.expectedBy}T12:00:00Z`));
    assert.ok(acceptMail.text.includes(`d’ici le ${expected}`), acceptMail.text);
    await move(c.id, 'start-review');
    await move(c.id, 'opinion', { outcome: 'different_diagnosis', summary: 'A different cancer subtype.', diagnosis: 'Lobular carcinoma', recommendations: [], answers: c.questions.map((q: { id: string }) => ({ questionId: q.id, text: 'No.' })) });
    const ready = await smtp.next((m) => about(ref, 'lucie@example.ca')(m) && m.subject.startsWith('Votre deuxième avis est prêt'));
    const readyToPatient = await smtp.next((m) => about(ref, 'marie@example.ca')(m) && m.subject.startsWith('Votre deuxième avis est prêt'));
    for (const m of [ready, readyToPatient]) {
      clean(m);
      assert.doesNotMatch(m.text, /Lobular|carcinoma|subtype|different/i);
    }
    await smtp.next((m) => about(ref, 'lucie@example.ca')(m) && m.subject.startsWith('Demande acceptée'));
    // Triage and start of review tell nobody; each notice went to both, once.
    const mine = smtp.mails.filter((m) => m.subject.includes(ref));
    assert.equal(mine.length, 6);
  });

  it('writes in English for an English-speaking patient, and a decline says no reason', async () => {
    const patient = await s.patient();
    const c = await create(patient, validRequest({ patient: { ...(validRequest().patient as object), preferredLanguage: 'en-CA', email: 'pat@example.ca' }, consent: CONSENT }));
    await move(c.id, 'triage');
    await move(c.id, 'decline', { reason: 'Cancer care is not covered by this program.' });
    const m = await smtp.next(about(c.reference, 'pat@example.ca'));
    clean(m);
    assert.equal(m.subject, `News about your request: ${c.reference}`);
    assert.match(m.text, /cannot review second-opinion request/);
    assert.doesNotMatch(m.text, /covered|program/);
  });

  it('sends nothing without the contact consent', async () => {
    const patient = await s.patient();
    const c = await createCase(s.url, patient);
    await move(c.id, 'triage');
    await move(c.id, 'request-information', { message: 'More please.', recordKinds: [] });
    const rows = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries d JOIN outbox o ON o.id = d.message_id WHERE o.case_id = $1 AND d.channel = 'email'`, [c.id]);
    assert.equal(rows.rows[0]!.n, 0);
    const withConsent = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE channel = 'email'`);
    assert.ok(withConsent.rows[0]!.n > 0);
  });
});

describe('care-team delivery', { timeout: 180_000 }, () => {
  it('tells the case\'s event stream each change of the delivery\'s state: case-changed, with the version and no id', async () => {
    const patient = await s.patient();
    const c = await create(patient, validRequest({ consent: CONSENT }));
    await move(c.id, 'triage');
    await move(c.id, 'accept', { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } });
    await move(c.id, 'start-review');
    const issued = await move(c.id, 'opinion', { outcome: 'confirmed', summary: 'Agreed.', recommendations: [], answers: c.questions.map((q: { id: string }) => ({ questionId: q.id, text: 'Yes.' })) });
    const sse = sseReader(await call(s.url, `/v1/cases/${c.id}/events`, patient, { headers: { 'Last-Event-ID': String(issued.timeline.at(-1).id) } }));
    smtp.refuse.add('clinic@example.ca');
    const shared = await (await call(s.url, `/v1/cases/${c.id}/share`, patient, { body: {} })).json();
    // The share's entry and the first attempt's failure, in either order (each instance reads them apart).
    const two = [await sse.next(), await sse.next()];
    const entry = two.find((e) => e.event === 'case-event')!;
    assert.equal(JSON.parse(entry.data).case.opinion.careTeamDelivery.state, 'sending');
    // The failure: a signal, without an id (Last-Event-ID stays on the timeline), with the case's new version.
    const failed = two.find((e) => e.event === 'case-changed')!;
    assert.ok(failed, 'a case-changed signal');
    assert.equal(failed.id, undefined);
    const failedAt = JSON.parse(failed.data);
    assert.deepEqual(Object.keys(failedAt), ['version']);
    assert.ok(failedAt.version > shared.version);
    const failing = await (await call(s.url, `/v1/cases/${c.id}`, patient)).json();
    assert.equal(failing.version, failedAt.version);
    assert.deepEqual([failing.opinion.careTeamDelivery.state, failing.opinion.careTeamDelivery.retrying], ['failed', true]);
    // Retries that fail the same way change nothing and say nothing; the delivery that goes through does.
    smtp.refuse.delete('clinic@example.ca');
    const delivered = await sse.next();
    assert.equal(delivered.event, 'case-changed');
    const deliveredAt = JSON.parse(delivered.data);
    assert.ok(deliveredAt.version > failedAt.version);
    const done = await (await call(s.url, `/v1/cases/${c.id}`, patient)).json();
    assert.equal(done.version, deliveredAt.version);
    assert.equal(done.opinion.careTeamDelivery.state, 'delivered');
    await sse.cancel();
  });

  it('tells a stream held on one instance of the delivery another instance\'s worker made (PostgreSQL NOTIFY)', async () => {
    const url = await (await sharedPostgres()).createDatabase();
    const options = { databaseUrl: url, tokenSecret: 'fan-out', outbound: { smtpUrl: smtp.url, timing: FAST } };
    // A holds the stream and delivers nothing; B's worker delivers.
    const a = await startTestServer({ ...options, outbound: { ...options.outbound, worker: false } });
    const b = await startTestServer(options);
    try {
      const patient = await a.patient();
      const staffB = await b.staff();
      const c = await createCase(a.url, patient);
      for (const [action, body] of [['triage'], ['accept', { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } }], ['start-review'], ['opinion', { outcome: 'confirmed', summary: 'Agreed.', recommendations: [], answers: c.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })) }]] as const) {
        assert.equal((await call(b.url, `/v1/staff/cases/${c.id}/${action}`, staffB, { method: 'POST', ...(body ? { body } : {}) })).status, 200);
      }
      const last = (await (await call(a.url, `/v1/cases/${c.id}`, patient)).json()).timeline.at(-1).id;
      const sse = sseReader(await call(a.url, `/v1/cases/${c.id}/events`, patient, { headers: { 'Last-Event-ID': String(last) } }));
      assert.equal((await call(a.url, `/v1/cases/${c.id}/share`, patient, { body: {} })).status, 200);
      // The share's entry and the delivery's signal, in either order.
      const two = [await sse.next(), await sse.next()];
      assert.deepEqual(two.map((e) => e.event).sort(), ['case-changed', 'case-event']);
      const signal = two.find((e) => e.event === 'case-changed')!;
      const now = await (await call(a.url, `/v1/cases/${c.id}`, patient)).json();
      assert.equal(now.version, JSON.parse(signal.data).version);
      assert.equal(now.opinion.careTeamDelivery.state, 'delivered');
      await sse.cancel();
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
      await (await sharedPostgres()).stop();
    }
  });

  it('sends the care team an expiring, revocable link to the opinion and its report', async () => {
    const patient = await s.patient();
    const c = await create(patient, validRequest({ consent: CONSENT }));
    const ref = c.reference as string;
    await move(c.id, 'triage');
    await move(c.id, 'accept', { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } });
    await move(c.id, 'start-review');
    const report = await fetch(`${s.url}/v1/staff/cases/${c.id}/report`, { method: 'POST', headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/pdf' }, body: PDF });
    const record = await report.json();
    await move(c.id, 'opinion', { outcome: 'refined', summary: 'Surgery first <b>is</b> right.', recommendations: ['Genetic testing'], answers: c.questions.map((q: { id: string }) => ({ questionId: q.id, text: 'Yes.' })), reportRecordId: record.id });
    // The clinic's server refuses for a while: the case says failed, retrying; then delivered.
    smtp.refuse.add('clinic@example.ca');
    const refused = attempt(s, (a) => a.channel === 'care_team' && !a.ok);
    const shared = await call(s.url, `/v1/cases/${c.id}/share`, patient, { body: { note: 'For Dr. Roy' } });
    assert.equal(shared.status, 200);
    const sharedCase = await shared.json();
    assert.deepEqual(sharedCase.opinion.careTeamDelivery, { state: 'sending', to: 'Dr. Roy', requestedAt: sharedCase.opinion.sharedWithCareTeamAt });
    await refused;
    const failing = await (await call(s.url, `/v1/cases/${c.id}`, patient)).json();
    assert.equal(failing.opinion.careTeamDelivery.state, 'failed');
    assert.equal(failing.opinion.careTeamDelivery.retrying, true);
    assert.ok(parseWith(CaseSchema, failing).ok);
    const delivered = attempt(s, (a) => a.channel === 'care_team' && a.ok);
    smtp.refuse.delete('clinic@example.ca');
    await delivered;
    const done = await (await call(s.url, `/v1/cases/${c.id}`, patient)).json();
    assert.equal(done.opinion.careTeamDelivery.state, 'delivered');
    assert.ok(done.opinion.careTeamDelivery.deliveredAt);
    const notice = await smtp.next(about(ref, 'clinic@example.ca'));
    clean(notice);
    assert.equal(notice.subject, `Un deuxième avis vous est transmis : ${ref}`);
    const link = /http:\/\/127\.0\.0\.1:\d+\/v1\/shared\/[A-Za-z0-9_-]{43}/.exec(notice.text)?.[0];
    assert.ok(link, notice.text);
    assert.equal(link.startsWith(s.url), true);

    const page = await fetch(link);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await page.text();
    assert.match(html, /lang="fr-CA"/);
    assert.match(html, /Surgery first &#60;b&#62;is&#60;\/b&#62; right\./);
    assert.match(html, /Marie Tremblay/);
    assert.match(html, /Genetic testing/);
    const pdf = await fetch(`${link}/report`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(new Uint8Array(await pdf.arrayBuffer()), PDF);

    // Only the hash is kept; a wrong or altered token is a 404.
    const token = link.split('/').at(-1)!;
    const stored = await s.db.query<{ token_hash: string }>('SELECT token_hash FROM share_links WHERE case_id = $1', [c.id]);
    assert.ok(stored.rows.every((r) => r.token_hash !== token && /^[0-9a-f]{64}$/.test(r.token_hash)));
    assert.equal((await fetch(`${s.url}/v1/shared/${token.slice(0, -1)}A`)).status, 404);

    // Expired: 404. (The link's end is moved to the past in the database, as time would.)
    await s.db.query(`UPDATE share_links SET expires_at = now() - interval '1 second' WHERE case_id = $1`, [c.id]);
    assert.equal((await fetch(link)).status, 404);
    await s.db.query(`UPDATE share_links SET expires_at = now() + interval '1 day' WHERE case_id = $1`, [c.id]);
    assert.equal((await fetch(link)).status, 200);

    // Revoked by the patient: 404, the report too.
    const other = await s.patient();
    assert.equal((await call(s.url, `/v1/cases/${c.id}/share-links`, other, { method: 'DELETE' })).status, 404);
    assert.equal((await call(s.url, `/v1/cases/${c.id}/share-links`, patient, { method: 'DELETE' })).status, 204);
    assert.equal((await fetch(link)).status, 404);
    assert.equal((await fetch(`${link}/report`)).status, 404);

    // Sending again makes a new link.
    await call(s.url, `/v1/cases/${c.id}/share`, patient, { body: {} });
    const second = await smtp.next((m) => about(ref, 'clinic@example.ca')(m) && m !== notice);
    const link2 = /http:\/\/127\.0\.0\.1:\d+\/v1\/shared\/[A-Za-z0-9_-]{43}/.exec(second.text)?.[0];
    assert.ok(link2 && link2 !== link);
    assert.equal((await fetch(link2)).status, 200);
  });
});
