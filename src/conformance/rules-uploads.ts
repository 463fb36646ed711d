// Rules on record uploads over tus 1.0.0: creation, resume after a partial PATCH, termination,
// server-side hashing, and the size limit.
import { createHash } from 'node:crypto';
import type { Answer, Probe } from './probe.js';
import type { Rule } from './rule.js';
import { check, RuleSkipped } from './probe.js';

const TUS = { 'tus-resumable': '1.0.0' };

/** A small fictitious PDF. */
export function samplePdf(size = 4096): Uint8Array {
  const bytes = new Uint8Array(size);
  const head = new TextEncoder().encode('%PDF-1.4\n% conformance check\n');
  bytes.set(head);
  for (let i = head.length; i < size; i++) bytes[i] = 0x20 + (i % 90);
  return bytes;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const meta = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');

interface Created {
  uploadUrl: string;
  recordId: string;
}

/** Creates an upload on a case and checks the creation answer. */
export async function createUpload(p: Probe, caseId: string, length: number, sha: string, token?: string): Promise<Created> {
  const a = await p.send('POST', `/v1/cases/${caseId}/uploads`, {
    token,
    headers: { ...TUS, 'upload-length': String(length), 'upload-metadata': meta({ kind: 'lab_result', title: 'Fictitious lab result', sha256: sha }), 'idempotency-key': p.key() },
  });
  p.status(a, 201, 'POST /uploads');
  const location = a.headers.get('location');
  const recordId = a.headers.get('so-record-id');
  check(location, 'POST /uploads: no Location');
  check(recordId, 'POST /uploads: no SO-Record-Id');
  const path = new URL(p.resolve(location)).pathname;
  check(new RegExp(`/v1/cases/${caseId}/uploads/[^/]+$`).test(path), 'POST /uploads: Location is not /v1/cases/{id}/uploads/{uploadId}');
  return { uploadUrl: p.resolve(location), recordId };
}

function patch(p: Probe, url: string, offset: number, chunk: Uint8Array): Promise<Answer> {
  return p.send('PATCH', url, {
    headers: { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    body: chunk,
  });
}

/** Rules on record uploads. */
export const UPLOAD_RULES: Rule[] = [
  {
    id: 'uploads.creation',
    title: 'tus creation answers 201 with Location and SO-Record-Id; the record appears as uploading',
    async run(p) {
      const c = await p.createCase();
      const bytes = samplePdf();
      const { recordId } = await createUpload(p, c.id, bytes.length, sha256(bytes));
      const record = (await p.getCase(c.id)).records.find((r) => r.id === recordId);
      check(record, 'the case does not list the new record');
      check(record.status === 'uploading', `the new record is ${record.status}, not uploading`);
    },
  },
  {
    id: 'uploads.creation-with-upload',
    title: 'where advertised, creation-with-upload stores the body sent with the POST (201, Upload-Offset)',
    async run(p) {
      if (!(await p.config()).uploads.tusExtensions.includes('creation-with-upload')) throw new RuleSkipped('creation-with-upload is not advertised');
      const c = await p.createCase();
      const bytes = samplePdf();
      const a = await p.send('POST', `/v1/cases/${c.id}/uploads`, {
        headers: {
          ...TUS, 'upload-length': String(bytes.length), 'content-type': 'application/offset+octet-stream',
          'upload-metadata': meta({ kind: 'lab_result', title: 'Fictitious lab result', sha256: sha256(bytes) }), 'idempotency-key': p.key(),
        },
        body: bytes,
      });
      p.status(a, 201, 'POST /uploads with the content');
      check(a.headers.get('upload-offset') === String(bytes.length), `POST /uploads with the content: Upload-Offset is ${a.headers.get('upload-offset')}, not ${bytes.length}`);
      const recordId = a.headers.get('so-record-id');
      check(recordId, 'POST /uploads with the content: no SO-Record-Id');
      const record = (await p.getCase(c.id)).records.find((r) => r.id === recordId);
      check(record?.status === 'verified', 'the record sent with its creation is not verified');
    },
  },
  {
    id: 'uploads.resume',
    title: 'HEAD reports the offset after a partial PATCH; the upload resumes, is verified and downloads intact',
    async run(p) {
      const c = await p.createCase();
      const bytes = samplePdf();
      const half = bytes.length / 2;
      const { uploadUrl, recordId } = await createUpload(p, c.id, bytes.length, sha256(bytes));
      const first = await patch(p, uploadUrl, 0, bytes.slice(0, half));
      p.status(first, 204, 'PATCH of the first half');
      check(first.headers.get('upload-offset') === String(half), `PATCH: Upload-Offset is ${first.headers.get('upload-offset')}, not ${half}`);
      const head = await p.send('HEAD', uploadUrl, { headers: TUS });
      p.status(head, 200, 'HEAD on the upload');
      check(head.headers.get('upload-offset') === String(half), `HEAD: Upload-Offset is ${head.headers.get('upload-offset')}, not ${half}`);
      check(head.headers.get('upload-length') === String(bytes.length), 'HEAD: Upload-Length is not the declared length');
      check(head.headers.get('cache-control') === 'no-store', 'HEAD: Cache-Control is not no-store');
      const rest = await patch(p, uploadUrl, half, bytes.slice(half));
      p.status(rest, 204, 'PATCH of the rest');
      check(rest.headers.get('upload-offset') === String(bytes.length), 'PATCH of the rest: Upload-Offset is not the length');
      check(rest.headers.get('so-record-id') === recordId, 'the completing PATCH has no SO-Record-Id');
      check(rest.headers.get('so-record-status') === 'verified', `the completing PATCH says SO-Record-Status ${rest.headers.get('so-record-status')}, not verified`);
      const record = (await p.getCase(c.id)).records.find((r) => r.id === recordId);
      check(record?.status === 'verified', 'the record is not verified in the case');
      check(record.mediaType === 'application/pdf' && record.size === bytes.length, 'the record has the wrong media type or size');
      const res = await p.options.fetch(p.url(`/v1/cases/${c.id}/records/${recordId}/content`), { headers: { authorization: `Bearer ${p.options.token}` }, signal: p.signal });
      check(res.status === 200, `GET content: expected 200, got ${res.status}`);
      const got = new Uint8Array(await res.arrayBuffer());
      check(sha256(got) === sha256(bytes), 'GET content: the bytes differ from those uploaded');
      check(res.headers.get('content-type')?.startsWith('application/pdf'), 'GET content: Content-Type is not the sniffed type');
      check(res.headers.get('content-disposition') === 'attachment', 'GET content: Content-Disposition is not a bare attachment');
      check(res.headers.get('cache-control') === 'no-store', 'GET content: Cache-Control is not no-store');
    },
  },
  {
    id: 'uploads.termination',
    title: 'DELETE on an upload terminates it (204); it is gone afterwards',
    async run(p) {
      const config = await p.config();
      check(config.uploads.tusExtensions.includes('termination'), 'config: tusExtensions does not list termination');
      const c = await p.createCase();
      const bytes = samplePdf();
      const { uploadUrl } = await createUpload(p, c.id, bytes.length, sha256(bytes));
      p.status(await patch(p, uploadUrl, 0, bytes.slice(0, 100)), 204, 'PATCH of a first chunk');
      p.status(await p.send('DELETE', uploadUrl, { headers: TUS }), 204, 'DELETE on the upload');
      p.status(await p.send('HEAD', uploadUrl, { headers: TUS }), [404, 410], 'HEAD after DELETE');
    },
  },
  {
    id: 'uploads.hash-check',
    title: 'content whose SHA-256 differs from the declared one is rejected with hash_mismatch',
    async run(p) {
      const c = await p.createCase();
      const bytes = samplePdf();
      const { uploadUrl, recordId } = await createUpload(p, c.id, bytes.length, sha256(samplePdf(100)));
      const done = await patch(p, uploadUrl, 0, bytes);
      check(done.status >= 200 && done.status < 500, `the completing PATCH answered ${done.status}`);
      check(done.headers.get('so-record-status') === 'rejected', 'the completing PATCH does not say SO-Record-Status rejected');
      const record = (await p.getCase(c.id)).records.find((r) => r.id === recordId);
      check(record?.status === 'rejected' && record.rejectionReason === 'hash_mismatch', 'the record is not rejected with hash_mismatch');
    },
  },
  {
    id: 'uploads.size-limit',
    title: 'an Upload-Length over the configured maxSize is a 413 problem before any body',
    async run(p) {
      const config = await p.config();
      const c = await p.createCase();
      const a = await p.send('POST', `/v1/cases/${c.id}/uploads`, {
        headers: { ...TUS, 'upload-length': String(config.uploads.maxSize + 1), 'upload-metadata': meta({ kind: 'other', title: 'Too large', sha256: '0'.repeat(64) }), 'idempotency-key': p.key() },
      });
      p.problem(a, 413, 'POST /uploads over maxSize');
    },
  },
];
