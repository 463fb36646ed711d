// The shared client suite on RestBackend against a fresh reference server.
import { describeClientSuite } from '../unit/client-suite.js';
import { startReference } from './reference.js';

describeClientSuite('RestBackend', async () => {
  const ref = await startReference();
  const [alice, bob, staff] = await Promise.all([ref.token('alice'), ref.token('bob'), ref.token('staff-1', ['coordinator', 'specialist'])]);
  return {
    patient: ref.client(() => alice),
    otherPatient: ref.client(() => bob),
    staff: ref.client(() => staff),
    close: () => ref.close(),
  };
});
