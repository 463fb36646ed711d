// The shared client suite on FhirBackend over a real FHIR R4 engine (strict validation): two
// Patient resources for the two patients, and a staff backend that sees every case.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient } from '../../src/index.js';
import { FhirBackend, REDUCED_PROFILE, type FhirProfile } from '../../src/fhir/index.js';
import { describeClientSuite } from '../unit/client-suite.js';
import { createPatient, recordedEngine } from './engine.js';

for (const profile of [undefined, REDUCED_PROFILE] as (FhirProfile | undefined)[]) {
  const engine = recordedEngine();
  describeClientSuite(`FhirBackend (${profile?.name ?? 'full'} profile)`, async () => {
    const alice = await createPatient(engine.fetch, engine.baseUrl, 'Alice');
    const bob = await createPatient(engine.fetch, engine.baseUrl, 'Bob');
    const backend = (subjectPatientId?: string) => new FhirBackend({ baseUrl: engine.baseUrl, fetch: engine.fetch, ...(profile ? { profile } : {}), ...(subjectPatientId ? { subjectPatientId } : {}) });
    return {
      patient: createClient({ backend: backend(alice) }),
      otherPatient: createClient({ backend: backend(bob) }),
      staff: createClient({ backend: backend() }),
      close: async () => {},
    };
  });
  describe(`FhirBackend (${profile?.name ?? 'full'} profile) writes`, () => {
    it('made the engine reject none of its writes in the whole suite', () => {
      assert.ok(engine.log.filter((e) => e.method === 'POST' && e.path === '' && e.status === 200).length > 30, 'the suite wrote through transactions');
      assert.deepEqual(engine.rejected(), []);
    });
  });
}
