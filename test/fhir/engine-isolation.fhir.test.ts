// The test engine's transactions are isolated from reads, as a real server's are: a read made while
// a transaction is half written waits for it and sees all of it. Without this, a watcher polling
// between a move's Task update and its Provenance read half a move and lost the rest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Patient } from '@medplum/fhirtypes';
import { StrictRepo } from '../fhir-engine/strict-repo.js';
// Loads the R4 definitions the repository validates against.
import '../fhir-engine/fhir-test-server.js';

describe('the FHIR test engine isolates transactions', () => {
  it('a read made between two writes of a transaction sees both once it ends', { timeout: 10_000 }, async () => {
    const repo = new StrictRepo();
    let firstWritten!: () => void;
    const midway = new Promise<void>((done) => (firstWritten = done));
    let finish!: () => void;
    const gate = new Promise<void>((done) => (finish = done));
    const tx = repo.withTransaction(async (r) => {
      await r.createResource({ resourceType: 'Patient', name: [{ family: 'Tremblay' }] } satisfies Patient);
      // The transaction's own reads see its writes at once.
      assert.equal((await r.searchResources<Patient>({ resourceType: 'Patient' })).length, 1);
      firstWritten();
      await gate;
      await r.createResource({ resourceType: 'Patient', name: [{ family: 'Roy' }] } satisfies Patient);
    });
    await midway;
    let answered = false;
    const read = repo.searchResources<Patient>({ resourceType: 'Patient' }).then((found) => {
      answered = true;
      return found;
    });
    // Give the read every chance to answer early: run the pending jobs (no timers involved).
    for (let i = 0; i < 20; i++) await Promise.resolve();
    assert.equal(answered, false, 'the read waits for the transaction');
    finish();
    await tx;
    assert.deepEqual((await read).map((p) => p.name?.[0]?.family).sort(), ['Roy', 'Tremblay']);
  });
});
