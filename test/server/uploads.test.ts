// Record uploads over tus 1.0.0: creation, resume, termination, verification by sniffing and hashing.
import assert from 'node:assert/strict';
import { watch as watchFile } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/index.js';
import { uploadHashStats } from '../../src/server/uploads.js';
import { call, createCase, PDF, sha256, startTestServer, tusMetadata, type TestServer } from './helpers.js';

const MAX = 64 * 1024;
let s: TestServer;
let patient: string;
before(async () => {
  s = await startTestServer({ config: { uploads: { ...DEFAULT_CONFIG.uploads, maxSize: MAX } } });
  patient = await s.patient('pat-uploads');
});
after(() => s.dispose());

const TUS = { 'Tus-Resumable': '1.0.0' };

function create(caseId: string, length: number, meta: Record<string, string>, token = patient, extra: Record<string, string> = {}, body?: Uint8Array) {
  return fetch(`${s.url}/v1/cases/${caseId}/uploads`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, ...TUS, 'Upload-Length': String(length), 'Upload-Metadata': tusMetadata(meta), ...extra, ...(body ? { 'Content-Type': 'application/offset+octet-stream' } : {}) },
    body: body as BodyInit | undefined,
  });
}

function patch(location: string, offset: number, bytes: Uint8Array, token = patient) {
  return fetch(`${s.url}${location}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
    body: bytes as BodyInit,
  });
}

const head = (location: string, token = patient) => fetch(`${s.url}${location}`, { method: 'HEAD', headers: { Authorization: `Bearer ${token}`, ...TUS } });

async function record(caseId: string, recordId: string) {
  const c = await (await call(s.url, `/v1/cases/${caseId}`, patient)).json();
  return { record: c.records.find((r: { id: string }) => r.id === recordId), case: c };
}

// A PDF big enough to send in two halves.
const BIG = new Uint8Array(20_000).map((_, i) => (i < PDF.length ? PDF[i]! : i % 251));

describe('tus uploads', () => {
  it('advertises the extensions it implements', async () => {
    const config = await (await call(s.url, '/v1/config', undefined)).json();
    assert.deepEqual(config.uploads.tusExtensions, ['creation', 'creation-with-upload', 'termination', 'expiration']);
    assert.equal(config.uploads.maxSize, MAX);
  });

  it('creates an upload, resumes it from the HEAD offset, and verifies the stored bytes', async () => {
    const c = await createCase(s.url, patient);
    const res = await create(c.id, BIG.length, { kind: 'lab_result', title: 'Blood work', sha256: sha256(BIG), filename: 'marie-tremblay-labs.pdf' });
    assert.equal(res.status, 201);
    const location = res.headers.get('location')!;
    const recordId = res.headers.get('so-record-id')!;
    assert.match(location, new RegExp(`^/v1/cases/${c.id}/uploads/[0-9a-f-]{36}$`));
    assert.equal(res.headers.get('tus-resumable'), '1.0.0');
    const uploading = await record(c.id, recordId);
    assert.equal(uploading.record.status, 'uploading');
    assert.equal(uploading.record.kind, 'lab_result');

    const half = BIG.length / 2;
    assert.equal((await patch(location, 0, BIG.subarray(0, half))).status, 204);
    const offset = await head(location);
    assert.equal(offset.status, 200);
    assert.equal(offset.headers.get('upload-offset'), String(half));
    assert.equal(offset.headers.get('upload-length'), String(BIG.length));

    const done = await patch(location, half, BIG.subarray(half));
    assert.equal(done.status, 204);
    assert.equal(done.headers.get('so-record-id'), recordId);
    assert.equal(done.headers.get('so-record-status'), 'verified');
    const verified = await record(c.id, recordId);
    assert.equal(verified.record.status, 'verified');
    assert.equal(verified.record.mediaType, 'application/pdf');
    assert.equal(verified.record.sha256, sha256(BIG));
    const kinds = verified.case.timeline.filter((e: { recordId?: string }) => e.recordId === recordId).map((e: { kind: string }) => e.kind);
    assert.deepEqual(kinds, ['record_added', 'record_updated']);

    const content = await call(s.url, `/v1/cases/${c.id}/records/${recordId}/content`, patient);
    assert.equal(content.status, 200);
    assert.deepEqual(new Uint8Array(await content.arrayBuffer()), BIG);
    assert.ok(!JSON.stringify(s.logs).includes('marie-tremblay'), 'no file name in logs');
    assert.ok(!JSON.stringify(verified.case).includes('marie-tremblay'), 'no file name stored');
  });

  it('takes the bytes with the creation (creation-with-upload)', async () => {
    const c = await createCase(s.url, patient);
    const res = await create(c.id, PDF.length, { kind: 'imaging', title: 'Report', sha256: sha256(PDF) }, patient, {}, PDF);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('so-record-status'), 'verified');
  });

  it('rejects a record whose stored bytes do not match the client\'s SHA-256', async () => {
    const c = await createCase(s.url, patient);
    const res = await create(c.id, PDF.length, { kind: 'lab_result', title: 'Labs', sha256: sha256(new Uint8Array([1, 2, 3])) });
    const done = await patch(res.headers.get('location')!, 0, PDF);
    assert.equal(done.status, 204);
    assert.equal(done.headers.get('so-record-status'), 'rejected');
    const { record: r } = await record(c.id, res.headers.get('so-record-id')!);
    assert.equal(r.status, 'rejected');
    assert.equal(r.rejectionReason, 'hash_mismatch');
    assert.equal((await call(s.url, `/v1/cases/${c.id}/records/${r.id}/content`, patient)).status, 404);
  });

  it('answers 415 and rejects the record when the content is not an accepted type, whatever it claims', async () => {
    const c = await createCase(s.url, patient);
    const exe = new Uint8Array(512).map((_, i) => (i === 0 ? 0x4d : i === 1 ? 0x5a : 0));
    const res = await create(c.id, exe.length, { kind: 'diagnostic_report', title: 'scan.pdf', sha256: sha256(exe), mediaType: 'application/pdf' });
    assert.equal(res.status, 201);
    const done = await patch(res.headers.get('location')!, 0, exe);
    assert.equal(done.status, 415);
    assert.equal(done.headers.get('content-type'), 'application/problem+json');
    assert.equal((await done.json()).reason, 'type_not_allowed');
    assert.equal(done.headers.get('so-record-status'), 'rejected');
    const { record: r } = await record(c.id, res.headers.get('so-record-id')!);
    assert.equal(r.status, 'rejected');
    assert.equal(r.rejectionReason, 'type_not_allowed');
  });

  it('answers 413 before any body when Upload-Length is over the limit', async () => {
    const c = await createCase(s.url, patient);
    const res = await create(c.id, MAX + 1, { kind: 'imaging', title: 'Study' });
    assert.equal(res.status, 413);
    const body = await res.json();
    assert.equal(body.errors[0].params.maximum, MAX);
    const after = await record(c.id, 'none');
    assert.equal(after.case.records.length, 0);
  });

  it('refuses bad metadata with 422 and field paths', async () => {
    const c = await createCase(s.url, patient);
    const res = await create(c.id, 10, { kind: 'selfie', title: 'x', sha256: 'abc' });
    assert.equal(res.status, 422);
    const paths = (await res.json()).errors.map((e: { path: string }) => e.path).sort();
    assert.deepEqual(paths, ['metadata.kind', 'metadata.sha256']);
  });

  it('terminates an upload: the bytes go, the record is rejected as cancelled', async () => {
    const c = await createCase(s.url, patient);
    const res = await create(c.id, BIG.length, { kind: 'imaging', title: 'Study', sha256: sha256(BIG) });
    const location = res.headers.get('location')!;
    await patch(location, 0, BIG.subarray(0, 100));
    const del = await fetch(`${s.url}${location}`, { method: 'DELETE', headers: { Authorization: `Bearer ${patient}`, ...TUS } });
    assert.equal(del.status, 204);
    assert.equal((await head(location)).status, 404);
    const { record: r } = await record(c.id, res.headers.get('so-record-id')!);
    assert.equal(r.status, 'rejected');
    assert.equal(r.rejectionReason, 'cancelled');
  });

  it('replays a creation with the same Idempotency-Key: one upload, one record', async () => {
    const c = await createCase(s.url, patient);
    const meta = { kind: 'lab_result', title: 'Labs', sha256: sha256(PDF) };
    const a = await create(c.id, PDF.length, meta, patient, { 'Idempotency-Key': 'up-1' });
    const b = await create(c.id, PDF.length, meta, patient, { 'Idempotency-Key': 'up-1' });
    assert.equal(b.status, 201);
    assert.equal(b.headers.get('idempotent-replayed'), 'true');
    assert.equal(b.headers.get('location'), a.headers.get('location'));
    assert.equal(b.headers.get('so-record-id'), a.headers.get('so-record-id'));
    assert.equal((await record(c.id, '')).case.records.length, 1);
  });

  it('finishes once: an empty PATCH at the end of a finished upload changes nothing and hashes nothing', async () => {
    const c = await createCase(s.url, patient);
    const res = await create(c.id, BIG.length, { kind: 'lab_result', title: 'Labs', sha256: sha256(BIG) });
    const location = res.headers.get('location')!;
    assert.equal((await patch(location, 0, BIG)).headers.get('so-record-status'), 'verified');
    const finished = (await record(c.id, res.headers.get('so-record-id')!)).case;
    const hashes = { ...uploadHashStats };
    for (let i = 0; i < 3; i++) {
      const again = await patch(location, BIG.length, new Uint8Array(0));
      assert.equal(again.status, 204);
      assert.equal(again.headers.get('upload-offset'), String(BIG.length));
      assert.equal(again.headers.get('so-record-status'), 'verified');
    }
    const after = (await record(c.id, res.headers.get('so-record-id')!)).case;
    assert.equal(after.version, finished.version);
    assert.equal(after.timeline.length, finished.timeline.length);
    assert.deepEqual(uploadHashStats, hashes, 'no second hash of the stored file');
  });

  it('rejects the record (too_large) when a chunked PATCH runs past Upload-Length, instead of leaving it uploading', async () => {
    const c = await createCase(s.url, patient);
    const res = await create(c.id, BIG.length, { kind: 'lab_result', title: 'Labs', sha256: sha256(BIG) });
    const location = res.headers.get('location')!;
    // The declared length, then more once the server has stored it: the file is full, then the body goes past it.
    const file = join(s.dataDir, 'uploads', location.split('/').at(-1)!);
    const full = () => new Promise<void>((resolve, reject) => {
      const check = () => stat(file).then((st) => {
        if (st.size < BIG.length) return;
        watcher.close();
        resolve();
      }, reject);
      const watcher = watchFile(file, () => void check());
      void check();
    });
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      start: (ctrl) => ctrl.enqueue(BIG),
      async pull(ctrl) {
        if (sent) return;
        sent = true;
        await full();
        ctrl.enqueue(new Uint8Array(1000).fill(7));
        ctrl.close();
      },
    });
    const over = await fetch(`${s.url}${location}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${patient}`, ...TUS, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
      body, duplex: 'half',
    } as RequestInit);
    assert.equal(over.status, 413);
    assert.equal(over.headers.get('so-record-status'), 'rejected');
    const { record: r } = await record(c.id, res.headers.get('so-record-id')!);
    assert.equal(r.status, 'rejected');
    assert.equal(r.rejectionReason, 'too_large');
    const gone = await head(location);
    assert.ok(gone.status === 404 || gone.status === 410, String(gone.status));
  });

  it('keeps another patient out of the uploads of a case (404)', async () => {
    const c = await createCase(s.url, patient);
    const res = await create(c.id, PDF.length, { kind: 'lab_result', title: 'Labs' });
    const location = res.headers.get('location')!;
    const other = await s.patient('intruder');
    assert.equal((await create(c.id, PDF.length, { kind: 'lab_result', title: 'Labs' }, other)).status, 404);
    assert.equal((await head(location, other)).status, 404);
    assert.equal((await patch(location, 0, PDF, other)).status, 404);
    assert.equal((await fetch(`${s.url}${location}`, { method: 'DELETE', headers: { Authorization: `Bearer ${other}`, ...TUS } })).status, 404);
    assert.equal((await head(location)).headers.get('upload-offset'), '0');
    const done = await patch(location, 0, PDF);
    const recordId = done.headers.get('so-record-id')!;
    assert.equal((await call(s.url, `/v1/cases/${c.id}/records/${recordId}/content`, other)).status, 404);
  });
});
