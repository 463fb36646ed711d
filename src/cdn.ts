// The self-contained CDN module: the core, plus every element registered on load.
import { useTrustedTypesForWorker } from './core/uploads/hasher.js';

export * from './index.js';
export * from './elements/index.js';

// CDN pages often run a strict CSP with Trusted Types: the hashing Worker goes through a named policy.
useTrustedTypesForWorker();
