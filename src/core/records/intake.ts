// The record-intake rule, one for every backend (MemoryBackend, FhirBackend, the reference server):
// content over the size limit is refused; its type is what its first bytes say (never its name or
// declared type), and a type the service does not accept is refused; its SHA-256 against the one
// the client declared decides verified or rejected (`hash_mismatch`). Pure: no Node-only or
// DOM-only API, so it runs in the browser and in Node alike.
//
// Refused and rejected differ by where the content is: content handed over whole (a `putRecord`)
// that is refused is never stored (a ValidationError, with the words below); a resumable upload's
// record exists from its creation, so what the rule finds at its end is written into the record
// (`rejected`, with the reason).
import { ValidationError } from '../errors.js';
import type { CaseRecord } from '../model/case.js';
import type { MediaType } from '../model/codes.js';
import type { FieldIssue } from '../model/parse.js';
import { sha256Hex } from '../uploads/digest.js';
import { SNIFF_BYTES, sniffMediaType } from '../uploads/sniff.js';

/** The limits content is taken in under: a backend's `config.uploads`. */
export interface IntakeLimits {
  readonly maxSize: number;
  readonly acceptedTypes: readonly string[];
}

/** Why the rule refuses content, or rejects its record. */
export type IntakeReason = 'too_large' | 'type_not_allowed' | 'hash_mismatch';

/** Every reason a backend writes into a rejected record: the rule's, and an upload's end (`cancelled`, `expired`). */
export type RecordRejection = IntakeReason | 'cancelled' | 'expired';

/** What a record becomes. `received`: content in and checked, waiting for the client's SHA-256. */
export type IntakeOutcome = { status: 'verified' } | { status: 'received' } | { status: 'rejected'; reason: RecordRejection };

/** What the backend found in the content it holds. */
export interface IntakeFindings {
  size: number;
  /** The sniffed type, undefined when the first bytes are no type the kit knows. */
  mediaType?: MediaType | undefined;
  /** The backend's own SHA-256 of the content, lowercase hex. */
  sha256: string;
}

/**
 * What content with no declared SHA-256 becomes: `verified` when the backend was handed it whole
 * (it hashed every byte it stores; there is nothing to compare), `received` for a resumable upload,
 * whose client sends its hash later.
 */
export type Undeclared = 'verified' | 'received';

/** True when content of `size` bytes is over the limit (checked before any byte is read). */
export function overLimit(size: number, limits: Pick<IntakeLimits, 'maxSize'>): boolean {
  return size > limits.maxSize;
}

/** True when the sniffed type is one the service accepts. */
export function typeAccepted(mediaType: MediaType | undefined, limits: Pick<IntakeLimits, 'acceptedTypes'>): mediaType is MediaType {
  return mediaType !== undefined && limits.acceptedTypes.includes(mediaType);
}

/** The backend's SHA-256 against the client's: verified, rejected (`hash_mismatch`), or `undeclared` without one. */
export function compareHash(found: string, declared: string | undefined, undeclared: Undeclared): IntakeOutcome {
  if (!declared) return { status: undeclared };
  return declared.toLowerCase() === found.toLowerCase() ? { status: 'verified' } : { status: 'rejected', reason: 'hash_mismatch' };
}

/** The whole rule on what the backend found: size, then type, then hash. */
export function decideIntake(found: IntakeFindings, declared: string | undefined, limits: IntakeLimits, undeclared: Undeclared): IntakeOutcome {
  if (overLimit(found.size, limits)) return { status: 'rejected', reason: 'too_large' };
  if (!typeAccepted(found.mediaType, limits)) return { status: 'rejected', reason: 'type_not_allowed' };
  return compareHash(found.sha256, declared, undeclared);
}

/** The record with an outcome written in: its status, and `verifiedAt` or `rejectionReason` (the other one cleared). */
export function settleRecord(record: Omit<CaseRecord, 'status'> & { status?: CaseRecord['status'] }, outcome: IntakeOutcome, at: string): CaseRecord {
  const { rejectionReason: _r, verifiedAt: _v, ...rest } = record;
  if (outcome.status === 'verified') return { ...rest, status: 'verified', verifiedAt: at };
  if (outcome.status === 'rejected') return { ...rest, status: 'rejected', rejectionReason: outcome.reason };
  return { ...rest, status: 'received' };
}

/** The sentence for content over the size limit. */
export const TOO_LARGE_MESSAGE = 'This file is larger than the service accepts.';
/** The sentence for content of a type the service does not accept. */
export const TYPE_NOT_ALLOWED_MESSAGE = 'This type of file is not accepted.';

/** The words refused content is told with, the same from every backend (the client translates by `code`). */
export function intakeIssue(reason: 'too_large', maximum: number): FieldIssue;
export function intakeIssue(reason: 'type_not_allowed'): FieldIssue;
export function intakeIssue(reason: 'too_large' | 'type_not_allowed', maximum?: number): FieldIssue {
  return reason === 'too_large'
    ? { path: 'content', code: 'too_long', message: TOO_LARGE_MESSAGE, params: { maximum: maximum ?? 0 } }
    : { path: 'content', code: 'invalid_format', message: TYPE_NOT_ALLOWED_MESSAGE };
}

/** Content handed over whole, taken in: its bytes, what they are, and the record's outcome. */
export interface WholeIntake {
  bytes: Uint8Array<ArrayBuffer>;
  mediaType: MediaType;
  sha256: string;
  /** `verified`, or `rejected` with `hash_mismatch`. */
  outcome: IntakeOutcome;
}

/**
 * The rule for content handed over whole (MemoryBackend, FhirBackend `putRecord`): too large or of
 * a type not accepted is refused (a ValidationError, nothing read past the size or the first bytes
 * past the type); otherwise hashed and decided against the declared SHA-256.
 */
export async function takeWhole(content: Blob, declared: string | undefined, limits: IntakeLimits): Promise<WholeIntake> {
  if (overLimit(content.size, limits)) throw new ValidationError([intakeIssue('too_large', limits.maxSize)]);
  const mediaType = sniffMediaType(new Uint8Array(await content.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (!typeAccepted(mediaType, limits)) throw new ValidationError([intakeIssue('type_not_allowed')]);
  const bytes = new Uint8Array(await content.arrayBuffer());
  const sha256 = await sha256Hex(bytes);
  return { bytes, mediaType, sha256, outcome: decideIntake({ size: bytes.length, mediaType, sha256 }, declared, limits, 'verified') };
}
