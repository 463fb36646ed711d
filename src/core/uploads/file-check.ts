// The checks made before any byte leaves: size within limits, content of an accepted type (by its
// first bytes, never by its name or declared type). The server repeats both.
import { ValidationError } from '../errors.js';
import type { MediaType } from '../model/codes.js';
import { issueMessage } from '../i18n/issues.js';
import { SNIFF_BYTES, sniffMediaType } from './sniff.js';

/** The limits one file is checked against. */
export interface FileLimits {
  maxSize: number;
  accept: readonly MediaType[];
}

/** Why a file was refused before upload (also the record's `rejectionReason` when the server refuses it). */
export type RefusalReason = 'file_empty' | 'file_too_large' | 'type_not_allowed';

/** A file refused before upload: a ValidationError on `content` with a stable issue code. */
export class FileRefusedError extends ValidationError {
  override name = 'FileRefusedError';
  readonly reason: RefusalReason;
  constructor(reason: RefusalReason, locale: string, maximum?: number) {
    const code = reason === 'type_not_allowed' ? 'file_type_not_allowed' : reason;
    const params = maximum === undefined ? {} : { maximum };
    super([{ path: 'content', code, message: issueMessage(locale, code, params), ...(maximum === undefined ? {} : { params }) }]);
    this.reason = reason;
    // The message a person sees is the specific one, not the form-level summary.
    this.message = issueMessage(locale, code, params);
  }
}

/** Checks size and sniffed type; reads only the first 132 bytes. Returns the sniffed media type. */
export async function checkFile(file: Blob, limits: FileLimits, locale = 'en'): Promise<MediaType> {
  if (file.size === 0) throw new FileRefusedError('file_empty', locale);
  if (file.size > limits.maxSize) throw new FileRefusedError('file_too_large', locale, limits.maxSize);
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const type = sniffMediaType(head);
  if (!type || !limits.accept.includes(type)) throw new FileRefusedError('type_not_allowed', locale);
  return type;
}
