// Test helpers: a fresh real FHIR engine (strict R4 validation) per suite, with a log of every
// answer it gave, so tests can assert that the adapter never made the engine reject a write.
import { createFhirFetch } from '../fhir-engine/fhir-test-server.js';

/** One answer the engine gave. */
export interface Exchange { method: string; path: string; status: number; detail?: string }

/** A strict engine behind an in-process fetch that records every exchange. */
export function recordedEngine(options: { strict?: boolean } = {}) {
  const engine = createFhirFetch({ strict: options.strict ?? true });
  const log: Exchange[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    const res = await engine.fetch(req);
    const u = new URL(req.url);
    const entry: Exchange = { method: req.method, path: u.pathname.replace(/^\/fhir\/R4/, '') + u.search, status: res.status };
    if (res.status >= 400) entry.detail = await res.clone().text();
    log.push(entry);
    return res;
  };
  return { ...engine, fetch, log, baseUrl: 'http://fhir.test/fhir/R4', rejected: () => log.filter((e) => e.status === 400 || e.status === 422) };
}

/** Creates a Patient directly on the engine (as the portal's patient record would already exist). */
export async function createPatient(fetch: typeof globalThis.fetch, baseUrl: string, family: string): Promise<string> {
  const res = await fetch(`${baseUrl}/Patient`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify({ resourceType: 'Patient', name: [{ family, given: ['Test'] }] }) });
  const body = await res.json() as { id: string };
  if (res.status !== 201) throw new Error(`patient not created: ${res.status}`);
  return body.id;
}
