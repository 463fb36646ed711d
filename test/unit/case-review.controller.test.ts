// CaseReviewController in Node, on MemoryBackend: the moves a role may make (and only those), each
// as a CaseAction (field checked first, announcement, focus, so-case-moved), a move refused because
// the case moved on (words, reload, focus on the refusal), the inline preview of a verified PDF, and
// the "this page is for staff" state for a patient's token.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient, ForbiddenError, MemoryBackend, type Case, type SecondOpinionClient } from '../../src/index.js';
import { CaseReviewController, type ReviewHost } from '../../src/components/case-review/case-review.controller.js';
import { reviewEn } from '../../src/components/case-review/case-review.messages.js';
import { movesFor, parseRoles, previewKind, type StaffRole } from '../../src/components/case-review/case-review.model.js';
import type { SoCaseMovedEvent } from '../../src/components/case-review/case-review.events.js';
import type { WatchConnection } from '../../src/core/watch/watch-events.js';
import { nextEvent } from '../fixtures/events.js';
import { validRequest } from '../fixtures/requests.js';
import { TestHost } from './support/controller-host.js';

class Review extends TestHost implements ReviewHost {
  words = reviewEn;
  staffRoles: StaffRole[];
  connection: WatchConnection = 'connecting';
  readonly saved: { blob: Blob; name: string }[] = [];
  readonly controller: CaseReviewController;
  constructor(client: SecondOpinionClient, caseId: string, roles: StaffRole[] = ['coordinator', 'specialist']) {
    super(client);
    this.caseId = caseId;
    this.staffRoles = roles;
    this.controller = new CaseReviewController(this, this.port);
  }
  save(blob: Blob, name: string): void {
    this.saved.push({ blob, name });
  }
}

/** Resolves once focus was moved to `id` (the host records it after drawing). */
function focusReaches(host: TestHost, id: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => host.focused.includes(id) && (host.removeEventListener('focus', check), resolve());
    host.addEventListener('focus', check);
    check();
  });
}

async function open(client: SecondOpinionClient, c: Case, roles?: StaffRole[]): Promise<Review> {
  const host = new Review(client, c.id, roles);
  host.connect();
  await host.until(() => host.controller.case?.id === c.id && host.controller.access !== 'checking');
  return host;
}

describe('the moves a role may make', () => {
  it('follows the lifecycle table: a coordinator triages, accepts, declines; a specialist starts the review', () => {
    assert.deepEqual(movesFor('submitted', ['coordinator']), ['triage']);
    assert.deepEqual(movesFor('submitted', ['specialist']), []);
    assert.deepEqual(movesFor('triage', ['coordinator']), ['request_info', 'accept', 'decline']);
    assert.deepEqual(movesFor('accepted', ['coordinator']), []);
    assert.deepEqual(movesFor('accepted', ['specialist']), ['start_review']);
    assert.deepEqual(movesFor('in_review', ['specialist']), ['request_info']);
    assert.deepEqual(movesFor('info_requested', ['coordinator', 'specialist']), ['decline']);
    assert.deepEqual(parseRoles(' specialist, nurse coordinator specialist'), ['specialist', 'coordinator']);
    assert.equal(previewKind({ mediaType: 'application/pdf', status: 'verified' }), 'pdf');
    assert.equal(previewKind({ mediaType: 'image/png', status: 'verified' }), 'image');
    assert.equal(previewKind({ mediaType: 'application/pdf', status: 'received' }), undefined, 'only verified bytes');
    assert.equal(previewKind({ mediaType: 'text/html', status: 'verified' }), undefined);
  });
});

describe('CaseReviewController', () => {
  it('offers only the role\'s moves, checks a form before sending, and moves the case with an announcement, focus and so-case-moved', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await client.cases.create(validRequest(), { submit: true });
    const specialist = await open(client, c, ['specialist']);
    assert.deepEqual(specialist.controller.offered, [], 'a specialist has nothing to do on a new case');
    specialist.disconnect();

    const host = await open(client, c, ['coordinator']);
    const r = host.controller;
    assert.equal(r.access, 'staff');
    assert.deepEqual(r.offered, ['triage']);
    const moved = nextEvent<SoCaseMovedEvent>(host, 'so-case-moved');
    await r.run('triage');
    const e = await moved;
    assert.deepEqual([e.caseId, e.move, e.status], [c.id, 'triage', 'triage']);
    assert.equal(host.announced.at(-1), reviewEn.done.triage);
    assert.equal(host.focused.at(-1), 'heading');
    await host.until(() => r.case?.status === 'triage');
    assert.deepEqual(r.offered, ['request_info', 'accept', 'decline']);

    await r.open('request_info');
    assert.equal(host.focused.at(-1), 'move-heading');
    await r.run('request_info', '', ['pathology']);
    assert.equal(r.moves.request_info.invalid, reviewEn.requestInfoRequired);
    assert.equal(host.focused.at(-1), 'info-message');
    assert.equal((await client.cases.get(c.id)).status, 'triage', 'nothing was sent');
    await r.run('request_info', 'Please add your pathology report.', ['pathology']);
    assert.equal(r.openMove, undefined, 'the form closed');
    await host.until(() => r.case?.status === 'info_requested');
    assert.deepEqual(r.case!.actionsRequired[0]!.recordKinds, ['pathology']);
    host.disconnect();
  });

  it('says in plain words that the case moved on when someone else moved it first, reloads it, and focuses the refusal', async () => {
    const backend = new MemoryBackend();
    const client = createClient({ backend });
    const c = await client.cases.create(validRequest(), { submit: true });
    await client.staff.triage(c.id);
    const host = await open(client, c, ['coordinator']);
    const r = host.controller;
    await host.until(() => r.case?.status === 'triage');
    // Another coordinator, on another client, declines first; this page has not seen it yet.
    const other = createClient({ backend });
    // The live watch would show it: stop it so the stale page is what the coordinator acts on.
    r.cases.hostDisconnected();
    await other.staff.decline(c.id, { reason: 'Not a case we review.' });
    await r.open('accept');
    await r.run('accept', { name: 'Dr. Lee', specialty: 'Oncology' });
    assert.equal(r.moves.accept.error, reviewEn.movedOn);
    assert.equal(r.openMove, undefined, 'the form closed');
    await focusReaches(host, 'move-error');
    r.cases.hostConnected();
    await host.until(() => r.case?.status === 'declined');
    assert.deepEqual(r.offered, [], 'nothing left to do on a declined case');
    host.disconnect();
  });

  it('previews a verified PDF from a Blob URL typed as the server sniffed it, downloads it, and closes back to its button', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await client.cases.create(validRequest(), { submit: true });
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const record = await client.staff.attachReport(c.id, new Blob([pdf], { type: 'application/pdf' }));
    const host = await open(client, c);
    const r = host.controller;
    await host.until(() => r.case?.records.length === 1);
    await r.showPreview(r.case!.records[0]!);
    assert.equal(r.preview?.kind, 'pdf');
    assert.match(r.preview!.url!, /^blob:/);
    assert.equal(host.focused.at(-1), 'preview-heading');
    await r.download(r.case!.records[0]!);
    assert.equal(host.saved[0]!.name, record.title);
    assert.deepEqual(new Uint8Array(await host.saved[0]!.blob.arrayBuffer()), pdf);
    await r.closePreview(0);
    assert.equal(r.preview, undefined);
    assert.equal(host.focused.at(-1), 'preview-0');
    host.disconnect();
  });

  it('offers nothing and says the page is for staff to a patient token (the staff list answers 403)', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await client.cases.create(validRequest(), { submit: true });
    client.staff.list = () => Promise.reject(new ForbiddenError({ status: 403 }));
    const host = await open(client, c);
    assert.equal(host.controller.access, 'patient');
    assert.deepEqual(host.controller.offered, []);
    await host.controller.run('triage');
    assert.equal((await client.cases.get(c.id)).status, 'submitted', 'no move was sent');
    host.disconnect();
  });
});
