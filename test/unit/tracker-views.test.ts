// The tracker's and the opinion summary's views of real cases moved through the lifecycle on
// MemoryBackend: timeline steps and endings, the paused clock in words, reply records, paging,
// first beside second opinion, sharing and follow-up availability.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient, MemoryBackend, type Case, type SecondOpinionClient } from '../../src/index.js';
import { canReply, canWithdraw, clockWords, newActions, recordsForReply, timelineSteps } from '../../src/components/status-tracker/status-tracker.model.js';
import { CaseListPager } from '../../src/components/shared/list-pager.js';
import { trackerEn } from '../../src/components/status-tracker/status-tracker.messages.js';
import { yourRecordKind } from '../../src/components/status-tracker/tracker-reply.view.js';
import { trackerFrCA } from '../../src/components/status-tracker/status-tracker.messages.fr-CA.js';
import { earlierOpinions, opinionView, outcomeTone } from '../../src/components/opinion-summary/opinion-summary.model.js';
import { validRequest } from '../fixtures/requests.js';

const specialist = { name: 'Dr. Lee', specialty: 'Oncology' };
const iso = (d: string) => d;

async function submitted(client: SecondOpinionClient, overrides = {}): Promise<Case> {
  return client.cases.create(validRequest(overrides), { submit: true });
}
const steps = (c: Case) => timelineSteps(c).map((s) => `${s.key}:${s.state}${s.waiting ? ':waiting' : ''}`);

describe('timeline steps', () => {
  it('follow a case from sent to opinion ready, one current step at a time', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    let c = await submitted(client);
    assert.deepEqual(steps(c), ['submitted:current', 'triage:upcoming', 'accepted:upcoming', 'in_review:upcoming', 'opinion_ready:upcoming']);
    assert.ok(timelineSteps(c)[0]!.at, 'the sent step carries its date');
    c = await client.staff.triage(c.id);
    assert.deepEqual(steps(c).slice(0, 2), ['submitted:done', 'triage:current']);
    c = await client.staff.accept(c.id, { specialist });
    c = await client.staff.startReview(c.id);
    assert.deepEqual(steps(c), ['submitted:done', 'triage:done', 'accepted:done', 'in_review:current', 'opinion_ready:upcoming']);
    c = await client.staff.issueOpinion(c.id, { outcome: 'confirmed', summary: 'Agreed.', recommendations: [], answers: c.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })) });
    assert.deepEqual(steps(c), ['submitted:done', 'triage:done', 'accepted:done', 'in_review:done', 'opinion_ready:done']);
  });

  it('show an information request on the step that asked, waiting for the patient', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    let c = await submitted(client);
    c = await client.staff.triage(c.id);
    c = await client.staff.requestInformation(c.id, { message: 'Please add your pathology report.', recordKinds: ['pathology'] });
    assert.deepEqual(steps(c).slice(0, 3), ['submitted:done', 'triage:current:waiting', 'accepted:upcoming']);
    c = await client.cases.reply(c.id, { text: 'Added.' });
    assert.deepEqual(steps(c).slice(0, 2), ['submitted:done', 'triage:current']);
    c = await client.staff.accept(c.id, { specialist });
    c = await client.staff.startReview(c.id);
    c = await client.staff.requestInformation(c.id, { message: 'Imaging too.', recordKinds: ['imaging'] });
    assert.deepEqual(steps(c).slice(3), ['in_review:current:waiting', 'opinion_ready:upcoming']);
  });

  it('carry each reply on the step that asked, with the titles of the records it sent', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    let c = await submitted(client);
    await client.staff.triage(c.id);
    c = await client.staff.requestInformation(c.id, { message: 'Please add your pathology report.', recordKinds: ['pathology'] });
    const rec = await client.records.put(c.id, new Blob([new TextEncoder().encode('%PDF-1.7\n%%EOF\n')]), { kind: 'pathology', title: 'Biopsy, May' });
    c = await client.cases.reply(c.id, { text: 'Added.', recordIds: [rec.id] });
    c = await client.staff.accept(c.id, { specialist });
    c = await client.staff.startReview(c.id);
    await client.staff.requestInformation(c.id, { message: 'Anything else?', recordKinds: [] });
    c = await client.cases.reply(c.id, { text: 'No.' });
    const replies = Object.fromEntries(timelineSteps(c).map((s) => [s.key, s.replies.map((r) => r.records)]));
    assert.deepEqual(replies, { submitted: [], triage: [['Biopsy, May']], accepted: [], in_review: [[]], opinion_ready: [] });
    assert.equal(trackerEn.stepReplied('May 2, 2026', 'Biopsy, May'), 'You replied on May 2, 2026 and sent Biopsy, May.');
    assert.equal(trackerFrCA.stepReplied('2 mai 2026', ''), 'Vous avez répondu le 2 mai 2026.');
  });

  it('end at "declined" after the steps reached, dropping those never reached', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    let c = await submitted(client);
    c = await client.staff.triage(c.id);
    c = await client.staff.decline(c.id, { reason: 'Out of scope.' });
    assert.deepEqual(steps(c), ['submitted:done', 'triage:done', 'declined:ended']);
    assert.ok(timelineSteps(c).at(-1)!.at);
  });

  it('end at "withdrawn" wherever the patient withdrew', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    let c = await submitted(client);
    c = await client.staff.triage(c.id);
    c = await client.staff.accept(c.id, { specialist });
    c = await client.cases.withdraw(c.id, {});
    assert.deepEqual(steps(c), ['submitted:done', 'triage:done', 'accepted:done', 'withdrawn:ended']);
    assert.equal(canWithdraw(c), false);
  });
});

describe('the clock in words', () => {
  const date = (d: string) => `<${d}>`;

  it('names the record kinds wanted while paused, in both languages', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    let c = await submitted(client);
    c = await client.staff.triage(c.id);
    assert.equal(clockWords(c, 'en', trackerEn, date), trackerEn.clockNotStarted);
    c = await client.staff.accept(c.id, { specialist });
    c = await client.staff.startReview(c.id);
    c = await client.staff.requestInformation(c.id, { message: 'Two records, please.', recordKinds: ['pathology', 'imaging'] });
    assert.equal(c.clock.state, 'paused');
    // The reply view names the kinds (a case that waits on the patient shows it); without it, "your reply".
    assert.equal(clockWords(c, 'en', trackerEn, date), trackerEn.clockPausedReply);
    assert.equal(clockWords(c, 'en', trackerEn, date, (k) => yourRecordKind(k, 'en')), 'Paused: waiting for your pathology report and your imaging (scans or X-rays)');
    assert.equal(clockWords(c, 'fr-CA', trackerFrCA, date, (k) => yourRecordKind(k, 'fr-CA')), 'En pause : en attente de votre rapport de pathologie et vos examens d’imagerie (radiographies ou autres)');
  });

  it('says "waiting for your reply" when no record is wanted, and gives the expected date while running', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    let c = await submitted(client);
    c = await client.staff.triage(c.id);
    c = await client.staff.accept(c.id, { specialist });
    assert.equal(c.clock.state, 'running');
    assert.equal(clockWords(c, 'en', trackerEn, date), `Expected by <${c.expectedBy}>`);
    c = await client.staff.startReview(c.id);
    c = await client.staff.requestInformation(c.id, { message: 'Which hospital?', recordKinds: [] });
    assert.equal(clockWords(c, 'en', trackerEn, iso), 'Paused: waiting for your reply');
  });
});

describe('actions required', () => {
  it('reports a new request once, lets the patient reply, and sends the records added since', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    let c = await submitted(client);
    const before = c;
    c = await client.staff.triage(c.id);
    assert.equal(canReply(c), false);
    c = await client.staff.requestInformation(c.id, { message: 'Pathology please.', recordKinds: ['pathology'] });
    assert.equal(newActions(before, c).length, 1);
    assert.equal(newActions(c, c).length, 0);
    assert.equal(canReply(c), true);
    const record = await client.records.put(c.id, new Blob(['%PDF-1.4 test']), { kind: 'pathology', title: 'Pathology' });
    c = await client.cases.get(c.id);
    assert.deepEqual(recordsForReply(c, c.actionsRequired[0]!), [record.id]);
    c = await client.cases.reply(c.id, { text: 'Here it is.', recordIds: recordsForReply(c, c.actionsRequired[0]!) });
    assert.equal(c.status, 'triage');
    assert.equal(c.actionsRequired.length, 0);
  });
});

describe('list paging', () => {
  it('walks forward and back through the caller’s cases, newest first', async () => {
    let t = Date.parse('2026-11-20T12:00:00Z');
    const client = createClient({ backend: new MemoryBackend({ now: () => new Date((t += 60_000)) }) });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await submitted(client)).id);
    const pager = new CaseListPager((query, options) => client.cases.list(query, options), 2);
    let s = await pager.reload();
    assert.deepEqual([s.page, s.hasPrevious, s.hasNext, s.items.map((x) => x.id)], [1, false, true, [ids[4], ids[3]]]);
    s = await pager.next();
    assert.deepEqual([s.page, s.hasPrevious, s.hasNext, s.items.map((x) => x.id)], [2, true, true, [ids[2], ids[1]]]);
    s = await pager.next();
    assert.deepEqual([s.page, s.hasNext, s.items.map((x) => x.id)], [3, false, [ids[0]]]);
    assert.equal((await pager.next()).page, 3, 'no page after the last');
    s = await pager.previous();
    assert.deepEqual([s.page, s.items.map((x) => x.id)], [2, [ids[2], ids[1]]]);
    s = await pager.previous();
    assert.equal(s.page, 1);
    assert.equal((await pager.previous()).page, 1, 'no page before the first');
  });
});

describe('opinion view', () => {
  async function ready(client: SecondOpinionClient, overrides = {}) {
    let c = await submitted(client, overrides);
    c = await client.staff.triage(c.id);
    c = await client.staff.accept(c.id, { specialist });
    c = await client.staff.startReview(c.id);
    const [q1, q2] = c.questions;
    return client.staff.issueOpinion(c.id, {
      outcome: 'confirmed', summary: 'Surgery first is right.', diagnosis: 'Breast cancer, stage II', recommendations: ['Go ahead with surgery'],
      answers: [{ questionId: q1!.id, text: 'Yes.' }, { questionId: q2!.id, text: 'Low risk.' }],
    });
  }

  it('puts the first opinion beside the second, every question with its answer', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const v = opinionView(await ready(client));
    assert.equal(v.first?.diagnosis, 'Breast cancer, stage II');
    assert.equal(v.first?.proposedTreatment, 'Mastectomy, then chemotherapy');
    assert.deepEqual(v.first?.from, ['Dr. Gagnon', 'Surgery', 'CHUM']);
    assert.equal(v.second?.outcome, 'confirmed');
    assert.equal(v.second?.tone, 'good');
    assert.equal(v.second?.specialist.name, 'Dr. Lee');
    assert.deepEqual(v.questions.map((q) => [q.text, q.answer]), [['Is surgery the best first step?', 'Yes.'], ['What are the risks of waiting a month?', 'Low risk.']]);
    assert.equal(v.canAskAnother, true);
  });

  it('offers sharing only with consent, and shows when it was shared', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    let c = await ready(client);
    assert.deepEqual(opinionView(c).share, { state: 'available', recipient: 'Dr. Roy' });
    c = await client.cases.share(c.id);
    const shared = opinionView(c).share;
    assert.equal(shared.state, 'shared');
    const noConsent = await ready(client, {
      careTeam: { share: false },
      consent: { version: '2026-11', acceptedAt: '2026-11-20T15:00:00Z', scopes: ['collect_and_review'] },
    });
    assert.deepEqual(opinionView(noConsent).share, { state: 'not_consented' });
  });

  it('offers a follow-up while the backend allows one', async () => {
    const client = createClient({ backend: new MemoryBackend({ config: { followUpLimit: 1 } }) });
    let c = await ready(client);
    assert.equal(opinionView(c).canFollowUp, true);
    c = await client.cases.followUp(c.id, { text: 'And radiation?' });
    assert.equal(c.status, 'in_review');
    assert.equal(opinionView(c).canFollowUp, false);
    const asked = c.questions.find((q) => q.followUp)!;
    c = await client.staff.issueOpinion(c.id, { outcome: 'refined', summary: 'Also radiation.', recommendations: [], answers: [{ questionId: asked.id, text: 'Yes, after surgery.' }] });
    assert.equal(c.followUpsRemaining, 0);
    assert.equal(opinionView(c).canFollowUp, false);
    assert.ok(opinionView(c).questions.some((q) => q.followUp && q.text === 'And radiation?'));
  });

  it('reads "confirmed" and "refined" as good news, a different diagnosis as a change', () => {
    assert.equal(outcomeTone('confirmed'), 'good');
    assert.equal(outcomeTone('refined'), 'good');
    assert.equal(outcomeTone('different_diagnosis'), 'change');
    assert.equal(outcomeTone('insufficient_information'), 'incomplete');
  });
});

describe('earlier opinions', () => {
  it('follow previousCaseId nearest first, and stop at a loop or at a case that cannot be read', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const first = await submitted(client);
    const second = await client.cases.create(validRequest({ previousCaseId: first.reference }), { submit: true });
    const third = await client.cases.create(validRequest(), { submit: true, previousCaseId: second.id });
    const read: string[] = [];
    const get = (id: string) => { read.push(id); return client.cases.get(id); };
    assert.deepEqual((await earlierOpinions(third, get)).map((e) => e.reference), [second.reference, first.reference]);
    assert.deepEqual(read, [second.id, first.id]);
    const looped = { ...first, previousCaseId: third.id } as Case;
    const loopGet = (id: string) => Promise.resolve(id === first.id ? looped : id === second.id ? second : third);
    assert.deepEqual((await earlierOpinions(third, loopGet)).map((e) => e.caseId), [second.id, first.id], 'a loop back to the case ends the chain');
    const failures: unknown[] = [];
    const broken = (id: string) => (id === first.id ? Promise.reject(new Error('gone')) : client.cases.get(id));
    assert.deepEqual((await earlierOpinions(third, broken, (e) => failures.push(e))).map((e) => e.caseId), [second.id]);
    assert.equal(failures.length, 1);
  });
});
