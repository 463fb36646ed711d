/**
 * second-opinion-kit core: the case model, its lifecycle, the client and the in-memory backend.
 * @packageDocumentation
 */
export * from './model/index.js';
export * from './lifecycle/index.js';
export * from './errors.js';
export * from './backend.js';
export * from './client/client.js';
export * from './client/events.js';
export * from './client/engines.js';
export * from './watch/case-watcher.js';
export * from './watch/deferred-watch.js';
export * from './backoff.js';
export * from './i18n/statuses.js';
export * from './i18n/issues.js';
export * from './i18n/record-kinds.js';
export { DEFAULT_CONFIG, DEFAULT_MAX_BODY_SIZE } from './defaults.js';
export { sniffMediaType, SNIFF_BYTES } from './uploads/sniff.js';
export { sha256Hex } from './uploads/digest.js';
export { MemoryBackend, type MemoryBackendOptions } from './backends/memory/memory-backend.js';
export { RestBackend, type RestBackendOptions, type RestRetryOptions } from './backends/rest/index.js';
export * from './uploads/index.js';
