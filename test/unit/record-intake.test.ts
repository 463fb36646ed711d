// The record-intake rule (src/core/records/intake.ts): size limit, sniffed type, SHA-256 -> verified,
// received or rejected, with the words refused content is told with; and the three places that
// take records in (MemoryBackend, FhirBackend through the same takeWhole, the reference server's
// problems) saying the same thing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { MemoryBackend, ValidationError } from '../../src/core/index.js';
import {
  compareHash, decideIntake, intakeIssue, overLimit, settleRecord, takeWhole, typeAccepted, type IntakeLimits,
} from '../../src/core/records/intake.js';
import type { CaseRecord } from '../../src/core/model/case.js';
import { problems } from '../../src/server/problem.js';
import { validRequest } from '../fixtures/requests.js';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const limits: IntakeLimits = { maxSize: 1000, acceptedTypes: ['application/pdf', 'image/jpeg'] };
const AT = '2026-03-01T10:00:00.000Z';

const base: Omit<CaseRecord, 'status'> = {
  id: 'r1', kind: 'pathology', title: 'Pathology report', mediaType: 'application/pdf', size: PDF.length, sha256: sha256(PDF), source: 'patient', createdAt: AT,
};

describe('the intake rule, step by step', () => {
  it('refuses content over the limit, not content at it', () => {
    assert.equal(overLimit(1000, limits), false);
    assert.equal(overLimit(1001, limits), true);
  });

  it('accepts only a sniffed type the service accepts', () => {
    assert.equal(typeAccepted('application/pdf', limits), true);
    assert.equal(typeAccepted('image/png', limits), false, 'a type the kit knows but this service does not accept');
    assert.equal(typeAccepted(undefined, limits), false, 'first bytes that are no known type');
  });

  it('compares the SHA-256s whatever their case, and without a declared one follows the mode', () => {
    const found = sha256(PDF);
    assert.deepEqual(compareHash(found, found.toUpperCase(), 'received'), { status: 'verified' });
    assert.deepEqual(compareHash(found, '0'.repeat(64), 'verified'), { status: 'rejected', reason: 'hash_mismatch' });
    assert.deepEqual(compareHash(found, undefined, 'verified'), { status: 'verified' });
    assert.deepEqual(compareHash(found, undefined, 'received'), { status: 'received' });
    assert.deepEqual(compareHash(found, '', 'received'), { status: 'received' }, 'an empty declared hash is none');
  });

  it('decides size first, then type, then hash', () => {
    const found = { size: PDF.length, mediaType: 'application/pdf' as const, sha256: sha256(PDF) };
    assert.deepEqual(decideIntake(found, found.sha256, limits, 'received'), { status: 'verified' });
    assert.deepEqual(decideIntake({ ...found, size: 5000, mediaType: undefined }, '0'.repeat(64), limits, 'received'), { status: 'rejected', reason: 'too_large' });
    assert.deepEqual(decideIntake({ ...found, mediaType: 'image/png' }, '0'.repeat(64), limits, 'received'), { status: 'rejected', reason: 'type_not_allowed' });
    assert.deepEqual(decideIntake({ ...found, mediaType: undefined }, found.sha256, limits, 'received'), { status: 'rejected', reason: 'type_not_allowed' });
    assert.deepEqual(decideIntake(found, '0'.repeat(64), limits, 'received'), { status: 'rejected', reason: 'hash_mismatch' });
    assert.deepEqual(decideIntake(found, undefined, limits, 'received'), { status: 'received' });
  });

  it('writes the outcome into the record, clearing what the other outcome left', () => {
    const verified = settleRecord({ ...base, rejectionReason: 'hash_mismatch' }, { status: 'verified' }, AT);
    assert.deepEqual(verified, { ...base, status: 'verified', verifiedAt: AT });
    const rejected = settleRecord({ ...base, status: 'received', verifiedAt: AT }, { status: 'rejected', reason: 'cancelled' }, AT);
    assert.deepEqual(rejected, { ...base, status: 'rejected', rejectionReason: 'cancelled' });
    const received = settleRecord({ ...base, status: 'uploading', verifiedAt: AT, rejectionReason: 'x' }, { status: 'received' }, AT);
    assert.deepEqual(received, { ...base, status: 'received' });
  });

  it('tells refused content with the protocol’s codes and words', () => {
    assert.deepEqual(intakeIssue('too_large', 1000), {
      path: 'content', code: 'too_long', message: 'This file is larger than the service accepts.', params: { maximum: 1000 },
    });
    assert.deepEqual(intakeIssue('type_not_allowed'), { path: 'content', code: 'invalid_format', message: 'This type of file is not accepted.' });
  });
});

describe('content handed over whole', () => {
  it('refuses content over the limit without reading a byte of it', async () => {
    const huge = {
      size: 10 ** 12,
      slice: () => assert.fail('sliced'),
      arrayBuffer: () => assert.fail('read'),
    } as unknown as Blob;
    await assert.rejects(takeWhole(huge, undefined, limits), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.deepEqual(e.issues, [intakeIssue('too_large', 1000)]);
      return true;
    });
  });

  it('refuses a type by its first bytes, whatever the Blob says it is', async () => {
    for (const bytes of [PNG, new TextEncoder().encode('just some text')]) {
      await assert.rejects(takeWhole(new Blob([bytes], { type: 'application/pdf' }), undefined, limits), (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.deepEqual(e.issues, [intakeIssue('type_not_allowed')]);
        return true;
      });
    }
  });

  it('hashes what it takes in and decides verified or rejected against the declared SHA-256', async () => {
    const digest = sha256(PDF);
    const ok = await takeWhole(new Blob([PDF], { type: 'image/jpeg' }), digest.toUpperCase(), limits);
    assert.equal(ok.mediaType, 'application/pdf', 'the sniffed type, not the declared one');
    assert.equal(ok.sha256, digest);
    assert.deepEqual(ok.bytes, PDF);
    assert.deepEqual(ok.outcome, { status: 'verified' });
    const bad = await takeWhole(new Blob([PDF]), '0'.repeat(64), limits);
    assert.deepEqual(bad.outcome, { status: 'rejected', reason: 'hash_mismatch' });
    const undeclared = await takeWhole(new Blob([PDF]), undefined, limits);
    assert.deepEqual(undeclared.outcome, { status: 'verified' }, 'handed over whole, it was all hashed: nothing to wait for');
  });
});

describe('every backend says it the same way', () => {
  it('MemoryBackend refuses with the rule’s issues and stores a mismatch as rejected', async () => {
    const backend = new MemoryBackend({ config: { uploads: { maxSize: 1000, acceptedTypes: ['application/pdf'], tusExtensions: [] } } });
    const ctx = { getAccessToken: () => 'alice' };
    const c = (await backend.createCase({ request: validRequest(), submit: true }, ctx)) as { id: string };
    const meta = { kind: 'pathology' as const, title: 'Report' };
    await assert.rejects(backend.putRecord(c.id, new Blob([new Uint8Array(1001)]), meta, ctx), (e: unknown) => {
      assert.deepEqual((e as ValidationError).issues, [intakeIssue('too_large', 1000)]);
      return true;
    });
    await assert.rejects(backend.putRecord(c.id, new Blob([PNG]), meta, ctx), (e: unknown) => {
      assert.deepEqual((e as ValidationError).issues, [intakeIssue('type_not_allowed')]);
      return true;
    });
    const rejected = (await backend.putRecord(c.id, new Blob([PDF]), { ...meta, sha256: '0'.repeat(64) }, ctx)) as CaseRecord;
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.rejectionReason, 'hash_mismatch');
    assert.equal(rejected.verifiedAt, undefined);
    await assert.rejects(backend.getRecordContent(c.id, rejected.id, ctx), 'rejected content is not kept');
  });

  it('the reference server’s problems carry the rule’s issues and words', () => {
    const large = problems.tooLarge(1000);
    assert.equal(large.status, 413);
    assert.equal(large.extra.reason, 'too_large');
    assert.equal(large.message, intakeIssue('too_large', 1000).message);
    assert.deepEqual(large.extra.errors, [intakeIssue('too_large', 1000)]);
    const type = problems.typeNotAllowed();
    assert.equal(type.status, 415);
    assert.equal(type.extra.reason, 'type_not_allowed');
    assert.equal(type.message, intakeIssue('type_not_allowed').message);
    assert.deepEqual(type.extra.errors, [intakeIssue('type_not_allowed')]);
  });
});
