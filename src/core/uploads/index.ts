// The upload engine's public surface.
export { UploadManager, installUploads, type UploadManagerOptions } from './upload-manager.js';
export { ManagedUpload, type AddUploadOptions, type RejectionReason } from './record-upload.js';
export { MAX_CHECKSUM_FAILURES, type UploadTimers } from './tus-transfer.js';
export { UploadStateEvent, UploadProgressEvent, UploadErrorEvent, UploadRecordEvent, BeforeUploadEvent, type UploadEventMap } from './events.js';
export { FileRefusedError, checkFile, type FileLimits, type RefusalReason } from './file-check.js';
export { planParts, MIN_PART_BYTES, MAX_PARTS, type PartPlan, type PartPlanOptions } from './part-planner.js';
export { retryDelayMs, isRetryableStatus, type UploadRetryOptions } from './retry-policy.js';
export { uploadFingerprint, FINGERPRINT_SAMPLE_BYTES } from './fingerprint.js';
export { ResumeStore, MemoryStorage, type KeyValueStorage, type ResumeEntry } from './resume-store.js';
export { WorkerHasher, MainThreadHasher, defaultHasher, useTrustedTypesForWorker, type Hasher, type WorkerFactory } from './hasher.js';
export { HashCancelled } from './hash-cancelled.js';
export { FetchHttpStack } from './fetch-http-stack.js';
export type { UploadHttpStack, UploadHttpRequest, UploadHttpResponse, UploadFileReader, UploadFileSource, UploadSlice } from './tus-types.js';
