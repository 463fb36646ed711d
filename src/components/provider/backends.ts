// Builds the backend a provider names. Each loads on demand, so a page downloads only the one it uses
// (the in-memory backend carries the whole lifecycle engine, which REST pages never need); a load
// that failed (the network dropped) is tried again by the next provider that asks.
import type { Backend } from '../../core/backend.js';
import { UnsupportedError, ValidationError } from '../../core/errors.js';
import { onDemand } from '../../core/on-demand.js';

/** The backends `<so-provider backend>` knows. */
export type BackendKind = 'rest' | 'fhir' | 'memory';

const memory = onDemand(() => import('../../core/backends/memory/memory-backend.js'));
const rest = onDemand(() => import('../../core/backends/rest/index.js'));
const fhir = onDemand(() => import('../../fhir/index.js'));

/** Creates the backend for a provider's `backend` and `endpoint`. */
export async function createBackend(kind: BackendKind, endpoint: string | undefined): Promise<Backend> {
  if (kind === 'memory') {
    const { MemoryBackend } = await memory.load();
    return new MemoryBackend();
  }
  if (!endpoint) throw new ValidationError([{ path: 'endpoint', code: 'required', message: 'Set the endpoint attribute.' }]);
  if (kind === 'rest') {
    const { RestBackend } = await rest.load();
    return new RestBackend({ endpoint });
  }
  if (kind === 'fhir') {
    const { FhirBackend } = await fhir.load();
    return new FhirBackend({ baseUrl: endpoint });
  }
  throw new UnsupportedError(`the ${String(kind)} backend`);
}
