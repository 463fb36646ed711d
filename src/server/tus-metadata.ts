// tus Upload-Metadata: `key base64,key base64`, checked against the record metadata the protocol allows.
import * as z from 'zod/mini';
import { ValidationError } from '../core/errors.js';
import { RecordKindSchema } from '../core/model/case.js';
import { MEDIA_TYPES } from '../core/model/codes.js';
import { parseWith } from '../core/model/parse.js';
import { sha256, text } from '../core/model/primitives.js';

/** The metadata an upload may carry. Anything else (a file name above all) is ignored, never stored. */
export const UploadMetadataSchema = z.object({
  kind: RecordKindSchema,
  title: text(200),
  sha256: z.optional(sha256),
  mediaType: z.optional(z.enum(MEDIA_TYPES, 'invalid_choice')),
});

/** Parsed upload metadata. */
export type UploadMetadata = z.output<typeof UploadMetadataSchema>;

/** Decodes the header into key/value pairs; a malformed pair is a 422. */
export function decodeMetadata(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? '').split(',')) {
    const trimmed = pair.trim();
    if (!trimmed) continue;
    const [key, value, extra] = trimmed.split(' ');
    if (!key || extra !== undefined || (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value))) {
      throw new ValidationError([{ path: 'metadata', code: 'invalid_format', message: 'Check this entry.' }]);
    }
    out[key] = value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8');
  }
  return out;
}

/** The upload's metadata, validated with the core's record rules (paths under `metadata.`). */
export function parseUploadMetadata(header: string | undefined): UploadMetadata {
  const raw = decodeMetadata(header);
  const parsed = parseWith(UploadMetadataSchema, {
    kind: raw.kind,
    title: raw.title,
    ...(raw.sha256 ? { sha256: raw.sha256.toLowerCase() } : {}),
    ...(raw.mediaType ? { mediaType: raw.mediaType } : {}),
  });
  if (!parsed.ok) throw new ValidationError(parsed.issues.map((i) => ({ ...i, path: `metadata.${i.path}` })));
  return parsed.value;
}
