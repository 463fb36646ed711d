// FhirBackend takes records in by the core's intake rule, against a real FHIR R4 engine in strict
// mode: too large or of a type not accepted is refused with the rule's words and writes nothing; a
// SHA-256 that does not match is a rejected DocumentReference without a Binary.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../src/index.js';
import { intakeIssue } from '../../src/core/records/intake.js';
import { FhirBackend } from '../../src/fhir/index.js';
import { validRequest } from '../fixtures/requests.js';
import { createPatient, recordedEngine } from './engine.js';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw FHIR JSON read back for assertions

async function setup() {
  const engine = recordedEngine();
  const patientId = await createPatient(engine.fetch, engine.baseUrl, 'Gagnon');
  const backend = new FhirBackend({
    baseUrl: engine.baseUrl, fetch: engine.fetch, subjectPatientId: patientId,
    config: { uploads: { maxSize: 1000, acceptedTypes: ['application/pdf'], tusExtensions: [] } },
  });
  const ctx = { getAccessToken: () => undefined };
  const c = (await backend.createCase({ request: validRequest(), submit: true }, ctx)) as { id: string; version: number };
  const search = async (path: string): Promise<Json[]> => ((await (await engine.fetch(`${engine.baseUrl}/${path}`)).json() as Json).entry ?? []).map((e: Json) => e.resource);
  return { engine, backend, ctx, c, search };
}

describe('FhirBackend takes records in by the core’s intake rule', () => {
  it('refuses content over the limit and a type not accepted, and writes nothing', async () => {
    const { engine, backend, ctx, c, search } = await setup();
    const meta = { kind: 'pathology' as const, title: 'Report' };
    const writes = () => engine.log.filter((e) => e.method !== 'GET').length;
    const before = writes();
    await assert.rejects(backend.putRecord(c.id, new Blob([new Uint8Array(1001)]), meta, ctx), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.deepEqual(e.issues, [intakeIssue('too_large', 1000)]);
      return true;
    });
    await assert.rejects(backend.putRecord(c.id, new Blob([PNG], { type: 'application/pdf' }), meta, ctx), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.deepEqual(e.issues, [intakeIssue('type_not_allowed')]);
      return true;
    });
    assert.equal(writes(), before, 'no request wrote anything');
    assert.deepEqual(await search(`DocumentReference?related=ServiceRequest/${c.id}`), []);
  });

  it('stores a mismatching SHA-256 as a rejected DocumentReference with no Binary, and a matching one verified', async () => {
    const { engine, backend, ctx, c, search } = await setup();
    const bad = (await backend.putRecord(c.id, new Blob([PDF]), { kind: 'pathology', title: 'Report', sha256: '0'.repeat(64) }, ctx)) as Json;
    assert.equal(bad.status, 'rejected');
    assert.equal(bad.rejectionReason, 'hash_mismatch');
    assert.equal(bad.verifiedAt, undefined);
    const [doc] = await search(`DocumentReference?_id=${bad.id}`);
    assert.equal(doc!.docStatus, 'preliminary');
    assert.equal(doc!.content[0].attachment.url, undefined, 'no Binary for rejected content');
    await assert.rejects(backend.getRecordContent(c.id, bad.id as string, ctx));
    const good = (await backend.putRecord(c.id, new Blob([PDF]), { kind: 'pathology', title: 'Report' }, ctx)) as Json;
    assert.equal(good.status, 'verified', 'handed over whole with no declared hash: verified on its own');
    assert.equal(good.mediaType, 'application/pdf');
    assert.deepEqual(new Uint8Array(await (await backend.getRecordContent(c.id, good.id as string, ctx)).arrayBuffer()), PDF);
    assert.deepEqual(engine.rejected(), [], 'the engine accepted every write');
  });
});
