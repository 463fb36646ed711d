// The resume key of a file: opaque, derived from the case, the size and a sample of the content,
// so no name ever reaches storage and another file with the same name and size is a new upload.
import { sha256Hex } from './digest.js';

/** Bytes read from each end of a file for its fingerprint. */
export const FINGERPRINT_SAMPLE_BYTES = 64 * 1024;

/** The opaque fingerprint of `file` for uploads to `caseId`: hex SHA-256 of case id, size and first + last 64 KiB. */
export async function uploadFingerprint(caseId: string, file: Blob): Promise<string> {
  const head = file.slice(0, FINGERPRINT_SAMPLE_BYTES);
  const tail = file.size > FINGERPRINT_SAMPLE_BYTES ? file.slice(Math.max(FINGERPRINT_SAMPLE_BYTES, file.size - FINGERPRINT_SAMPLE_BYTES)) : new Blob([]);
  const label = new TextEncoder().encode(`so-upload-v1\u0000${caseId}\u0000${file.size}\u0000`);
  const sample = new Blob([label, head, tail]);
  return sha256Hex(sample);
}
