// The workflow tests' session on FhirBackend: a fresh Patient on the shared FHIR engine (started
// by test/browser/fhir.server.mjs), a patient client scoped to it and a staff client that sees
// every case. The FHIR config's test page says which backend and profile (see web-test-runner.fhir.config.mjs).
/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { SecondOpinionClient, watchEngine } from '../../src/core/index.js';
import { FhirBackend, FULL_PROFILE, REDUCED_PROFILE } from '../../src/fhir/index.js';

/** What the test page set: `SO_TEST_BACKEND` (`rest` or `fhir`) and `SO_TEST_FHIR_PROFILE` (`full` or `reduced`). */
const page = globalThis as { SO_TEST_BACKEND?: string; SO_TEST_FHIR_PROFILE?: string };

/** The backend the workflow tests run on in this page. */
export const TEST_BACKEND: 'rest' | 'fhir' = page.SO_TEST_BACKEND === 'fhir' ? 'fhir' : 'rest';

/** The FHIR capability profile of this page's run. */
export const TEST_FHIR_PROFILE = page.SO_TEST_FHIR_PROFILE === 'reduced' ? REDUCED_PROFILE : FULL_PROFILE;

/** The shared FHIR engine's base URL. */
export async function fhirBaseUrl(): Promise<string> {
  return (await executeServerCommand<{ baseUrl: string }, undefined>('so-fhir')).baseUrl;
}

/** Every write the engine refused so far (method, path, status). */
export async function fhirRejected(): Promise<{ method: string; path: string; status: number }[]> {
  return executeServerCommand<{ method: string; path: string; status: number }[], undefined>('so-fhir-rejected');
}

/** A patient and a staff client on FhirBackend; `fetch` is the patient's (it counts requests). */
export async function fhirClients(fetch: typeof globalThis.fetch): Promise<{ url: string; patient: SecondOpinionClient; staff: SecondOpinionClient }> {
  const url = await fhirBaseUrl();
  // The Patient exists before the case, as it would in the portal's FHIR server.
  const res = await globalThis.fetch(`${url}/Patient`, {
    method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Tremblay', given: ['Marie-Ève'] }] }),
  });
  if (res.status !== 201) throw new Error(`patient: ${res.status}`);
  const subjectPatientId = ((await res.json()) as { id: string }).id;
  const backend = (options: { fetch?: typeof globalThis.fetch; subjectPatientId?: string }) => new FhirBackend({
    baseUrl: url, profile: TEST_FHIR_PROFILE, pollIntervalMs: 150, retry: { baseDelayMs: 5, maxDelayMs: 50 }, ...options,
  });
  const patient = new SecondOpinionClient({ backend: backend({ fetch, subjectPatientId }), getAccessToken: () => undefined })
    .use({ watch: watchEngine({ fetch, reconnect: { minMs: 50, maxMs: 250 } }) });
  const staff = new SecondOpinionClient({ backend: backend({}), getAccessToken: () => undefined });
  return { url, patient, staff };
}

// Every file that runs on FHIR ends by checking the engine refused none of the kit's writes.
if (TEST_BACKEND === 'fhir') {
  after(async () => {
    expect(await fhirRejected()).to.deep.equal([]);
  });
}
