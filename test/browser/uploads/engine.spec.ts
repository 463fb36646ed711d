/// <reference types="mocha" />
// The headless engine in a real browser against the reference server: the Worker hashes, the
// record is verified, a reload mid-upload resumes from the server's offset, refusals send nothing.
import { expect } from '@open-wc/testing';
import { UploadManager, WorkerHasher } from '../../../src/core/index.js';
import { MiB, NAME, expectCleanStorage, holdUploadAt, newCase, pdfFile, session, sha256 } from './support.js';

const TITLE = 'Imaging 1';

afterEach(() => localStorage.clear());

describe('the upload engine in a browser', () => {
  it('verifies a record hashed in the Worker while it travels', async () => {
    const { client } = await session();
    const caseId = await newCase(client);
    const manager = new UploadManager({ hashFirstMaxBytes: 0 });
    const file = pdfFile(20 * MiB);
    const upload = manager.add(client, caseId, file, { kind: 'imaging', title: TITLE });
    const record = await upload.done;
    expect(record.status).to.equal('verified');
    expect(record.sha256).to.equal(await sha256(file));
    const hasher = manager.hasher as WorkerHasher;
    expect(hasher).to.be.instanceOf(WorkerHasher);
    expect(hasher.completed).to.deep.equal({ worker: 1, mainThread: 0 });
    manager.dispose();
    await expectCleanStorage([NAME]);
  });

  it('resumes from the server offset after a reload when the same file is chosen again', async () => {
    const { client, token } = await session();
    const caseId = await newCase(client);
    const file = pdfFile(48 * MiB);
    // The page goes away once the first 16 MiB part is in.
    const hold = holdUploadAt(16 * MiB);
    const first = new UploadManager();
    try {
      first.add(client, caseId, file, { kind: 'imaging', title: TITLE });
      await hold.held;
      first.dispose();
    } finally {
      hold.restore();
    }
    await expectCleanStorage();
    const keys = Object.keys(localStorage).filter((k) => k.startsWith('so-upload:'));
    expect(keys).to.have.length(1);
    const uploadUrl = (JSON.parse(localStorage.getItem(keys[0]!)!) as { u: string }).u;
    const head = await fetch(uploadUrl, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${token}` } });
    const offset = Number(head.headers.get('Upload-Offset'));
    expect(offset).to.equal(16 * MiB);

    // A new page: new manager, the same storage, the same file chosen again.
    const second = new UploadManager();
    const again = new File([await file.arrayBuffer()], NAME, { type: 'application/pdf' });
    const u2 = second.add(client, caseId, again, { kind: 'imaging', title: TITLE });
    const firstProgress = new Promise<number>((resolve) => u2.addEventListener('progress', (e) => resolve(e.progress.bytesSent), { once: true }));
    const record = await u2.done;
    expect(await firstProgress).to.be.at.least(offset);
    expect(record.sha256).to.equal(await sha256(file));
    expect((await client.cases.get(caseId)).records.map((r) => r.id)).to.deep.equal([record.id]);
    expect((second.hasher as WorkerHasher).completed.worker).to.equal(1);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('so-upload:'))).to.deep.equal([]);
    second.dispose();
    await expectCleanStorage([NAME]);
  });

  it('refuses an executable renamed .pdf and an oversized file before any byte is sent', async () => {
    const { client } = await session();
    const caseId = await newCase(client);
    const manager = new UploadManager({ maxSize: 4 * MiB });
    const exe = new File([Uint8Array.from([0x4d, 0x5a, 0x90, 0x00]), new Uint8Array(4096)], 'report.pdf', { type: 'application/pdf' });
    const big = pdfFile(5 * MiB);
    const u1 = manager.add(client, caseId, exe, { kind: 'diagnostic_report', title: 'Report 1' });
    const u2 = manager.add(client, caseId, big, { kind: 'imaging', title: TITLE });
    await Promise.all([u1.done.catch(() => {}), u2.done.catch(() => {})]);
    expect([u1.state, u1.rejectionReason]).to.deep.equal(['rejected', 'type_not_allowed']);
    expect([u2.state, u2.rejectionReason]).to.deep.equal(['rejected', 'file_too_large']);
    // Nothing reached the server: no record was even created.
    expect((await client.cases.get(caseId)).records).to.deep.equal([]);
    manager.dispose();
    await expectCleanStorage([NAME]);
  });
});

describe('the CDN bundle under a strict Content-Security-Policy', () => {
  it('hashes in its Worker and verifies the record, with zero violations', async () => {
    const frame = document.createElement('iframe');
    frame.title = 'CSP upload page';
    const report = new Promise<Record<string, unknown>>((resolve) => {
      window.addEventListener('message', function on(e: MessageEvent) {
        if (e.source !== frame.contentWindow || e.data?.kind !== 'uploads-csp-report') return;
        window.removeEventListener('message', on);
        resolve(e.data as Record<string, unknown>);
      });
    });
    frame.src = '/uploads-csp-page.html';
    document.body.append(frame);
    const r = await report.finally(() => frame.remove());
    expect(r.violations).to.deep.equal([]);
    expect(r.error).to.equal(undefined);
    expect(r.status).to.equal('verified');
    expect(r.match).to.equal(true);
    expect(r.completed).to.deep.equal({ worker: 1, mainThread: 0 });
  });
});
