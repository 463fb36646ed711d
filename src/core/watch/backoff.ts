// The watcher's backoff is the kit's one jittered backoff (`core/backoff.ts`); this path stays only
// for src/server and src/fhir, which import it here, until they import `core/backoff.js` directly.
export { reconnectDelay, type BackoffOptions } from '../backoff.js';
