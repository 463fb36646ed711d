// The queue and the MemoryBackend path (no tus): many files, concurrency, before-upload, pause, refusals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage, UploadManager, installUploads, type ManagedUpload } from '../../src/core/uploads/index.js';
import { DEFAULT_CONFIG, MemoryBackend, createClient, sha256Hex } from '../../src/index.js';
import { validRequest } from '../fixtures/requests.js';

const pdf = (n: number) => new Blob([new TextEncoder().encode('%PDF-1.7\n'), new Uint8Array(n)]);

async function memoryCase() {
  const client = createClient({ backend: new MemoryBackend(), getAccessToken: () => 'patient-1' });
  const c = await client.cases.create(validRequest(), { submit: true });
  return { client, caseId: c.id };
}

// A Blob that records whether anything read its content.
class WatchedBlob extends Blob {
  static reads = 0;
  override slice(...args: Parameters<Blob['slice']>): Blob {
    WatchedBlob.reads++;
    return super.slice(...args);
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    WatchedBlob.reads++;
    return super.arrayBuffer();
  }
}

describe('the upload queue', () => {
  it('queues 3,000 files in under a second without reading them, then runs at most `concurrency` at once', async () => {
    const { client, caseId } = await memoryCase();
    const manager = new UploadManager({ concurrency: 3, storage: new MemoryStorage() });
    manager.pauseAll();
    const t0 = performance.now();
    const uploads: ManagedUpload[] = [];
    for (let i = 0; i < 3000; i++) uploads.push(manager.add(client, caseId, new WatchedBlob([new TextEncoder().encode('%PDF-1.7\n'), String(i)]), { kind: 'imaging', title: `Slice ${i}` }));
    const elapsed = performance.now() - t0;
    assert.ok(elapsed < 1000, `${elapsed.toFixed(0)} ms`);
    assert.equal(WatchedBlob.reads, 0);
    assert.ok(uploads.every((u) => u.state === 'queued'));
    // Only the first 3 may have started; pause them and the rest before they read anything more.
    let running = 0;
    let peak = 0;
    manager.addEventListener('state', (e) => {
      if (e.previous === 'queued' && ['hashing', 'uploading'].includes(e.state)) peak = Math.max(peak, ++running);
      if (['verified', 'rejected', 'failed'].includes(e.state)) running--;
    });
    const first = uploads.slice(0, 30);
    for (const u of uploads.slice(30)) u.pause();
    const records = await Promise.all(first.map((u) => u.done));
    assert.equal(records.length, 30);
    assert.ok(records.every((r) => r.status === 'verified'));
    assert.ok(peak <= 3, `peak ${peak}`);
    assert.ok(uploads.slice(30).every((u) => u.state === 'paused'));
    manager.dispose();
  });

  it('stores records on MemoryBackend through the client, verified by hash', async () => {
    const { client, caseId } = await memoryCase();
    const manager = installUploads(client, { storage: new MemoryStorage() });
    const content = pdf(100_000);
    const upload = client.records.upload(caseId, content, { kind: 'lab_result', title: 'Blood work' });
    const seen: string[] = [];
    upload.addEventListener('state', (e) => seen.push((e as Event & { state: string }).state));
    const recordEvent = new Promise((resolve) => manager.addEventListener('record', (e) => resolve(e.record.id)));
    const record = await upload.done;
    assert.equal(record.status, 'verified');
    assert.equal(record.sha256, await sha256Hex(content));
    assert.equal(await recordEvent, record.id);
    assert.deepEqual(seen, ['hashing', 'uploading', 'verifying', 'verified']);
    assert.equal(upload.progress.bytesSent, content.size);
    manager.dispose();
  });

  it('lets a before-upload listener cancel an upload before any byte is sent', async () => {
    const { client, caseId } = await memoryCase();
    const manager = new UploadManager({ storage: new MemoryStorage() });
    manager.addEventListener('before-upload', (e) => {
      assert.equal(e.mediaType, 'application/pdf');
      e.preventDefault();
    });
    const u = manager.add(client, caseId, pdf(10), { kind: 'other', title: 'x' });
    await assert.rejects(u.done, /cancelled/);
    assert.equal(u.state, 'cancelled');
    assert.deepEqual((await client.cases.get(caseId)).records, []);
  });

  it('refuses what the sniffer does not recognise, with the reason', async () => {
    const { client, caseId } = await memoryCase();
    const manager = new UploadManager({ storage: new MemoryStorage() });
    const errors: string[] = [];
    manager.addEventListener('error', (e) => errors.push(e.error.issues[0]?.code ?? ''));
    const u = manager.add(client, caseId, new Blob(['MZ not a pdf']), { kind: 'other', title: 'x' });
    await assert.rejects(u.done);
    assert.equal(u.state, 'rejected');
    assert.equal(u.rejectionReason, 'type_not_allowed');
    assert.deepEqual(errors, ['file_type_not_allowed']);
  });

  it('pauses and resumes', async () => {
    const { client, caseId } = await memoryCase();
    const manager = new UploadManager({ storage: new MemoryStorage() });
    const u = manager.add(client, caseId, pdf(1000), { kind: 'other', title: 'x' });
    u.pause();
    assert.equal(u.state, 'paused');
    u.resume();
    assert.equal((await u.done).status, 'verified');
  });

  it('refuses a file over the backend\'s own limit before any byte is sent', async () => {
    const backend = new MemoryBackend({ config: { ...DEFAULT_CONFIG, uploads: { ...DEFAULT_CONFIG.uploads, maxSize: 2 * 1024 * 1024 } } });
    const client = createClient({ backend, getAccessToken: () => 'patient-1' });
    const caseId = (await client.cases.create(validRequest(), { submit: true })).id;
    const manager = new UploadManager({ storage: new MemoryStorage() });
    const blob = new WatchedBlob([pdf(3 * 1024 * 1024)]);
    const reads = WatchedBlob.reads;
    const u = manager.add(client, caseId, blob, { kind: 'imaging', title: 'Scan' });
    await u.done.catch(() => {});
    assert.equal(u.rejectionReason, 'file_too_large');
    assert.match(u.error?.message ?? '', /smaller than 2 MB/);
    assert.equal(WatchedBlob.reads, reads, 'not a byte was read');
    assert.deepEqual((await client.cases.get(caseId)).records, []);
  });
});
