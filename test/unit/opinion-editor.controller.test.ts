// OpinionEditorController in Node, on MemoryBackend: Issue says what is missing and focuses it (no
// call made), the report PDF attached through the staff API, the opinion issued (announced, focus,
// so-opinion-issued), follow-up questions answered from the issued opinion, a case that moved on
// reloaded with the draft kept, and nothing offered to a patient's token.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient, ForbiddenError, MemoryBackend, type Case, type SecondOpinionClient } from '../../src/index.js';
import { OpinionEditorController, type EditorDrafts, type EditorHost } from '../../src/components/opinion-editor/opinion-editor.controller.js';
import { editorEn } from '../../src/components/opinion-editor/opinion-editor.messages.js';
import { missingAnswers, opinionInput, type OpinionDraft } from '../../src/components/opinion-editor/opinion-editor.model.js';
import { DraftKeeper, storedDraft, type DraftStore } from '../../src/components/opinion-editor/draft-store.js';
import { onDemand } from '../../src/core/on-demand.js';
import { previewCase } from '../../src/components/opinion-editor/opinion-preview.model.js';
import { opinionView, previewView } from '../../src/components/opinion-summary/opinion-summary.model.js';
import type { SoOpinionIssuedEvent } from '../../src/components/opinion-editor/opinion-editor.events.js';
import type { WatchConnection } from '../../src/core/watch/watch-events.js';
import { nextEvent } from '../fixtures/events.js';
import { validRequest } from '../fixtures/requests.js';
import { TestHost } from './support/controller-host.js';

class Editor extends TestHost implements EditorHost {
  words = editorEn;
  connection: WatchConnection = 'connecting';
  readonly controller: OpinionEditorController;
  constructor(client: SecondOpinionClient, caseId: string, drafts?: EditorDrafts) {
    super(client);
    this.caseId = caseId;
    this.controller = new OpinionEditorController(this, this.port, drafts && onDemand(() => Promise.resolve(drafts)));
  }
}

async function inReview(client: SecondOpinionClient): Promise<Case> {
  const c = await client.cases.create(validRequest({ questions: ['Is surgery the best first step?', 'What if I wait a month?'] }), { submit: true });
  await client.staff.triage(c.id);
  await client.staff.accept(c.id, { specialist: { name: 'Dr. Lee', specialty: 'Oncology' } });
  return client.staff.startReview(c.id);
}

async function open(client: SecondOpinionClient, c: Case, drafts?: EditorDrafts): Promise<Editor> {
  const host = new Editor(client, c.id, drafts);
  host.connect();
  await host.until(() => host.controller.case?.id === c.id && host.controller.access !== 'checking');
  return host;
}

const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('OpinionEditorController', () => {
  it('says what is missing and focuses it, attaches the report, then issues with an announcement, focus and so-opinion-issued', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await inReview(client);
    const host = await open(client, c);
    const e = host.controller;
    assert.equal(e.complete, false);
    await e.issue.run();
    assert.deepEqual([e.issue.invalid, host.focused.at(-1)], [editorEn.needOutcome, 'outcome']);
    e.edit({ outcome: 'confirmed', summary: '  Surgery first is right.  ', recommendations: 'Go ahead\n\n Radiation after ' });
    const [q1, q2] = e.case!.questions;
    e.answer(q1!.id, 'Yes.');
    assert.deepEqual(missingAnswers(e.case!, e.draft).map((m) => m.number), [2]);
    await e.issue.run();
    assert.deepEqual([e.issue.invalid, host.focused.at(-1)], [editorEn.needAnswers('2'), 'answer-2']);
    assert.equal((await client.cases.get(c.id)).status, 'in_review', 'nothing was sent');
    e.answer(q2!.id, 'Waiting a month is safe.');
    assert.equal(e.complete, true);

    await e.report.run(new Blob([pdf]));
    assert.ok(e.draft.reportRecordId, 'the report is attached');
    assert.equal(host.announced.at(-1), editorEn.reportAttached);
    assert.deepEqual(opinionInput(e.case!, e.draft).recommendations, ['Go ahead', 'Radiation after']);

    const issued = nextEvent<SoOpinionIssuedEvent>(host, 'so-opinion-issued');
    await e.issue.run();
    assert.equal((await issued).caseId, c.id);
    assert.deepEqual([host.announced.at(-1), host.focused.at(-1)], [editorEn.issued, 'heading']);
    const done = await client.cases.get(c.id);
    assert.equal(done.status, 'opinion_ready');
    assert.equal(done.opinion!.summary, 'Surgery first is right.');
    assert.equal(done.opinion!.reportRecordId, e.draft.reportRecordId);
    assert.deepEqual(done.questions.map((q) => q.answer?.text), ['Yes.', 'Waiting a month is safe.']);
    host.disconnect();
  });

  it('previews the draft as the patient will read it: the same view as the issued case, without the actions', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await inReview(client);
    const host = await open(client, c);
    const e = host.controller;
    assert.equal(previewCase(e.case!, e.draft, '2026-01-01T00:00:00Z'), undefined, 'no preview before an outcome');
    assert.equal(e.previewing, false);
    e.togglePreview();
    assert.equal(e.previewing, true);
    e.edit({ outcome: 'treatment_change', summary: ' Try radiation first. ', diagnosis: 'Stage I', recommendations: 'Radiation\n Review in 3 months' });
    const [q1, q2] = e.case!.questions;
    e.answer(q1!.id, 'No.');
    const partial = opinionView(previewCase(e.case!, e.draft, '2026-01-01T00:00:00Z')!);
    assert.deepEqual(partial.questions.map((q) => q.answer), ['No.', undefined], 'an unanswered question shows as unanswered');
    e.answer(q2!.id, 'Yes, a month is safe.');
    const preview = previewView(opinionView(previewCase(e.case!, e.draft, '2026-01-01T00:00:00Z')!));
    await e.issue.run();
    assert.equal(e.issue.status, 'complete');
    const issued = opinionView(await client.cases.get(c.id));
    const { issuedAt: _a, ...seen } = preview.second!;
    const { issuedAt: _b, ...real } = issued.second!;
    assert.deepEqual(seen, real, 'the opinion previewed is the opinion issued');
    assert.deepEqual(preview.questions, issued.questions);
    assert.deepEqual(preview.first, issued.first);
    assert.deepEqual([preview.share.state, preview.canFollowUp, preview.canAskAnother], ['unavailable', false, false], 'no patient action in a preview');
    assert.equal(issued.canAskAnother, true);
    host.disconnect();
  });

  it('keeps the draft in the draft store per case, restores it in a new editor, and clears it once issued', async () => {
    // The store's contract in memory (the encrypted IndexedDB store is tested in the browser spec).
    const kept = new Map<string, OpinionDraft>();
    const store: DraftStore = {
      saveOpinionDraft: (id, d) => Promise.resolve(void kept.set(id, structuredClone(d))),
      loadOpinionDraft: (id) => Promise.resolve(storedDraft(kept.get(id))),
      clearOpinionDraft: (id) => Promise.resolve(void kept.delete(id)),
    };
    const drafts: EditorDrafts = { DraftKeeper: class extends DraftKeeper {
      constructor(id: string) {
        super(id, store);
      }
    } };
    const client = createClient({ backend: new MemoryBackend() });
    const c = await inReview(client);
    const first = await open(client, c, drafts);
    first.controller.edit({ outcome: 'refined', summary: 'Kept across a reload.' });
    first.controller.answer(c.questions[0]!.id, 'Yes.');
    await first.controller.draftSaved();
    first.disconnect();
    assert.deepEqual(kept.get(c.id)?.answers, { [c.questions[0]!.id]: 'Yes.' });

    const again = await open(client, c, drafts);
    await again.until(() => again.controller.draft.summary === 'Kept across a reload.');
    assert.equal(again.controller.draft.outcome, 'refined');
    for (const q of again.controller.case!.questions) again.controller.answer(q.id, 'An answer.');
    await again.controller.issue.run();
    assert.equal(again.controller.issue.status, 'complete');
    await again.controller.draftSaved();
    assert.equal(kept.has(c.id), false, 'cleared once issued');
    again.disconnect();
    assert.equal(storedDraft({ outcome: 'nonsense', summary: '', diagnosis: '', recommendations: '', answers: {} }), undefined, 'a damaged draft is dropped');
  });

  it('answers follow-up questions from the issued opinion: only the new question is asked for', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await inReview(client);
    await client.staff.issueOpinion(c.id, { outcome: 'refined', summary: 'Refined plan.', recommendations: ['Surgery'], answers: c.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })) });
    await client.cases.followUp(c.id, { text: 'And after surgery?' });
    const host = await open(client, c);
    const e = host.controller;
    await host.until(() => e.case?.status === 'in_review');
    assert.deepEqual([e.draft.outcome, e.draft.summary, e.draft.recommendations], ['refined', 'Refined plan.', 'Surgery'], 'the draft starts from the opinion');
    assert.deepEqual(missingAnswers(e.case!, e.draft).map((m) => m.question.text), ['And after surgery?']);
    e.answer(missingAnswers(e.case!, e.draft)[0]!.question.id, 'Radiation, then follow-up visits.');
    await e.issue.run();
    assert.equal(e.issue.status, 'complete');
    assert.equal((await client.cases.get(c.id)).questions.at(-1)!.answer?.text, 'Radiation, then follow-up visits.');
    host.disconnect();
  });

  it('keeps the draft when the case moved on, says so and reloads; offers nothing to a patient token', async () => {
    const backend = new MemoryBackend();
    const client = createClient({ backend });
    const c = await inReview(client);
    const host = await open(client, c);
    const e = host.controller;
    e.cases.hostDisconnected();
    // Meanwhile the patient withdraws.
    await createClient({ backend }).cases.withdraw(c.id, {});
    e.edit({ outcome: 'confirmed', summary: 'Text worth keeping.' });
    for (const q of e.case!.questions) e.answer(q.id, 'An answer.');
    await e.issue.run();
    assert.equal(e.issue.error, editorEn.movedOn);
    e.cases.hostConnected();
    await host.until(() => e.case?.status === 'withdrawn');
    assert.equal(e.draft.summary, 'Text worth keeping.', 'the draft is kept');
    host.disconnect();

    const patient = createClient({ backend: new MemoryBackend() });
    const pc = await inReview(patient);
    patient.staff.list = () => Promise.reject(new ForbiddenError({ status: 403 }));
    const h2 = await open(patient, pc);
    assert.equal(h2.controller.access, 'patient');
    h2.controller.edit({ outcome: 'confirmed', summary: 'x' });
    for (const q of h2.controller.case!.questions) h2.controller.answer(q.id, 'y');
    await h2.controller.issue.run();
    assert.equal((await patient.cases.get(pc.id)).status, 'in_review', 'nothing was sent');
    h2.disconnect();
  });
});
