// The upload engine against the real reference server over loopback HTTP, through a proxy that
// counts and cuts: verified uploads, cuts, resume after a reload, refusals, cancel, storage audit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_CHECKSUM_FAILURES, MemoryStorage, UploadManager, type ManagedUpload } from '../../src/core/uploads/index.js';
import { IntegrityError, type SecondOpinionClient } from '../../src/index.js';
import { startCutProxy, type CutProxy } from './cut-proxy.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { diskFile, reopen, sha256Of } from './files.js';
import { startUploadServer, type UploadServer } from './ref.js';
import { uploadHashStats } from '../../src/server/uploads.js';

const MiB = 1024 * 1024;
const NAME = 'SMITH_JOHN_MRI.pdf';
const TITLE = 'Jean Smith IRM';

let ref: UploadServer;
let proxy: CutProxy;
let client: SecondOpinionClient;
let faults: FaultProxy;

// No file name, title, patient detail or token in storage, whatever the flow.
function assertCleanStorage(storage: MemoryStorage): void {
  for (const [k, v] of storage.entries()) {
    assert.match(k, /^so-upload:[0-9a-f]{64}$/);
    for (const bad of [NAME, 'SMITH', 'Smith', 'IRM', 'Bearer', 'eyJ']) assert.ok(!v.includes(bad), `storage holds ${bad}`);
    assert.deepEqual(Object.keys(JSON.parse(v) as object).filter((x) => !['u', 'p', 'r'].includes(x)), []);
  }
}

function settled(u: ManagedUpload): Promise<void> {
  return u.done.then(() => undefined, () => undefined);
}

async function serverRecord(caseId: string, recordId: string) {
  const c = await ref.client().cases.get(caseId);
  return c.records.find((r) => r.id === recordId);
}

before(async () => {
  ref = await startUploadServer();
  proxy = await startCutProxy(ref.server.url);
  client = ref.client(proxy.url);
  faults = await startFaultProxy(ref.server.url);
  await client.config();
});

after(async () => {
  await faults.close();
  await proxy.close();
  await ref.close();
});

describe('uploads to the reference server', () => {
  it('verifies a small record, hashed before creation', async () => {
    const storage = new MemoryStorage();
    const manager = new UploadManager({ storage });
    const caseId = await ref.newCase();
    const { file, path } = await diskFile(NAME, 3 * MiB);
    const states: string[] = [];
    const u = manager.add(client, caseId, file, { kind: 'imaging', title: TITLE });
    u.addEventListener('state', (e) => states.push(e.state));
    const record = await u.done;
    assert.equal(record.status, 'verified');
    assert.equal(record.sha256, await sha256Of(path));
    assert.equal(u.contentSha256, record.sha256);
    assert.deepEqual(states, ['hashing', 'uploading', 'verifying', 'verified']);
    assert.equal((await serverRecord(caseId, record.id))?.status, 'verified');
    assert.deepEqual(storage.entries(), []);
    manager.dispose();
  });

  it('verifies a large record hashed while it travels: the hash follows the bytes', async () => {
    const storage = new MemoryStorage();
    const manager = new UploadManager({ storage });
    const caseId = await ref.newCase();
    const { file, path } = await diskFile(NAME, 40 * MiB);
    const states: string[] = [];
    const u = manager.add(client, caseId, file, { kind: 'imaging', title: TITLE });
    u.addEventListener('state', (e) => {
      states.push(e.state);
      if (e.state === 'uploading') assertCleanStorage(storage);
    });
    const record = await u.done;
    assert.deepEqual(states, ['uploading', 'verifying', 'verified']);
    assert.equal(record.sha256, await sha256Of(path));
    assert.equal(record.sha256, u.contentSha256);
    assert.deepEqual(storage.entries(), []);
    manager.dispose();
  });

  it('survives 20 random connection cuts in a 256 MiB upload, sending at most one part twice', async () => {
    const storage = new MemoryStorage();
    const manager = new UploadManager({ storage, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
    const caseId = await ref.newCase();
    const size = 256 * MiB;
    const { file, path } = await diskFile(NAME, size);
    const start = proxy.bytesUp;
    const offsets = Array.from({ length: 20 }, () => start + Math.floor(Math.random() * (size - MiB)));
    proxy.cutAt(offsets);
    const hashes = { ...uploadHashStats };
    const u = manager.add(client, caseId, file, { kind: 'imaging', title: TITLE });
    let retries = 0;
    u.addEventListener('error', (e) => {
      if (e.willRetry) retries++;
      assertCleanStorage(storage);
    });
    const record = await u.done.finally(() => proxy.cutAt([]));
    assert.equal(proxy.cuts, 20);
    assert.ok(retries >= 20, `${retries} retries`);
    assert.equal(record.status, 'verified');
    assert.equal(record.sha256, await sha256Of(path));
    // The server's running hash survived every cut: no second read of the stored file.
    assert.deepEqual(uploadHashStats, { incremental: hashes.incremental + 1, fullPass: hashes.fullPass });
    const sent = proxy.bytesUp - start;
    const part = 32 * MiB;
    assert.ok(sent <= size + part, `sent ${(sent / MiB).toFixed(1)} MiB for ${size / MiB} MiB`);
    assert.deepEqual(storage.entries(), []);
    manager.dispose();
  });

  it('resumes from the server offset after a reload when the same file is chosen again', async () => {
    const storage = new MemoryStorage();
    const caseId = await ref.newCase();
    const size = 64 * MiB;
    const { file, path } = await diskFile(NAME, size);
    const first = new UploadManager({ storage });
    // "Reload": the page goes away mid-upload, after at least one part is in (held there by the
    // proxy, so a fast machine cannot finish the upload before the page goes).
    const midway = proxy.hangAt(proxy.bytesUp + 20 * MiB);
    first.add(client, caseId, file, { kind: 'imaging', title: TITLE });
    await midway;
    first.dispose();
    assertCleanStorage(storage);
    assert.equal(storage.entries().length, 1);
    const [, entry] = storage.entries()[0] as [string, string];
    const head = await fetch(new URL((JSON.parse(entry) as { u: string }).u.replace(proxy.url, ref.server.url)), {
      method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${await ref.server.issueToken('patient-upload-test', 'patient')}` },
    });
    const offset = Number(head.headers.get('Upload-Offset'));
    assert.ok(offset >= 16 * MiB, `server holds ${offset}`);

    const second = new UploadManager({ storage });
    const before = proxy.bytesUp;
    const u2 = second.add(client, caseId, await reopen(path, NAME), { kind: 'imaging', title: TITLE });
    const firstProgress = new Promise<number>((resolve) => u2.addEventListener('progress', (e) => resolve(e.progress.bytesSent), { once: true }));
    const record = await u2.done;
    assert.ok((await firstProgress) >= offset, 'progress starts at the server offset');
    assert.ok(proxy.bytesUp - before <= size - offset + MiB, `resent ${proxy.bytesUp - before} bytes`);
    assert.equal(record.sha256, await sha256Of(path));
    assert.equal(record.status, 'verified');
    assert.deepEqual(storage.entries(), []);
    second.dispose();
  });

  it('starts over for a different file with the same name and size', async () => {
    const storage = new MemoryStorage();
    const caseId = await ref.newCase();
    const size = 40 * MiB;
    const a = await diskFile(NAME, size, undefined, 1);
    const first = new UploadManager({ storage });
    const midway = proxy.hangAt(proxy.bytesUp + 20 * MiB);
    first.add(client, caseId, a.file, { kind: 'imaging', title: TITLE });
    await midway;
    first.dispose();
    const b = await diskFile(NAME, size, undefined, 2);
    const second = new UploadManager({ storage });
    const before = proxy.bytesUp;
    const u2 = second.add(client, caseId, b.file, { kind: 'imaging', title: TITLE });
    const record = await u2.done;
    assert.ok(proxy.bytesUp - before >= size, 'every byte of the other file was sent');
    assert.equal(record.sha256, await sha256Of(b.path));
    assertCleanStorage(storage);
    assert.equal(storage.entries().length, 1, 'the first file can still resume');
    second.dispose();
  });

  it('refuses an executable renamed .pdf and an oversized file before any byte is sent', async () => {
    const storage = new MemoryStorage();
    const manager = new UploadManager({ storage, maxSize: 8 * MiB });
    const caseId = await ref.newCase();
    const exe = await diskFile('report.pdf', MiB, Uint8Array.from([0x4d, 0x5a, 0x90, 0x00]));
    const big = await diskFile(NAME, 9 * MiB);
    const before = proxy.bytesUp;
    const u1 = manager.add(client, caseId, exe.file, { kind: 'imaging', title: TITLE });
    const u2 = manager.add(client, caseId, big.file, { kind: 'imaging', title: TITLE });
    await Promise.all([settled(u1), settled(u2)]);
    assert.equal(u1.state, 'rejected');
    assert.equal(u1.rejectionReason, 'type_not_allowed');
    assert.equal(u1.error?.issues[0]?.code, 'file_type_not_allowed');
    assert.equal(u2.state, 'rejected');
    assert.equal(u2.rejectionReason, 'file_too_large');
    assert.equal(proxy.bytesUp, before, 'the proxy saw no byte');
    assert.deepEqual(storage.entries(), []);
    manager.dispose();
  });

  it('detects a stalled request (no progress for the stall timeout), aborts it and resumes', async () => {
    const storage = new MemoryStorage();
    const STALL = 30_000;
    let stallFn: (() => void) | undefined;
    // The stall clock is ours to advance; retry backoffs run at once.
    const timers = {
      setTimeout: (fn: () => void, ms: number) => (ms === STALL ? (stallFn = fn) : setTimeout(fn, 0)),
      clearTimeout: (h: unknown) => {
        if (h === stallFn) stallFn = undefined;
        else clearTimeout(h as ReturnType<typeof setTimeout>);
      },
      now: () => performance.now(),
    };
    const manager = new UploadManager({ storage, timers, stallTimeoutMs: STALL });
    const caseId = await ref.newCase();
    const { file, path } = await diskFile(NAME, 40 * MiB);
    const hung = proxy.hangAt(proxy.bytesUp + 20 * MiB);
    const u = manager.add(client, caseId, file, { kind: 'imaging', title: TITLE });
    const stalled = new Promise<string>((resolve) => u.addEventListener('error', (e) => resolve(`${e.error.code} ${e.willRetry}`), { once: true }));
    await hung;
    assert.equal(u.state, 'uploading');
    assert.ok(stallFn, 'a stall timer is armed');
    stallFn();
    assert.equal(await stalled, 'timeout true');
    const record = await u.done;
    assert.equal(record.sha256, await sha256Of(path));
    manager.dispose();
  });

  it('cancels: the server deletes what it holds and the record is closed', async () => {
    const storage = new MemoryStorage();
    const manager = new UploadManager({ storage });
    const caseId = await ref.newCase();
    const { file } = await diskFile(NAME, 64 * MiB);
    const midway = proxy.hangAt(proxy.bytesUp + 20 * MiB);
    const u = manager.add(client, caseId, file, { kind: 'imaging', title: TITLE });
    await midway;
    await u.cancel();
    await assert.rejects(u.done, /cancelled/);
    assert.equal(u.state, 'cancelled');
    const c = await ref.client().cases.get(caseId);
    assert.deepEqual(c.records.map((r) => [r.status, r.rejectionReason]), [['rejected', 'cancelled']]);
    assert.deepEqual(storage.entries(), []);
    manager.dispose();
  });

  it('resends only the part the server refused with 460 Checksum Mismatch', async () => {
    const manager = new UploadManager({ storage: new MemoryStorage(), retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    const c = ref.client(faults.url);
    const caseId = await ref.newCase();
    const size = 40 * MiB;
    const { file, path } = await diskFile(NAME, size);
    const before = faults.patchBytesForwarded;
    // The second part is refused twice, then taken.
    faults.refusePatches(2, 1);
    const u = manager.add(c, caseId, file, { kind: 'imaging', title: TITLE });
    const errors: string[] = [];
    u.addEventListener('error', (e) => errors.push(`${e.error.status} ${e.willRetry}`));
    const record = await u.done;
    assert.deepEqual(errors, ['460 true', '460 true']);
    assert.equal(record.sha256, await sha256Of(path));
    assert.equal(faults.patchBytesForwarded - before, size, 'the server got every byte exactly once');
    manager.dispose();
  });

  it(`fails with an IntegrityError after ${MAX_CHECKSUM_FAILURES} checksum mismatches in a row`, async () => {
    const manager = new UploadManager({ storage: new MemoryStorage(), retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    const c = ref.client(faults.url);
    const caseId = await ref.newCase();
    const { file } = await diskFile(NAME, 20 * MiB);
    const patchesBefore = faults.patches;
    faults.refusePatches(Infinity);
    const u = manager.add(c, caseId, file, { kind: 'imaging', title: TITLE });
    await assert.rejects(u.done.finally(() => faults.refusePatches(0)), (e) => e instanceof IntegrityError && e.code === 'integrity');
    assert.equal(u.state, 'failed');
    assert.equal(faults.patches - patchesBefore, MAX_CHECKSUM_FAILURES);
    manager.dispose();
  });
});
