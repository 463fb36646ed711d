// UploaderController in Node, with a real UploadManager on MemoryBackend: the rows and their kinds
// and titles, sending through the manager, the four uploader events, the batch's announcements,
// the verified ids behind the form value, refusals and failures in words, and the form reset.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordKindText } from '../../src/core/i18n/record-kinds.js';
import { MemoryStorage, UploadManager } from '../../src/core/uploads/index.js';
import { MemoryBackend, createClient, sha256Hex, type Case, type SecondOpinionClient } from '../../src/index.js';
import { UploaderController, type Row, type UploaderHost, type UploaderSettings } from '../../src/components/record-uploader/record-uploader.controller.js';
import type { SoBeforeUploadEvent, SoRecordUploadedEvent, SoUploadErrorEvent, SoUploadProgressEvent } from '../../src/components/record-uploader/record-uploader.events.js';
import { uploaderEn } from '../../src/components/record-uploader/record-uploader.messages.js';
import { formatNumber } from '../../src/components/shared/i18n/format.js';
import { nextEvent } from '../fixtures/events.js';
import { validRequest } from '../fixtures/requests.js';
import { TestHost } from './support/controller-host.js';

const pdf = (name: string, n = 1000) => new File([new TextEncoder().encode('%PDF-1.7\n'), new Uint8Array(n)], name, { type: 'application/pdf' });
const text = (name: string) => new File(['just some words'], name, { type: 'text/plain' });

class Uploader extends TestHost implements UploaderHost {
  accept: string | undefined;
  maxSize: number | undefined;
  case: Case | undefined;
  valueChanges = 0;
  readonly manager = new UploadManager({ storage: new MemoryStorage() });
  readonly controller: UploaderController;
  constructor(client: SecondOpinionClient, caseId?: string) {
    super(client);
    if (caseId) this.caseId = caseId;
    this.controller = new UploaderController(this, this.port, this.manager);
  }
  settings(): UploaderSettings {
    return { activeClient: this.activeClient, caseId: this.caseId, accept: this.accept, maxSize: this.maxSize, locale: 'en', words: uploaderEn, case: this.case };
  }
  valueChanged(): void {
    this.valueChanges++;
  }
  /** Every event of `type` fired from the element, in order. */
  record<E extends Event>(type: string): E[] {
    const seen: E[] = [];
    this.addEventListener(type, (e) => seen.push(e as E));
    return seen;
  }
}

async function patientCase(): Promise<{ client: SecondOpinionClient; c: Case }> {
  const client = createClient({ backend: new MemoryBackend(), getAccessToken: () => 'patient-1' });
  const c = await client.cases.create(validRequest(), { submit: true });
  return { client, c };
}

const settledRows = (host: Uploader) => host.controller.rows.every((r) => r.upload && ['verified', 'rejected', 'failed', 'cancelled'].includes(r.upload.state));
const label = (kind: Parameters<typeof recordKindText>[0]) => recordKindText(kind, 'en').label;

describe('UploaderController rows and titles', () => {
  it('guesses each kind and numbers neutral titles per kind, after the records already on the case', async () => {
    const { client, c } = await patientCase();
    await client.records.put(c.id, pdf('earlier.pdf'), { kind: 'imaging', title: 'Earlier scan' });
    const host = new Uploader(client, c.id);
    host.case = await client.cases.get(c.id);
    host.controller.add([
      { file: pdf('MRI knee.pdf'), fromFolder: false },
      { file: pdf('blood work.pdf'), fromFolder: false },
      { file: pdf('IM_0001'), fromFolder: true },
      { file: pdf('notes.pdf'), fromFolder: false },
    ], ['pathology']);
    const rows = host.controller.rows;
    assert.deepEqual(rows.map((r) => r.kind), ['imaging', 'lab_result', 'imaging', 'pathology'], 'the one kind still needed is the fallback');
    assert.deepEqual(rows.map((r) => r.title), [`${label('imaging')} 2`, `${label('lab_result')} 1`, `${label('imaging')} 3`, `${label('pathology')} 1`]);
    assert.ok(rows.every((r) => !r.title.includes('MRI') && !r.title.includes('blood')), 'no file name in a title');
    await host.until(() => host.updates > 0);
  });

  it('lets a title the person did not write follow the kind, and keeps one they wrote', async () => {
    const { client, c } = await patientCase();
    const host = new Uploader(client, c.id);
    host.controller.add([{ file: pdf('a.pdf'), fromFolder: false }, { file: pdf('b.pdf'), fromFolder: false }], []);
    const [first, second] = host.controller.rows as [Row, Row];
    assert.equal(first.kind, 'other');
    host.controller.setKind(first, 'referral_letter');
    assert.equal(first.title, `${label('referral_letter')} 1`);
    host.controller.setTitle(second, 'Letter from Dr. Tremblay');
    host.controller.setKind(second, 'referral_letter');
    assert.equal(second.title, 'Letter from Dr. Tremblay');
    assert.equal(second.titleEdited, true);
    host.controller.remove(first);
    assert.deepEqual(host.controller.rows, [second]);
  });
});

describe('UploaderController sends through the UploadManager', () => {
  it('fires so-before-upload, so-upload-progress and so-record-uploaded, announces each record, and keeps the verified ids in order', async () => {
    const { client, c } = await patientCase();
    const host = new Uploader(client, c.id);
    const before = host.record<SoBeforeUploadEvent>('so-before-upload');
    const progress = host.record<SoUploadProgressEvent>('so-upload-progress');
    const uploaded = host.record<SoRecordUploadedEvent>('so-record-uploaded');
    const files = [pdf('one.pdf', 2000), pdf('two.pdf', 3000)];
    host.controller.add(files.map((file) => ({ file, fromFolder: false })), []);
    host.controller.setKind(host.controller.rows[1]!, 'lab_result');
    host.controller.send();
    assert.ok(host.controller.rows.every((r) => r.upload), 'every ready row has its upload');
    assert.deepEqual(host.manager.uploads.map((u) => u.file), files, 'the controller adds to the manager it was given');
    await host.until(() => settledRows(host));

    assert.deepEqual(before.map((e) => [e.kind, e.title, e.mediaType, e.size]).sort(),
      [['lab_result', `${label('lab_result')} 1`, 'application/pdf', files[1]!.size], ['other', `${label('other')} 1`, 'application/pdf', files[0]!.size]].sort());
    assert.ok(progress.some((e) => e.progress.bytesSent === files[0]!.size) && progress.some((e) => e.progress.bytesSent === files[1]!.size));
    const saved = (await client.cases.get(c.id)).records;
    assert.equal(uploaded.length, 2);
    assert.deepEqual(host.controller.value, uploaded.map((e) => e.record.id), 'the value is the verified ids, in the order verified');
    assert.deepEqual([...host.controller.value].sort(), saved.map((r) => r.id).sort());
    for (const e of uploaded) assert.equal(e.record.sha256, await sha256Hex(files[host.controller.rows.findIndex((r) => r.upload?.id === e.uploadId)]!));
    assert.deepEqual([...host.controller.verifiedKinds].sort(), ['lab_result', 'other']);
    assert.equal(host.valueChanges, 2, 'the form value follows each verified record');
    for (const row of host.controller.rows) assert.ok(host.announced.includes(uploaderEn.announceVerified(row.title)), row.title);
    assert.ok(!host.announced.some((m) => m === uploaderEn.summary(2, 2)), 'a small batch is announced file by file, not as a batch');
    host.manager.dispose();
  });

  it('cancels a record whose so-before-upload is cancelled, before anything is stored', async () => {
    const { client, c } = await patientCase();
    const host = new Uploader(client, c.id);
    host.addEventListener('so-before-upload', (e) => e.preventDefault());
    host.controller.add([{ file: pdf('x.pdf'), fromFolder: false }], []);
    host.controller.send();
    await host.until(() => settledRows(host));
    assert.equal(host.controller.rows[0]!.upload!.state, 'cancelled');
    assert.deepEqual(host.controller.value, []);
    assert.equal((await client.cases.get(c.id)).records.length, 0);
    host.manager.dispose();
  });

  it('sends nothing without a client or a case', async () => {
    const { client } = await patientCase();
    const host = new Uploader(client);
    host.controller.add([{ file: pdf('x.pdf'), fromFolder: false }], []);
    host.controller.send();
    assert.equal(host.controller.rows[0]!.upload, undefined);
    assert.equal(host.manager.uploads.length, 0);
  });
});

describe('UploaderController refusals and failures', () => {
  it('fires so-upload-error for a refused file, with its state, and says why in words', async () => {
    const { client, c } = await patientCase();
    const host = new Uploader(client, c.id);
    host.maxSize = 5000;
    const errors = host.record<SoUploadErrorEvent>('so-upload-error');
    host.controller.add([{ file: text('notes.txt'), fromFolder: false }, { file: pdf('big.pdf', 9000), fromFolder: false }], []);
    host.controller.send();
    await host.until(() => settledRows(host));
    const [typeRow, bigRow] = host.controller.rows as [Row, Row];
    assert.equal(typeRow.upload!.state, 'rejected');
    assert.equal(bigRow.upload!.state, 'rejected');
    assert.deepEqual(errors.map((e) => [e.uploadId, e.state, e.willRetry, e.error.code]).sort(),
      [[typeRow.upload!.id, 'rejected', false, 'validation'], [bigRow.upload!.id, 'rejected', false, 'validation']].sort());
    assert.equal(host.controller.reasonText(typeRow), uploaderEn.reasonType);
    assert.match(host.controller.reasonText(bigRow), /^The file is too big\. Choose a file smaller than .+\.$/);
    assert.notEqual(host.controller.reasonText(bigRow), uploaderEn.reasonTooLarge(''));
    assert.ok(host.announced.includes(uploaderEn.announceRejected(typeRow.title, uploaderEn.reasonType)));
    assert.deepEqual(host.controller.value, []);
    assert.equal(host.valueChanges, 0);
    host.manager.dispose();
  });

  it('claims a failed call it shows, so the provider does not report it again, and announces the failure', async () => {
    const { client, c } = await patientCase();
    await client.cases.withdraw(c.id);
    const host = new Uploader(client, c.id);
    const errors = host.record<SoUploadErrorEvent>('so-upload-error');
    const reported = nextEvent<Event>(client, 'client-error');
    host.controller.add([{ file: pdf('late.pdf'), fromFolder: false }], []);
    host.controller.send();
    const clientError = await reported;
    await host.until(() => settledRows(host));
    const row = host.controller.rows[0]!;
    assert.equal(row.upload!.state, 'failed');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.state, 'failed');
    assert.equal(errors[0]!.error.code, 'conflict');
    assert.equal(clientError.defaultPrevented, true, 'the error is claimed');
    assert.ok(host.announced.includes(uploaderEn.announceFailed(row.title)));
    assert.equal(host.controller.failureText(row.upload!.error), uploaderEn.failedOther);
    host.manager.dispose();
  });

  it('puts failures in words by their code', () => {
    const host = new Uploader(createClient({ backend: new MemoryBackend() }));
    const words = (code: string) => host.controller.failureText({ code } as never);
    assert.deepEqual(['network', 'timeout', 'integrity', 'auth', 'server'].map(words),
      [uploaderEn.failedNetwork, uploaderEn.failedNetwork, uploaderEn.failedIntegrity, uploaderEn.failedAuth, uploaderEn.failedOther]);
  });
});

describe('UploaderController batches', () => {
  it('announces a big batch by its quarters and once as a whole, never file by file', async () => {
    const { client, c } = await patientCase();
    const host = new Uploader(client, c.id);
    const files = Array.from({ length: 8 }, (_, i) => pdf(`scan-${i}.pdf`, 4000));
    host.controller.add(files.map((file) => ({ file, fromFolder: false })), []);
    host.controller.send();
    await host.until(() => settledRows(host) && host.announced.includes(uploaderEn.summary(8, 8)));
    const percent = (f: number) => uploaderEn.announceProgress(formatNumber(f, 'en', { style: 'percent' }));
    const progress = host.announced.filter((m) => m.startsWith(uploaderEn.announceProgress('').split(':')[0]!));
    assert.deepEqual(progress, [percent(0.25), percent(0.5), percent(0.75)]);
    assert.ok(!host.announced.some((m) => host.controller.rows.some((r) => m === uploaderEn.announceVerified(r.title))), 'no per-file announcement');
    assert.equal(host.announced.filter((m) => m === uploaderEn.summary(8, 8)).length, 1);
    assert.equal(host.controller.value.length, 8);
    host.manager.dispose();
  });
});

describe('UploaderController clearing', () => {
  it('cancelAll drops the rows not yet sent; reset empties the list and the value', async () => {
    const { client, c } = await patientCase();
    const host = new Uploader(client, c.id);
    host.controller.add([{ file: pdf('a.pdf'), fromFolder: false }], []);
    host.controller.send();
    await host.until(() => settledRows(host));
    host.controller.add([{ file: pdf('b.pdf'), fromFolder: false }], []);
    await host.controller.cancelAll();
    assert.equal(host.controller.rows.length, 1, 'the sent record stays');
    assert.equal(host.controller.rows[0]!.upload!.state, 'verified', 'a verified record is not cancelled');
    assert.equal(host.controller.value.length, 1);
    host.controller.reset();
    assert.equal(host.controller.rows.length, 0);
    assert.deepEqual(host.controller.value, []);
    assert.deepEqual(host.controller.verifiedKinds, []);
    host.controller.add([{ file: pdf('c.pdf'), fromFolder: false }], []);
    assert.equal(host.controller.rows[0]!.title, `${label('other')} 1`, 'numbering starts again after a reset');
    host.manager.dispose();
  });
});
