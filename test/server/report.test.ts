// The staff report upload (`POST /v1/staff/cases/{id}/report`), over real HTTP: the body streams to
// the records store (local files here, S3 in the last suite), hashed as it passes; refusals come
// before any byte is read (who, which case, which type, a declared length) or as soon as the body
// passes the limit, and leave no file and no row; a good PDF downloads byte-identical; and the
// server's memory does not grow with the size of the report.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TokenIssuer } from '../../src/server/auth.js';
import type { LogFields } from '../../src/server/index.js';
import { call, createCase, PDF, sha256, startTestServer, type TestServer } from './helpers.js';
import { startInstance, type Instance } from './support/instances.js';
import { startS3, type S3Engine } from './support/s3.js';

const MiB = 1024 * 1024;
const LIMIT = MiB;

/** `size` bytes of a PDF (its header, then filler), made a chunk at a time and never held whole, with their SHA-256 once sent. */
function pdfChunks(size: number, chunk = 64 * 1024): { chunks: () => Generator<Buffer>; sha256: () => string } {
  const hash = createHash('sha256');
  const filler = Buffer.alloc(chunk, 0x25);
  return {
    *chunks() {
      for (let at = 0; at < size; at += chunk) {
        const piece = Buffer.from(filler.subarray(0, Math.min(chunk, size - at)));
        if (at === 0) piece.set(PDF.subarray(0, Math.min(PDF.length, piece.length)));
        // Each chunk differs from the others, so a reordered or repeated chunk changes the hash.
        piece.writeUInt32BE(at / chunk, Math.min(piece.length - 4, 64));
        hash.update(piece);
        yield piece;
      }
    },
    sha256: () => hash.digest('hex'),
  };
}

interface Answer {
  status: number;
  body: string;
  /** Body bytes the client had handed to its socket when the answer's head arrived. */
  sentWhenAnswered: number;
}

/**
 * POSTs with Node's own client so the body can be withheld or sent slowly: `body` undefined sends
 * the headers and nothing more; otherwise its chunks go one by one (each once the socket drained),
 * until the answer arrives (the rest is never sent) or, with `cutAfter`, the socket is destroyed
 * after that many bytes.
 */
function post(url: string, path: string, headers: Record<string, string>, body?: Iterable<Buffer>, cutAfter?: number): Promise<Answer | 'cut'> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(`${url}${path}`, { method: 'POST', headers });
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), sentWhenAnswered }));
      res.on('error', reject);
    });
    // Once the server answered and closed, writes still under way fail: that is the point.
    req.on('error', (e) => (answered || cutAfter !== undefined ? undefined : reject(e)));
    req.flushHeaders();
    if (!body) return;
    const it = body[Symbol.iterator]();
    const pump = () => {
      while (!answered) {
        if (cutAfter !== undefined && sent >= cutAfter) {
          req.destroy();
          return resolve('cut');
        }
        const next = it.next();
        if (next.done) return void req.end();
        sent += next.value.length;
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

async function answered(p: Promise<Answer | 'cut'>): Promise<Answer> {
  const a = await p;
  assert.notEqual(a, 'cut');
  return a as Answer;
}

describe('the staff report upload, on local files', () => {
  let s: TestServer;
  let staff: string;
  let patient: string;
  // Resolves with the access-log line of the next report request (written once its answer is ready).
  const requests = new EventTarget();
  const logger = {
    info: (f: LogFields) => void (f.msg === 'request' && requests.dispatchEvent(new CustomEvent('line', { detail: f }))),
    error: (f: LogFields) => void (f.msg === 'request' && requests.dispatchEvent(new CustomEvent('line', { detail: f }))),
  };
  const nextReport = () => new Promise<LogFields>((resolve) => requests.addEventListener('line', function on(e) {
    const f = (e as CustomEvent<LogFields>).detail;
    if (f.route !== '/v1/staff/cases/:id/report') return;
    requests.removeEventListener('line', on);
    resolve(f);
  }));

  before(async () => {
    s = await startTestServer({ config: { uploads: { maxSize: LIMIT, acceptedTypes: ['application/pdf', 'image/png'], tusExtensions: [] } }, logger });
    staff = await s.staff();
    patient = await s.patient();
  });
  after(() => s.dispose());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const reportPath = (caseId: string) => `/v1/staff/cases/${caseId}/report`;
  const storedFiles = () => (existsSync(join(s.dataDir, 'records')) ? readdirSync(join(s.dataDir, 'records')) : []);
  async function nothingKept(caseId: string, filesBefore: string[]) {
    assert.deepEqual(storedFiles(), filesBefore, 'no file (nor a .part) left in the records store');
    assert.equal((await s.db.query('SELECT 1 FROM records WHERE case_id = $1', [caseId])).rows.length, 0, 'no record row');
    const c = await (await call(s.url, `/v1/cases/${caseId}`, patient)).json();
    assert.deepEqual(c.records, []);
  }

  it('stores a good PDF, streamed, verified with the SHA-256 made as it passed, and downloads it byte-identical', async () => {
    const c = await createCase(s.url, patient);
    const body = pdfChunks(LIMIT);
    const a = await answered(post(s.url, reportPath(c.id), { ...auth(staff), 'Content-Type': 'application/pdf' }, body.chunks()));
    assert.equal(a.status, 201, a.body);
    const record = JSON.parse(a.body);
    const digest = body.sha256();
    assert.equal(record.status, 'verified');
    assert.equal(record.size, LIMIT);
    assert.equal(record.sha256, digest);
    assert.equal(record.source, 'staff');
    assert.deepEqual(storedFiles(), [record.id], 'only the finished file, under its name');
    const content = await call(s.url, `/v1/cases/${c.id}/records/${record.id}/content`, staff);
    assert.equal(content.status, 200);
    assert.equal(sha256(new Uint8Array(await content.arrayBuffer())), digest);
  });

  it('answers 413 as soon as a body without a length passes the limit, before the client has sent it, and keeps nothing', async () => {
    const c = await createCase(s.url, patient);
    const filesBefore = storedFiles();
    const total = 64 * MiB;
    const a = await answered(post(s.url, reportPath(c.id), { ...auth(staff), 'Content-Type': 'application/pdf', 'Transfer-Encoding': 'chunked' }, pdfChunks(total).chunks()));
    assert.equal(a.status, 413, a.body);
    assert.equal(JSON.parse(a.body).reason, 'too_large');
    assert.ok(a.sentWhenAnswered < total / 2, `the answer came after ${a.sentWhenAnswered} of ${total} bytes`);
    await nothingKept(c.id, filesBefore);
  });

  it('refuses before reading any byte: no token, a patient, another\'s or no case, a declared length over the limit, a type that is not PDF', async () => {
    const c = await createCase(s.url, patient);
    const filesBefore = storedFiles();
    const pdf = { 'Content-Type': 'application/pdf', 'Content-Length': String(LIMIT) };
    // The headers only: the body is never sent, so each answer was given without reading it.
    const refusals: [Record<string, string>, string, number][] = [
      [pdf, c.id, 401],
      [{ ...pdf, ...auth('not-a-token') }, c.id, 401],
      [{ ...pdf, ...auth(patient) }, c.id, 403],
      [{ ...pdf, ...auth(staff) }, crypto.randomUUID(), 404],
      [{ ...auth(staff), 'Content-Type': 'application/pdf', 'Content-Length': String(LIMIT + 1) }, c.id, 413],
      [{ ...auth(staff), 'Content-Type': 'image/png', 'Content-Length': String(LIMIT) }, c.id, 415],
      [{ ...auth(staff), 'Content-Length': String(LIMIT) }, c.id, 415],
    ];
    for (const [headers, caseId, status] of refusals) {
      const a = await answered(post(s.url, reportPath(caseId), headers));
      assert.equal(a.status, status, `${JSON.stringify({ ...headers, Authorization: undefined })}: ${a.body}`);
      assert.equal(a.sentWhenAnswered, 0);
    }
    await nothingKept(c.id, filesBefore);
  });

  it('answers 415 on content that is not a PDF by its first bytes, before reading the rest, and keeps nothing', async () => {
    const c = await createCase(s.url, patient);
    const filesBefore = storedFiles();
    const png = Buffer.alloc(64 * 1024);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    function* body() {
      yield png;
      for (let i = 0; i < 1024; i++) yield Buffer.alloc(64 * 1024);
    }
    const a = await answered(post(s.url, reportPath(c.id), { ...auth(staff), 'Content-Type': 'application/pdf', 'Transfer-Encoding': 'chunked' }, body()));
    assert.equal(a.status, 415, a.body);
    assert.equal(JSON.parse(a.body).reason, 'type_not_allowed');
    assert.ok(a.sentWhenAnswered < 32 * MiB, `answered after ${a.sentWhenAnswered} bytes`);
    await nothingKept(c.id, filesBefore);
  });

  it('keeps nothing of a body cut short by its client', async () => {
    const c = await createCase(s.url, patient);
    const filesBefore = storedFiles();
    const logged = nextReport();
    assert.equal(await post(s.url, reportPath(c.id), { ...auth(staff), 'Content-Type': 'application/pdf', 'Content-Length': String(LIMIT) }, pdfChunks(LIMIT).chunks(), LIMIT / 2), 'cut');
    assert.equal((await logged).status, 400);
    await nothingKept(c.id, filesBefore);
  });

  it('replays an Idempotency-Key\'s answer without keeping the repeated body', async () => {
    const c = await createCase(s.url, patient);
    const headers = { ...auth(staff), 'Content-Type': 'application/pdf', 'Idempotency-Key': crypto.randomUUID() };
    const first = await answered(post(s.url, reportPath(c.id), headers, [Buffer.from(PDF)]));
    assert.equal(first.status, 201);
    const filesAfterFirst = storedFiles();
    const again = await answered(post(s.url, reportPath(c.id), headers, [Buffer.from(PDF)]));
    assert.equal(again.status, 201);
    assert.equal(JSON.parse(again.body).id, JSON.parse(first.body).id);
    assert.deepEqual(storedFiles(), filesAfterFirst);
  });
});

const SECRET = 'report-test-secret';
const tokens = new TokenIssuer(SECRET);

/** The peak resident set of process `pid` since the last reset (Linux: VmHWM), in bytes. */
function peakRss(pid: number): number {
  const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kib) throw new Error('no VmHWM in /proc/<pid>/status');
  return Number(kib) * 1024;
}

async function staffSession(node: Instance) {
  const patient = await tokens.issue(`patient-${crypto.randomUUID()}`, 'patient');
  const staff = await tokens.issue('staff-report', ['coordinator', 'specialist']);
  return { patient, staff, c: await createCase(node.url, patient) };
}

describe('the staff report upload holds no whole file in memory', () => {
  let node: Instance;
  before(async () => {
    // A server process of its own (the default 4 GiB limit), so its memory is its own and the test's is not in it.
    node = await startInstance({ SO_TOKEN_SECRET: SECRET, SO_RATE_LIMIT: 'off' });
  });
  after(() => node.stop());

  it('stores a 256 MiB report with the server\'s peak memory growing by a fraction of it', async (t) => {
    const { staff, c } = await staffSession(node);
    const pid = node.process.pid!;
    const headers = { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/pdf' };
    // Warmed up: the route, the hasher and the store's code are loaded before the measure.
    assert.equal((await answered(post(node.url, `/v1/staff/cases/${c.id}/report`, headers, pdfChunks(4 * MiB).chunks()))).status, 201);
    // The peak is reset to what the process holds now (Linux: `5` in clear_refs), then measured after.
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const base = peakRss(pid);
    const size = 256 * MiB;
    const body = pdfChunks(size, MiB);
    const a = await answered(post(node.url, `/v1/staff/cases/${c.id}/report`, { ...headers, 'Content-Length': String(size) }, body.chunks()));
    assert.equal(a.status, 201, a.body);
    const growth = peakRss(pid) - base;
    t.diagnostic(`peak RSS grew by ${(growth / MiB).toFixed(1)} MiB while storing ${size / MiB} MiB`);
    const record = JSON.parse(a.body);
    assert.equal(record.sha256, body.sha256());
    // A body held whole would add at least its 256 MiB; streamed, what is in flight at once is a few chunks.
    assert.ok(growth < size / 8, `peak memory grew by ${(growth / MiB).toFixed(1)} MiB for a ${size / MiB} MiB report`);
    const content = await fetch(`${node.url}/v1/cases/${c.id}/records/${record.id}/content`, { headers: { Authorization: `Bearer ${staff}` } });
    const h = createHash('sha256');
    for await (const chunk of content.body!) h.update(chunk);
    assert.equal(h.digest('hex'), record.sha256);
  });
});

describe('the staff report upload, on S3', () => {
  let s3: S3Engine;
  let node: Instance;
  before(async () => {
    s3 = await startS3();
    node = await startInstance({ SO_TOKEN_SECRET: SECRET, SO_RATE_LIMIT: 'off', SO_RECORDS_STORE: `s3://${s3.bucket}/so`, ...s3.env });
  });
  after(async () => {
    await node?.stop();
    await s3?.stop();
  });

  async function bucket() {
    const { S3 } = await import('@aws-sdk/client-s3');
    const client = new S3({ endpoint: s3.endpoint, region: s3.env.AWS_REGION!, forcePathStyle: true, credentials: { accessKeyId: s3.env.AWS_ACCESS_KEY_ID!, secretAccessKey: s3.env.AWS_SECRET_ACCESS_KEY! } });
    try {
      const objects = ((await client.listObjectsV2({ Bucket: s3.bucket, Prefix: 'so/records/' })).Contents ?? []).map((o) => o.Key!);
      const multipart = ((await client.listMultipartUploads({ Bucket: s3.bucket, Prefix: 'so/records/' })).Uploads ?? []).map((u) => u.Key!);
      return { objects, multipart };
    } finally {
      client.destroy();
    }
  }

  it('stores a report of several parts and one smaller than a part, both downloading byte-identical', async () => {
    const { staff, c } = await staffSession(node);
    for (const size of [20 * MiB + 123, 300 * 1024]) {
      const body = pdfChunks(size);
      const a = await answered(post(node.url, `/v1/staff/cases/${c.id}/report`, { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/pdf' }, body.chunks()));
      assert.equal(a.status, 201, a.body);
      const record = JSON.parse(a.body);
      assert.equal(record.sha256, body.sha256());
      const content = await fetch(`${node.url}/v1/cases/${c.id}/records/${record.id}/content`, { headers: { Authorization: `Bearer ${staff}` } });
      assert.equal(sha256(new Uint8Array(await content.arrayBuffer())), record.sha256);
      assert.ok((await bucket()).objects.includes(`so/records/${record.id}`));
    }
  });

  it('keeps nothing in the bucket of a body cut short after parts were sent, nor of one that is not a PDF', async () => {
    const { staff, patient, c } = await staffSession(node);
    const before = await bucket();
    const headers = { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/pdf' };
    // Cut after 20 MiB: two 8 MiB parts were in S3's multipart upload. Its access line is written
    // once the server has answered it, after the multipart upload was aborted.
    const logged = node.nextLog('request');
    const cut = post(node.url, `/v1/staff/cases/${c.id}/report`, { ...headers, 'Content-Length': String(40 * MiB) }, pdfChunks(40 * MiB).chunks(), 20 * MiB);
    assert.equal(await cut, 'cut');
    assert.equal((await logged).status, 400);
    const png = Buffer.alloc(1024);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const refused = await answered(post(node.url, `/v1/staff/cases/${c.id}/report`, headers, [png]));
    assert.equal(refused.status, 415);
    assert.deepEqual((await (await call(node.url, `/v1/cases/${c.id}`, patient)).json()).records, []);
    assert.deepEqual(await bucket(), before);
  });
});
