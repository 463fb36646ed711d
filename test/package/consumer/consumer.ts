// Compiles against dist/*.d.ts through the package's exports, as an integrator's app would.
import { createClient, MemoryBackend, type Case, type Status, ValidationError } from 'second-opinion-kit';

const client = createClient({ backend: new MemoryBackend(), getAccessToken: () => 'token' });
export async function first(): Promise<Status> {
  const page = await client.cases.list();
  const c: Case | undefined = page.items[0] ? await client.cases.get(page.items[0].id) : undefined;
  if (c && c.status !== 'draft') return c.request.patient.jurisdiction ? c.status : 'draft';
  return 'draft';
}
export const isValidation = (e: unknown): e is ValidationError => e instanceof ValidationError;
