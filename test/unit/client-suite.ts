// The client's behaviour on any backend. Each backend's test file calls describeClientSuite with
// a setup that builds clients on it (memory here; REST against the reference server; FHIR against
// a real FHIR engine), so every backend is held to the same rules.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ConflictError, MemoryStorage, NotFoundError, ValidationError, installUploads, newIdempotencyKey, type Case, type SecondOpinionClient,
} from '../../src/index.js';
import { compareForStaffSort, STAFF_SORTS, type StaffFilterSubject } from '../../src/core/model/staff-query.js';
import { validRequest } from '../fixtures/requests.js';

export interface SuiteClients {
  /** A patient's client. */
  patient: SecondOpinionClient;
  /** Another patient's client on the same backend. */
  otherPatient: SecondOpinionClient;
  /** A staff client (coordinator and specialist moves). */
  staff: SecondOpinionClient;
  close(): Promise<void>;
}

const specialist = { name: 'Dr. Chen', specialty: 'Medical oncology', credentials: 'MD, FRCPC' };

async function toReview(s: SuiteClients, id: string): Promise<Case> {
  await s.staff.staff.triage(id);
  await s.staff.staff.accept(id, { specialist });
  return s.staff.staff.startReview(id);
}

/** Registers the shared client tests for one backend. */
export function describeClientSuite(label: string, setup: () => Promise<SuiteClients>): void {
  describe(`client on ${label}`, () => {
    let s: SuiteClients;
    before(async () => {
      s = await setup();
    });
    after(async () => {
      await s?.close();
    });

    describe('reads what the backend offers', () => {
      it('returns a valid config with specialties and consent', async () => {
        const config = await s.patient.config();
        assert.equal(config.protocolVersion, '1');
        assert.ok(config.specialties.length > 0);
        assert.ok(config.consent.version.length > 0);
        assert.ok(config.consent.text['fr-CA'].length > 0);
      });
    });

    describe('creates cases', () => {
      it('creates and submits in one step, with the questions ready for answers', async () => {
        const c = await s.patient.cases.create(validRequest(), { submit: true });
        assert.equal(c.status, 'submitted');
        assert.match(c.reference, /\S/);
        assert.deepEqual(c.questions.map((q) => q.text), ['Is surgery the best first step?', 'What are the risks of waiting a month?']);
        assert.ok(c.questions.every((q) => !q.answer));
        assert.equal(c.request.patient.phone, '+15145550123', 'phone normalised to E.164');
        assert.equal(c.request.patient.healthCardNumber, 'TREM68041211', 'health card stored compact');
      });

      it('saves a draft, edits it against its version, refuses a stale edit, then submits', async () => {
        const draft = await s.patient.cases.create({ specialty: 'cardiology', questions: ['Do I need the stent?'] });
        assert.equal(draft.status, 'draft');
        const edited = await s.patient.cases.update(draft.id, { ...validRequest({ specialty: 'cardiology' }) }, draft.version);
        assert.equal(edited.request.specialty, 'cardiology');
        assert.ok(edited.version > draft.version);
        await assert.rejects(s.patient.cases.update(draft.id, { specialty: 'neurology' }, draft.version), (e) => e instanceof ConflictError && e.reason === 'stale_version');
        const sent = await s.patient.cases.submit(draft.id);
        assert.equal(sent.status, 'submitted');
        assert.ok(sent.submittedAt);
      });

      it('refuses to submit an incomplete draft, naming each missing field', async () => {
        const draft = await s.patient.cases.create({ specialty: 'cardiology' });
        await assert.rejects(s.patient.cases.submit(draft.id), (e) => {
          assert.ok(e instanceof ValidationError);
          assert.ok(e.issues.some((i) => i.path === 'request.patient' && i.code === 'required'));
          assert.ok(e.issues.some((i) => i.path === 'request.questions' && i.code === 'required'));
          return true;
        });
        assert.equal((await s.patient.cases.get(draft.id)).status, 'draft');
      });

      it('never sends an invalid request, and reports every field problem', async () => {
        const before = await s.patient.cases.list({ limit: 100 });
        const bad = validRequest({ questions: [] });
        bad.patient.birthDate = '2999-01-01';
        await assert.rejects(s.patient.cases.create(bad, { submit: true }), (e) => {
          assert.ok(e instanceof ValidationError);
          assert.deepEqual(e.issues.map((i) => [i.path, i.code]).sort(), [['request.patient.birthDate', 'date_in_future'], ['request.questions', 'too_few']]);
          return true;
        });
        const afterList = await s.patient.cases.list({ limit: 100 });
        assert.equal(afterList.items.length, before.items.length);
      });

      it('refuses NUL and lone surrogates in text with invalid_characters at the field, whatever the backend', async () => {
        for (const odd of ['a\u0000b', 'x\ud800y', 'y\udc00']) {
          const bad = validRequest();
          bad.diagnosis.description = odd;
          await assert.rejects(s.patient.cases.create(bad, { submit: true }), (e) => {
            assert.ok(e instanceof ValidationError);
            assert.deepEqual(e.issues.map((i) => [i.path, i.code]), [['request.diagnosis.description', 'invalid_characters']]);
            return true;
          });
          await assert.rejects(s.patient.cases.create({ proposedTreatment: odd }), (e) => e instanceof ValidationError && e.issues[0]?.code === 'invalid_characters');
        }
        // A well-formed pair (an emoji) is text like any other.
        const fine = validRequest();
        fine.diagnosis.description = 'Stage II 🎗';
        assert.equal((await s.patient.cases.create(fine, { submit: true })).request.diagnosis?.description, 'Stage II 🎗');
      });

      it('creates exactly one case when the same action is sent twice', async () => {
        const idempotencyKey = newIdempotencyKey();
        const request = validRequest({ specialty: 'neurology' });
        const [a, b] = await Promise.all([
          s.patient.cases.create(request, { submit: true, idempotencyKey }),
          s.patient.cases.create(request, { submit: true, idempotencyKey }),
        ]);
        assert.equal(a.id, b.id);
        const again = await s.patient.cases.create(request, { submit: true, idempotencyKey });
        assert.equal(again.id, a.id);
        await assert.rejects(
          s.patient.cases.create(validRequest({ specialty: 'rheumatology' }), { submit: true, idempotencyKey }),
          (e) => e instanceof ConflictError && e.reason === 'idempotency_mismatch',
        );
      });

      it('links a later opinion to the earlier case', async () => {
        const first = await s.patient.cases.create(validRequest(), { submit: true });
        const second = await s.patient.cases.create(validRequest({ previousCaseId: first.id }), { submit: true });
        assert.equal(second.previousCaseId, first.id);
      });

      it('links a third and a fourth opinion by the earlier request\'s reference, as the patient types it', async () => {
        const first = await s.patient.cases.create(validRequest(), { submit: true });
        const second = await s.patient.cases.create(validRequest({ previousCaseId: first.reference }), { submit: true });
        assert.equal(second.previousCaseId, first.id, 'the reference in the request (the form\'s field) names the earlier case');
        const third = await s.patient.cases.create(validRequest(), { submit: true, previousCaseId: second.reference.toLowerCase() });
        assert.equal(third.previousCaseId, second.id, 'on the call, in any letter case');
        const chain: string[] = [];
        for (let c: Case | undefined = third; c; c = c.previousCaseId ? await s.patient.cases.get(c.previousCaseId) : undefined) chain.push(c.id);
        assert.deepEqual(chain, [third.id, second.id, first.id]);
        const others = await s.otherPatient.cases.create(validRequest(), { submit: true });
        await assert.rejects(s.patient.cases.create(validRequest({ previousCaseId: others.reference }), { submit: true }), NotFoundError, 'another patient\'s reference');
        await assert.rejects(s.patient.cases.create(validRequest(), { submit: true, previousCaseId: 'SO-2222-2222' }), NotFoundError, 'an unknown reference');
      });
    });

    describe('lists the caller’s cases', () => {
      it('pages through them with a cursor, newest first, each once', async () => {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await s.patient.cases.list({ limit: 2, ...(cursor ? { cursor } : {}) });
          assert.ok(page.items.length <= 2);
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        assert.ok(seen.length >= 3, 'earlier tests made several cases');
        assert.equal(new Set(seen).size, seen.length, 'no case twice');
        const all = await s.patient.cases.list({ limit: 100 });
        assert.deepEqual(seen, all.items.map((i) => i.id));
        const created = all.items.map((i) => i.createdAt);
        assert.deepEqual(created, [...created].sort().reverse());
      });
    });

    describe('lists cases for staff', () => {
      it('sorts the whole staff list by date received, due date or urgency, paging by cursor, each case once', async () => {
        // A specialty of its own keeps this test's cases apart from the others'.
        const specialty = `Sorting ${crypto.randomUUID().slice(0, 8)}`;
        const made: Case[] = [];
        for (const urgency of (['routine', 'soon', 'routine', 'soon', 'routine'] as const)) made.push(await s.patient.cases.create(validRequest({ specialty, urgency }), { submit: true }));
        // Two accepted cases get an expected date; the others have none and come last in the due order.
        for (const c of [made[0]!, made[3]!]) {
          await s.staff.staff.triage(c.id);
          await s.staff.staff.accept(c.id, { specialist });
        }
        const lines = new Map<string, StaffFilterSubject>();
        for (const sort of STAFF_SORTS) {
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let guard = 0; guard < 10; guard++) {
            const page = await s.staff.staff.list({ specialty, sort, limit: 2, ...(cursor ? { cursor } : {}) });
            assert.ok(page.items.length <= 2);
            for (const i of page.items) lines.set(i.id, { ...i, request: { urgency: i.urgency } });
            seen.push(...page.items.map((i) => i.id));
            cursor = page.nextCursor ?? undefined;
            if (!cursor) break;
          }
          assert.equal(seen.length, made.length, `sort=${sort}: every case`);
          const order = [...lines.values()].sort((a, b) => compareForStaffSort(a, b, sort)).map((c) => c.id);
          assert.deepEqual(seen, order, `sort=${sort}: in order, each once`);
        }
        const dueOrder = (await s.staff.staff.list({ specialty, sort: 'due', limit: 10 })).items;
        assert.ok(dueOrder[0]!.expectedBy && dueOrder[1]!.expectedBy && !dueOrder[2]!.expectedBy, 'dated cases first');
        const urgent = (await s.staff.staff.list({ specialty, sort: 'urgency', limit: 10 })).items.map((i) => i.urgency);
        assert.deepEqual(urgent, ['soon', 'soon', 'routine', 'routine', 'routine']);
        // A cursor belongs to its sort.
        const first = await s.staff.staff.list({ specialty, sort: 'due', limit: 2 });
        await assert.rejects(s.staff.staff.list({ specialty, sort: 'urgency', limit: 2, cursor: first.nextCursor! }), (e) => e instanceof ValidationError && e.issues[0]?.path === 'cursor');
      });
    });

    describe('follows the lifecycle', () => {
      it('goes from submitted to an opinion with an answer for every question', async () => {
        const c = await s.patient.cases.create(validRequest(), { submit: true });
        const reviewing = await toReview(s, c.id);
        assert.equal(reviewing.status, 'in_review');
        assert.equal(reviewing.clock.state, 'running');
        assert.match(reviewing.expectedBy ?? '', /^\d{4}-\d{2}-\d{2}$/);
        const done = await s.staff.staff.issueOpinion(c.id, {
          outcome: 'refined',
          summary: 'The diagnosis is right; the stage is IIA, which changes the order of treatment.',
          diagnosis: 'Breast cancer, stage IIA',
          recommendations: ['Chemotherapy before surgery'],
          answers: c.questions.map((q, i) => ({ questionId: q.id, text: `Answer ${i + 1}` })),
        });
        assert.equal(done.status, 'opinion_ready');
        assert.equal(done.opinion?.outcome, 'refined');
        assert.equal(done.opinion?.specialist.name, specialist.name);
        assert.deepEqual(done.questions.map((q) => q.answer?.text), ['Answer 1', 'Answer 2']);
        const seenByPatient = await s.patient.cases.get(c.id);
        assert.equal(seenByPatient.status, 'opinion_ready');
        const statuses = seenByPatient.timeline.filter((e) => e.kind === 'status_changed').map((e) => e.status);
        assert.deepEqual(statuses, ['draft', 'submitted', 'triage', 'accepted', 'in_review', 'opinion_ready']);
        assert.equal(seenByPatient.clock.state, 'stopped');
      });

      it('attaches the report to the opinion, and the patient downloads the same bytes', async () => {
        const c = await s.patient.cases.create(validRequest(), { submit: true });
        await toReview(s, c.id);
        const pdf = new TextEncoder().encode('%PDF-1.7\n% second opinion report\n%%EOF\n');
        const report = await s.staff.staff.attachReport(c.id, new Blob([pdf], { type: 'application/pdf' }));
        assert.equal(report.source, 'staff');
        assert.equal(report.mediaType, 'application/pdf');
        const done = await s.staff.staff.issueOpinion(c.id, {
          outcome: 'confirmed', summary: 'The plan is right.', recommendations: [], reportRecordId: report.id,
          answers: c.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })),
        });
        assert.equal(done.opinion?.reportRecordId, report.id);
        const bytes = new Uint8Array(await (await s.patient.records.content(c.id, report.id)).arrayBuffer());
        assert.deepEqual(bytes, pdf);
      });

      it('asks the patient for information, pauses, and returns to triage on a reply', async () => {
        const c = await s.patient.cases.create(validRequest(), { submit: true });
        await s.staff.staff.triage(c.id);
        const waiting = await s.staff.staff.requestInformation(c.id, { message: 'Please send the pathology report.', recordKinds: ['pathology'] });
        assert.equal(waiting.status, 'info_requested');
        const mine = await s.patient.cases.get(c.id);
        assert.deepEqual(mine.actionsRequired.map((a) => [a.kind, a.message, a.recordKinds]), [['provide_information', 'Please send the pathology report.', ['pathology']]]);
        const back = await s.patient.cases.reply(c.id, { text: 'It is attached to my file now.' });
        assert.equal(back.status, 'triage');
        assert.deepEqual(back.actionsRequired, []);
        assert.equal(back.timeline.at(-1)?.message, 'It is attached to my file now.');
      });

      it('keeps the records a reply sends: its timeline entry names them', async () => {
        const c = await s.patient.cases.create(validRequest(), { submit: true });
        await s.staff.staff.triage(c.id);
        await s.staff.staff.requestInformation(c.id, { message: 'Please send the pathology report.', recordKinds: ['pathology'] });
        const uploads = installUploads(s.patient, { storage: new MemoryStorage() });
        try {
          const pdf = new Blob([new TextEncoder().encode('%PDF-1.7\n% pathology report\n%%EOF\n')], { type: 'application/pdf' });
          const record = await s.patient.records.upload(c.id, pdf, { kind: 'pathology', title: 'Pathology report' }).done;
          const back = await s.patient.cases.reply(c.id, { text: 'Here it is.', recordIds: [record.id, record.id] });
          const reply = back.timeline.find((e) => e.action === 'reply');
          assert.deepEqual(reply?.recordIds, [record.id], 'the reply\'s entry names the record once');
          assert.equal(reply?.message, 'Here it is.');
          const stored = await s.patient.cases.get(c.id);
          assert.deepEqual(stored.timeline.find((e) => e.action === 'reply')?.recordIds, [record.id], 'stored, not only answered');
          const onlyRecords = await s.patient.cases.create(validRequest(), { submit: true });
          await s.staff.staff.triage(onlyRecords.id);
          await s.staff.staff.requestInformation(onlyRecords.id, { message: 'Anything new?', recordKinds: [] });
          const plain = await s.patient.cases.reply(onlyRecords.id, { text: 'Nothing new.' });
          assert.equal(plain.timeline.find((e) => e.action === 'reply')?.recordIds, undefined, 'a reply without records names none');
        } finally {
          uploads.dispose();
        }
      });

      it('refuses moves the lifecycle does not allow', async () => {
        const c = await s.patient.cases.create(validRequest(), { submit: true });
        await assert.rejects(s.staff.staff.startReview(c.id), (e) => e instanceof ConflictError && e.reason === 'illegal_transition');
        await assert.rejects(s.patient.cases.reply(c.id, { text: 'hello' }), (e) => e instanceof ConflictError && e.reason === 'illegal_transition');
        assert.equal((await s.patient.cases.get(c.id)).status, 'submitted');
      });

      it('lets the patient withdraw, and nothing moves after that', async () => {
        const c = await s.patient.cases.create(validRequest(), { submit: true });
        const gone = await s.patient.cases.withdraw(c.id, { reason: 'I found another option.' });
        assert.equal(gone.status, 'withdrawn');
        await assert.rejects(s.staff.staff.triage(c.id), (e) => e instanceof ConflictError);
      });

      it('records a decline with its reason', async () => {
        const c = await s.patient.cases.create(validRequest(), { submit: true });
        await s.staff.staff.triage(c.id);
        const declined = await s.staff.staff.decline(c.id, { reason: 'This specialty is not offered for this condition.' });
        assert.equal(declined.status, 'declined');
        assert.equal((await s.patient.cases.get(c.id)).declineReason, 'This specialty is not offered for this condition.');
      });

      it('takes one follow-up question back to review, then shares the opinion', async () => {
        const c = await s.patient.cases.create(validRequest(), { submit: true });
        await toReview(s, c.id);
        await s.staff.staff.issueOpinion(c.id, {
          outcome: 'confirmed', summary: 'The plan is right.', recommendations: [],
          answers: c.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })),
        });
        const followed = await s.patient.cases.followUp(c.id, { text: 'Should I also see a geneticist?' });
        assert.equal(followed.status, 'in_review');
        const asked = followed.questions.at(-1)!;
        assert.equal(asked.followUp, true);
        const answered = await s.staff.staff.issueOpinion(c.id, {
          outcome: 'confirmed', summary: 'The plan is right.', recommendations: ['See a genetic counsellor.'],
          answers: [{ questionId: asked.id, text: 'Yes, given your family history.' }],
        });
        assert.ok(answered.questions.every((q) => q.answer), 'earlier answers kept, new one added');
        assert.equal(answered.followUpsRemaining, 0);
        const shared = await s.patient.cases.share(c.id, { note: 'For my family doctor.' });
        assert.match(shared.opinion?.sharedWithCareTeamAt ?? '', /^\d{4}-/);
      });
    });

    describe('keeps patients apart', () => {
      it('treats another patient’s case as missing', async () => {
        const c = await s.patient.cases.create(validRequest(), { submit: true });
        await assert.rejects(s.otherPatient.cases.get(c.id), (e) => e instanceof NotFoundError);
        await assert.rejects(s.otherPatient.cases.withdraw(c.id), (e) => e instanceof NotFoundError);
        const theirs = await s.otherPatient.cases.list({ limit: 100 });
        assert.ok(!theirs.items.some((i) => i.id === c.id));
        assert.equal((await s.patient.cases.get(c.id)).status, 'submitted');
      });
    });

    describe('keeps every view of a case in step', () => {
      it('announces each newer case to listeners', async () => {
        const seen: string[] = [];
        const listener = (e: Event) => seen.push((e as Event & { case: Case }).case.status);
        s.patient.addEventListener('case-updated', listener);
        try {
          const c = await s.patient.cases.create(validRequest(), { submit: true });
          await s.patient.cases.withdraw(c.id);
        } finally {
          s.patient.removeEventListener('case-updated', listener);
        }
        assert.deepEqual(seen, ['submitted', 'withdrawn']);
      });

      it('reports each failure once as a cancelable client-error', async () => {
        const errors: string[] = [];
        const listener = (e: Event) => errors.push((e as Event & { operation: string }).operation);
        s.patient.addEventListener('client-error', listener);
        try {
          await assert.rejects(s.patient.cases.get('no-such-case'), (e) => e instanceof NotFoundError);
        } finally {
          s.patient.removeEventListener('client-error', listener);
        }
        assert.deepEqual(errors, ['cases.get']);
      });
    });
  });
}
