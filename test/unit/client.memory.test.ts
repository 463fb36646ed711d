// The shared client suite on MemoryBackend, plus what only the in-process backend shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createClient, MemoryBackend, ProtocolError, UnsupportedError, ValidationError, type Backend,
} from '../../src/index.js';
import { validRequest } from '../fixtures/requests.js';
import { describeClientSuite } from './client-suite.js';

describeClientSuite('MemoryBackend', async () => {
  const backend = new MemoryBackend();
  return {
    patient: createClient({ backend, getAccessToken: () => 'alice' }),
    otherPatient: createClient({ backend, getAccessToken: () => 'bob' }),
    staff: createClient({ backend, getAccessToken: () => 'staff' }),
    close: async () => {},
  };
});

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

describe('records on MemoryBackend', () => {
  it('stores a record, verifies its SHA-256 and gives the same bytes back', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await client.cases.create(validRequest(), { submit: true });
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', PDF))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const rec = await client.records.put(c.id, new Blob([PDF]), { kind: 'pathology', title: 'Pathology report', sha256: digest });
    assert.equal(rec.status, 'verified');
    assert.equal(rec.mediaType, 'application/pdf');
    assert.equal(rec.sha256, digest);
    const back = new Uint8Array(await (await client.records.content(c.id, rec.id)).arrayBuffer());
    assert.deepEqual(back, PDF);
    const updated = await client.cases.get(c.id);
    assert.deepEqual(updated.records.map((r) => r.id), [rec.id]);
  });

  it('rejects a record whose content does not match the client’s hash', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await client.cases.create(validRequest(), { submit: true });
    const rec = await client.records.put(c.id, new Blob([PDF]), { kind: 'pathology', title: 'Report', sha256: '0'.repeat(64) });
    assert.equal(rec.status, 'rejected');
    assert.equal(rec.rejectionReason, 'hash_mismatch');
  });

  it('refuses an executable renamed as a PDF, whatever it claims to be', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await client.cases.create(validRequest(), { submit: true });
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, ...new Array(200).fill(0)]);
    await assert.rejects(client.records.put(c.id, new Blob([exe], { type: 'application/pdf' }), { kind: 'other', title: 'scan.pdf' }), (e) => e instanceof ValidationError && e.issues[0]?.code === 'invalid_format');
    assert.deepEqual((await client.cases.get(c.id)).records, []);
  });

  it('refuses a record larger than the configured limit before reading it', async () => {
    const client = createClient({ backend: new MemoryBackend({ config: { uploads: { maxSize: 10, acceptedTypes: ['application/pdf'], tusExtensions: [] } } }) });
    const c = await client.cases.create(validRequest(), { submit: true });
    await assert.rejects(client.records.put(c.id, new Blob([PDF]), { kind: 'other', title: 'big' }), (e) => e instanceof ValidationError && e.issues[0]?.code === 'too_long');
  });
});

describe('answers from a backend are validated', () => {
  // A backend that answers nonsense: the client must turn it into a ProtocolError, not crash.
  function lying(answer: unknown): Backend {
    const real = new MemoryBackend();
    return new Proxy(real, { get: (t, p, r) => (p === 'getCase' || p === 'getConfig' || p === 'listCases' ? async () => answer : Reflect.get(t, p, r)) });
  }

  for (const [label, answer] of [['a string', 'oops'], ['null', null], ['a case without a status', { id: 'x' }], ['an HTML page', '<html></html>'], ['a case with a bad status', { id: 'x', status: 'exploded' }]] as const) {
    it(`turns ${label} into a ProtocolError with field issues`, async () => {
      const client = createClient({ backend: lying(answer) });
      await assert.rejects(client.cases.get('x'), (e) => e instanceof ProtocolError && e.code === 'protocol' && e.issues.length > 0);
      await assert.rejects(client.config(), (e) => e instanceof ProtocolError);
      await assert.rejects(client.cases.list(), (e) => e instanceof ProtocolError);
    });
  }

  it('turns an unexpected exception inside a backend into a ProtocolError', async () => {
    const real = new MemoryBackend();
    const broken = new Proxy(real, { get: (t, p, r) => (p === 'getCase' ? async () => { throw new TypeError('boom'); } : Reflect.get(t, p, r)) });
    await assert.rejects(createClient({ backend: broken }).cases.get('x'), (e) => e instanceof ProtocolError && e.cause instanceof TypeError);
  });

  it('says plainly when a backend has no staff moves or upload engine', async () => {
    const real = new MemoryBackend();
    const noStaff = new Proxy(real, { get: (t, p, r) => (p === 'staff' ? undefined : Reflect.get(t, p, r)) });
    await assert.rejects(createClient({ backend: noStaff }).staff.triage('x'), (e) => e instanceof UnsupportedError);
    assert.throws(() => createClient({ backend: real }).records.upload('x', new Blob([]), { kind: 'other', title: 't' }), UnsupportedError);
  });
});
