// The kit's CodeSystems: valid R4 resources, covering every core code, and published as JSON in the docs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { OUTCOMES, REASONS, RECORD_KINDS, STATUSES } from '../../src/index.js';
import { CASE_STATUS_CODES, KIT_CODE_SYSTEMS, OUTCOME_CODES, REASON_CODES, RECORD_KIND_CODES } from '../../src/fhir/index.js';
import { recordedEngine } from './engine.js';

describe('the kit’s CodeSystems', () => {
  it('are each accepted by the strict R4 engine', async () => {
    const engine = recordedEngine();
    for (const cs of KIT_CODE_SYSTEMS) {
      const res = await engine.fetch(`${engine.baseUrl}/CodeSystem`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(cs) });
      assert.equal(res.status, 201, `${cs.url}: ${await res.text()}`);
    }
  });

  it('cover every code of the core model', () => {
    const codes = (cs: { concept: { code: string }[] }) => cs.concept.map((c) => c.code);
    assert.deepEqual(codes(CASE_STATUS_CODES), [...STATUSES]);
    assert.deepEqual(codes(OUTCOME_CODES), [...OUTCOMES]);
    assert.deepEqual(codes(REASON_CODES), [...REASONS]);
    assert.deepEqual(codes(RECORD_KIND_CODES), [...RECORD_KINDS]);
  });

  it('are published unchanged in docs/fhir/codesystems.json', () => {
    const published = JSON.parse(readFileSync(new URL('../../docs/fhir/codesystems.json', import.meta.url), 'utf8')) as { entry: { resource: unknown }[] };
    assert.deepEqual(published.entry.map((e) => e.resource), JSON.parse(JSON.stringify(KIT_CODE_SYSTEMS)));
  });
});
