// The pure parts of the upload engine: part planner, retry policy, fingerprint, resume storage, refusals, incremental SHA-256.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  FileRefusedError, MAX_PARTS, MIN_PART_BYTES, MemoryStorage, ResumeStore, checkFile, isRetryableStatus, planParts, retryDelayMs, uploadFingerprint,
} from '../../src/core/uploads/index.js';
import { MEDIA_TYPES } from '../../src/core/index.js';

const MiB = 1024 * 1024;
const TiB = 1024 ** 4;

describe('the part planner', () => {
  it('cuts small and mid-size files into 16 MiB parts', () => {
    assert.deepEqual(planParts(1), { partBytes: 16 * MiB, parts: 1, parallel: 1 });
    assert.deepEqual(planParts(100 * MiB), { partBytes: 16 * MiB, parts: 7, parallel: 1 });
  });

  it('grows parts with the file up to 64 MiB', () => {
    assert.equal(planParts(256 * MiB).partBytes, 32 * MiB);
    assert.equal(planParts(2048 * MiB).partBytes, 64 * MiB);
    assert.equal(planParts(2048 * MiB).parts, 32);
  });

  it('grows past 64 MiB rather than exceed 10,000 parts (4.9 TiB)', () => {
    const plan = planParts(Math.floor(4.9 * TiB));
    assert.ok(plan.parts <= MAX_PARTS, `${plan.parts} parts`);
    assert.ok(plan.partBytes > 64 * MiB);
  });

  it('never goes below 5 MiB, whatever it is asked', () => {
    assert.equal(planParts(50 * MiB, { minPartBytes: 1024 }).partBytes, 7 * MiB);
    assert.equal(planParts(10 * MiB, { minPartBytes: 1024, maxPartBytes: 2048 }).partBytes, MIN_PART_BYTES);
  });

  it('sends parts in parallel only where the server can join them, at most 4', () => {
    assert.equal(planParts(1024 * MiB).parallel, 1);
    assert.equal(planParts(1024 * MiB, { concatenation: true }).parallel, 4);
    assert.equal(planParts(20 * MiB, { concatenation: true }).parallel, 2);
    assert.equal(planParts(1024 * MiB, { concatenation: true, maxParallel: 9 }).parallel, 4);
  });

  it('holds its rules for any size', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 52 }), fc.boolean(), (size, concatenation) => {
      const p = planParts(size, { concatenation });
      assert.ok(p.partBytes >= MIN_PART_BYTES);
      assert.ok(p.parts >= 1 && p.parts <= MAX_PARTS);
      assert.ok(p.parts * p.partBytes >= size);
      assert.ok(p.parallel >= 1 && p.parallel <= 4 && p.parallel <= p.parts);
      if (size <= MAX_PARTS * 64 * MiB) assert.ok(p.partBytes <= 64 * MiB && p.partBytes >= 16 * MiB);
    }), { numRuns: 2000 });
  });
});

describe('the retry policy', () => {
  it('waits a full-jitter share of a ceiling that doubles from 0.5 s to a 30 s cap', () => {
    assert.equal(retryDelayMs(0, () => 0.999999), 499);
    assert.equal(retryDelayMs(1, () => 0.5), 500);
    assert.equal(retryDelayMs(3, () => 0.5), 2000);
    assert.equal(retryDelayMs(20, () => 0.5), 15_000);
    assert.equal(retryDelayMs(20, () => 0), 0);
  });

  it('never waits less than Retry-After', () => {
    assert.equal(retryDelayMs(0, () => 0.1, {}, 7000), 7000);
    assert.equal(retryDelayMs(10, () => 0.9, {}, 7000), 27_000);
  });

  it('spreads 1,000 clients: no one-second bucket gets more than 5 %', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const buckets = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const s = Math.floor(retryDelayMs(8, random) / 1000);
      buckets.set(s, (buckets.get(s) ?? 0) + 1);
    }
    assert.ok(Math.max(...buckets.values()) <= 50, JSON.stringify([...buckets]));
  });

  it('retries cuts, stalls, 408, 409, 423, 429, 460 and 5xx; nothing else', () => {
    for (const s of [undefined, 408, 409, 423, 429, 460, 500, 502, 503]) assert.equal(isRetryableStatus(s), true, String(s));
    for (const s of [400, 401, 403, 404, 410, 413, 415, 422]) assert.equal(isRetryableStatus(s), false, String(s));
  });
});

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('the fingerprint', () => {
  it('is opaque hex, the same for the same content and case', async () => {
    const a = new File([bytes(300_000, 1)], 'SMITH_JOHN_MRI.pdf');
    const b = new File([bytes(300_000, 1)], 'other-name.pdf');
    const fa = await uploadFingerprint('case-1', a);
    assert.match(fa, /^[0-9a-f]{64}$/);
    assert.equal(await uploadFingerprint('case-1', b), fa);
    assert.ok(!fa.includes('SMITH'));
  });

  it('differs for another file with the same name and size, and for another case', async () => {
    const a = new File([bytes(300_000, 1)], 'scan.pdf');
    const b = new File([bytes(300_000, 2)], 'scan.pdf');
    assert.notEqual(await uploadFingerprint('case-1', a), await uploadFingerprint('case-1', b));
    assert.notEqual(await uploadFingerprint('case-1', a), await uploadFingerprint('case-2', a));
  });

  it('reads the tail too: a change in the last 64 KiB is a new file', async () => {
    const one = bytes(300_000, 1);
    const two = one.slice();
    two[299_990] = (two[299_990] ?? 0) ^ 0xff;
    assert.notEqual(await uploadFingerprint('c', new Blob([one])), await uploadFingerprint('c', new Blob([two])));
  });
});

describe('the resume store', () => {
  it('keeps only the URL and record id under an opaque key', () => {
    const storage = new MemoryStorage();
    const store = new ResumeStore(storage);
    const fp = 'a'.repeat(64);
    store.set(fp, { uploadUrl: 'http://127.0.0.1/v1/cases/c/uploads/u' });
    store.set(fp, { recordId: 'r1' });
    assert.deepEqual(store.get(fp), { uploadUrl: 'http://127.0.0.1/v1/cases/c/uploads/u', recordId: 'r1' });
    assert.deepEqual(storage.entries(), [[`so-upload:${fp}`, '{"u":"http://127.0.0.1/v1/cases/c/uploads/u","r":"r1"}']]);
    store.remove(fp);
    assert.deepEqual(storage.entries(), []);
  });

  it('refuses readable keys', () => {
    assert.throws(() => new ResumeStore(new MemoryStorage()).set('SMITH_JOHN.pdf', { uploadUrl: 'x' }), TypeError);
  });

  it('ignores junk left in storage', () => {
    const storage = new MemoryStorage();
    storage.setItem(`so-upload:${'b'.repeat(64)}`, '{not json');
    assert.equal(new ResumeStore(storage).get('b'.repeat(64)), undefined);
  });
});

const pdf = () => new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(200));
const exe = () => Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, ...bytes(200, 3)]);

describe('the checks before upload', () => {
  const limits = { maxSize: 1000, accept: MEDIA_TYPES };

  it('accepts a PDF by its content, whatever its name', async () => {
    assert.equal(await checkFile(new File([pdf()], 'whatever.bin'), limits), 'application/pdf');
  });

  it('refuses an executable renamed .pdf, with a stable code and plain words', async () => {
    await assert.rejects(checkFile(new File([exe()], 'report.pdf', { type: 'application/pdf' }), limits), (e: unknown) => {
      assert.ok(e instanceof FileRefusedError);
      assert.equal(e.code, 'validation');
      assert.equal(e.reason, 'type_not_allowed');
      assert.equal(e.issues[0]?.code, 'file_type_not_allowed');
      assert.match(e.message, /cannot be sent/);
      return true;
    });
  });

  it('refuses an oversized file, saying the limit, in French too', async () => {
    await assert.rejects(checkFile(new Blob([pdf(), new Uint8Array(2000)]), limits, 'fr-CA'), (e: unknown) => {
      assert.ok(e instanceof FileRefusedError);
      assert.equal(e.reason, 'file_too_large');
      assert.match(e.message, /trop volumineux/);
      return true;
    });
    await assert.rejects(checkFile(new Blob([new Uint8Array(3 * 1024 ** 2)]), { maxSize: 2 * 1024 ** 2, accept: MEDIA_TYPES }), /smaller than 2 MB/);
  });

  it('refuses an empty file and a type the backend does not accept', async () => {
    await assert.rejects(checkFile(new Blob([]), limits), (e: unknown) => e instanceof FileRefusedError && e.reason === 'file_empty');
    await assert.rejects(checkFile(new Blob([pdf()]), { maxSize: 1000, accept: ['image/png'] }), (e: unknown) => e instanceof FileRefusedError && e.reason === 'type_not_allowed');
  });
});

describe('the incremental SHA-256', () => {
  it('gives OpenSSL\'s digest whether it reads slices or the stream, at slice edges and off them', async () => {
    const { sha256Incremental } = await import('../../src/core/uploads/hash-core.js');
    const { createHash, randomFillSync } = await import('node:crypto');
    for (const size of [0, 1, MiB, 4 * MiB, 9 * MiB + 7]) {
      const bytes = randomFillSync(new Uint8Array(size));
      const expected = createHash('sha256').update(bytes).digest('hex');
      const blob = new Blob([bytes]);
      const seen: number[] = [];
      assert.equal(await sha256Incremental(blob, { read: 'stream', onProgress: (n) => seen.push(n) }), expected, `stream, ${size} bytes`);
      assert.equal(await sha256Incremental(blob, { sliceBytes: 4 * MiB }), expected, `slices, ${size} bytes`);
      assert.equal(seen.at(-1) ?? 0, size, 'progress ends at the size');
    }
  });

  it('stops at the first chunk read after it is cancelled', async () => {
    const { HashCancelled, sha256Incremental } = await import('../../src/core/uploads/hash-core.js');
    let asked = 0;
    const run = sha256Incremental(new Blob([new Uint8Array(8 * MiB)]), { read: 'stream', cancelled: () => ++asked > 0 });
    await assert.rejects(run, HashCancelled);
    assert.equal(asked, 1, 'asked once, after the first chunk, and never read on');
  });
});

describe('the file reader handed to tus-js-client', () => {
  it('hands over the File itself for a part that is the whole file, and a slice otherwise', async () => {
    const { BlobReader } = await import('../../src/core/uploads/blob-reader.js');
    const file = new File([new Uint8Array(3 * MiB)], 'x.pdf');
    const source = await new BlobReader().openFile(file);
    const whole = await source.slice(0, 16 * MiB);
    assert.equal(whole.value, file);
    assert.equal(whole.done, true);
    const first = await source.slice(0, MiB);
    assert.notEqual(first.value, file);
    assert.equal((first.value as Blob).size, MiB);
    assert.equal(first.done, false);
    const rest = await source.slice(MiB, 16 * MiB);
    assert.equal((rest.value as Blob).size, 2 * MiB);
    assert.equal(rest.done, true);
  });

  it('cuts the parts before handing the file over, one per task, so starting a part takes no slice; an offset off the plan is cut then', async () => {
    const { BlobReader } = await import('../../src/core/uploads/blob-reader.js');
    // A File that counts its slices.
    let slices = 0;
    class CountingFile extends File {
      override slice(...args: Parameters<Blob['slice']>): Blob {
        slices++;
        return super.slice(...args);
      }
    }
    const bytes = new Uint8Array(3 * MiB).map((_, i) => i % 251);
    const file = new CountingFile([bytes], 'x.pdf');
    const opening = new BlobReader().openFile(file, MiB);
    assert.equal(slices, 0, 'nothing is cut in the task that opens the file');
    const source = await opening;
    assert.equal(slices, 3, 'the planned parts are cut before the file is handed over');
    const parts = [await source.slice(0, MiB), await source.slice(MiB, 2 * MiB), await source.slice(2 * MiB, 3 * MiB)];
    assert.equal(slices, 3, 'taking the planned parts cuts nothing');
    assert.deepEqual(parts.map((p) => [(p.value as Blob).size, p.done]), [[MiB, false], [MiB, false], [MiB, true]]);
    assert.deepEqual(new Uint8Array(await (parts[1]!.value as Blob).arrayBuffer()), bytes.subarray(MiB, 2 * MiB));
    const resumed = await source.slice(MiB / 2, MiB / 2 + MiB);
    assert.equal(slices, 4, 'an offset off the plan is cut when asked');
    assert.deepEqual(new Uint8Array(await (resumed.value as Blob).arrayBuffer()), bytes.subarray(MiB / 2, MiB / 2 + MiB));
    source.close();
  });
});
