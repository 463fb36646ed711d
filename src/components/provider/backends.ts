// Builds the backend a provider names. Each loads on demand, so a page downloads only the one it uses
// (the in-memory backend carries the whole lifecycle engine, which REST pages never need).
import type { Backend } from '../../core/backend.js';
import { UnsupportedError, ValidationError } from '../../core/errors.js';

/** The backends `<so-provider backend>` knows. */
export type BackendKind = 'rest' | 'fhir' | 'memory';

/** Creates the backend for a provider's `backend` and `endpoint`. */
export async function createBackend(kind: BackendKind, endpoint: string | undefined): Promise<Backend> {
  if (kind === 'memory') {
    const { MemoryBackend } = await import('../../core/backends/memory/memory-backend.js');
    return new MemoryBackend();
  }
  if (!endpoint) throw new ValidationError([{ path: 'endpoint', code: 'required', message: 'Set the endpoint attribute.' }]);
  if (kind === 'rest') {
    const { RestBackend } = await import('../../core/backends/rest/index.js');
    return new RestBackend({ endpoint });
  }
  if (kind === 'fhir') {
    const { FhirBackend } = await import('../../fhir/index.js');
    return new FhirBackend({ baseUrl: endpoint });
  }
  throw new UnsupportedError(`the ${String(kind)} backend`);
}
