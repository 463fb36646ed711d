// How the reference server reads tus bodies on Node (straight from the socket, not through Hono's
// copying adapter): bodies tus reads arrive whole, in order; a body tus never reads (a refused
// PATCH) is discarded without touching the upload, and the next requests are served.
import assert from 'node:assert/strict';
import { createHash, randomFillSync } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startUploadServer, type UploadServer } from './ref.js';

const MiB = 1024 * 1024;
let ref: UploadServer;
let token: string;
// One socket at a time, kept alive: a body left unread on a kept connection would stall the next request.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

interface Answer { status: number; headers: http.IncomingHttpHeaders }

function request(method: string, path: string, headers: Record<string, string>, body?: Uint8Array): Promise<Answer> {
  const url = new URL(path, ref.server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

before(async () => {
  ref = await startUploadServer();
  token = await ref.server.issueToken('patient-upload-test', 'patient');
});

after(async () => {
  agent.destroy();
  await ref.close();
});

describe('tus bodies on the reference server', () => {
  it('stores bodies read from the socket whole; a refused PATCH body is dropped and the next requests are served', async () => {
    const caseId = await ref.newCase();
    const bytes = randomFillSync(Buffer.alloc(6 * MiB));
    bytes.write('%PDF-1.7\n', 0);
    const meta = `kind ${btoa('imaging')},title ${btoa('Scan')},sha256 ${btoa(createHash('sha256').update(bytes).digest('hex'))}`;
    const created = await request('POST', `/v1/cases/${caseId}/uploads`, { 'Upload-Length': String(bytes.length), 'Upload-Metadata': meta });
    assert.equal(created.status, 201);
    const location = String(created.headers.location);
    const octets = { 'Content-Type': 'application/offset+octet-stream' };

    const first = await request('PATCH', location, { ...octets, 'Upload-Offset': '0' }, bytes.subarray(0, 2 * MiB));
    assert.equal(first.status, 204);
    assert.equal(first.headers['upload-offset'], String(2 * MiB));
    // Wrong offset: refused before tus reads a byte of the 2 MiB body.
    const refused = await request('PATCH', location, { ...octets, 'Upload-Offset': '0' }, bytes.subarray(2 * MiB, 4 * MiB));
    assert.equal(refused.status, 409);
    const offset = await request('HEAD', location, {});
    assert.equal(offset.headers['upload-offset'], String(2 * MiB));
    const last = await request('PATCH', location, { ...octets, 'Upload-Offset': String(2 * MiB) }, bytes.subarray(2 * MiB));
    assert.equal(last.status, 204);
    // Verified: the server's hash of what it stored equals the hash of the bytes sent.
    assert.equal(last.headers['so-record-status'], 'verified');
  });
});
