// The reference server hashes upload bytes as they arrive: a finished upload is checked without a
// second read of the stored file. The running hash is kept with the upload's row, so a restart
// mid-upload carries on from it; a crash mid-write (test/server/scale.test.ts) leaves a state that
// no longer matches the stored bytes, and a full pass over them still verifies the upload.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MemoryStorage, UploadManager } from '../../src/core/uploads/index.js';
import { createClient, RestBackend, type SecondOpinionClient } from '../../src/index.js';
import { silentLogger, startServer, type RunningServer } from '../../src/server/index.js';
import { uploadHashStats } from '../../src/server/uploads.js';
import { validRequest } from '../fixtures/requests.js';
import { startCutProxy, type CutProxy } from './cut-proxy.js';
import { diskFile, reopen, sha256Of } from './files.js';

const MiB = 1024 * 1024;
const SECRET = 'server-hash-test-secret-0123456789abcdef';
const dataDir = mkdtempSync(join(tmpdir(), 'so-upload-hash-'));
let server: RunningServer;
let proxy: CutProxy;
let client: SecondOpinionClient;
let token = '';

// The same data folder and port each time, as a restarted service would have.
async function start(port = 0): Promise<void> {
  server = await startServer({ port, host: '127.0.0.1', dataDir, demo: true, logger: silentLogger, rateLimit: false, tokenSecret: SECRET });
  token = await server.issueToken('patient-hash-test', 'patient');
}

before(async () => {
  await start();
  proxy = await startCutProxy(server.url);
  client = createClient({ backend: new RestBackend({ endpoint: proxy.url, retry: { baseDelayMs: 5, maxDelayMs: 50 } }), getAccessToken: () => token });
});

after(async () => {
  await proxy.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the server hash of uploads', () => {
  it('is made while the bytes arrive, across a cut and a resume, with no second pass', async () => {
    const caseId = (await client.cases.create(validRequest(), { submit: true })).id;
    const { file, path } = await diskFile('scan.pdf', 80 * MiB);
    const hashes = { ...uploadHashStats };
    proxy.cutAt([proxy.bytesUp + 40 * MiB]);
    const manager = new UploadManager({ storage: new MemoryStorage(), hashFirstMaxBytes: 0, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
    const u = manager.add(client, caseId, file, { kind: 'imaging', title: 'Scan' });
    const record = await u.done.finally(() => proxy.cutAt([]));
    assert.equal(proxy.cuts, 1);
    assert.equal(record.status, 'verified');
    assert.equal(record.sha256, await sha256Of(path));
    assert.deepEqual(uploadHashStats, { incremental: hashes.incremental + 1, fullPass: hashes.fullPass });
    manager.dispose();
  });

  it('carries the running hash across a restart mid-upload: no second pass', async () => {
    const caseId = (await client.cases.create(validRequest(), { submit: true })).id;
    const size = 64 * MiB;
    const { file, path } = await diskFile('scan.pdf', size);
    const storage = new MemoryStorage();
    const first = new UploadManager({ storage, hashFirstMaxBytes: 0 });
    // The service goes down once the first 16 MiB part is in (the proxy holds the upload there),
    // and comes back on the same port.
    const midway = proxy.hangAt(proxy.bytesUp + 20 * MiB);
    first.add(client, caseId, file, { kind: 'imaging', title: 'Scan' });
    await midway;
    first.dispose();
    const port = Number(new URL(server.url).port);
    await server.close();
    await start(port);
    const hashes = { ...uploadHashStats };

    const second = new UploadManager({ storage, hashFirstMaxBytes: 0 });
    const before = proxy.bytesUp;
    const record = await second.add(client, caseId, await reopen(path, 'scan.pdf'), { kind: 'imaging', title: 'Scan' }).done;
    assert.ok(proxy.bytesUp - before < size, 'the upload resumed rather than starting over');
    assert.equal(record.status, 'verified');
    assert.equal(record.sha256, await sha256Of(path));
    assert.deepEqual(uploadHashStats, { incremental: hashes.incremental + 1, fullPass: hashes.fullPass });
    second.dispose();
  });
});
