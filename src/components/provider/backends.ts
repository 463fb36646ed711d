// Builds the backend a provider names. REST and FHIR load on demand, so pages that use
// neither (or only one) never download the other's code.
import { MemoryBackend, UnsupportedError, ValidationError, type Backend } from '../../core/index.js';

/** The backends `<so-provider backend>` knows. */
export type BackendKind = 'rest' | 'fhir' | 'memory';

/** Creates the backend for a provider's `backend` and `endpoint`. */
export async function createBackend(kind: BackendKind, endpoint: string | undefined): Promise<Backend> {
  if (kind === 'memory') return new MemoryBackend();
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
