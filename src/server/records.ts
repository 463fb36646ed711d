// Record contents: where verified bytes live, and the metadata row beside each record.
import { createHash } from 'node:crypto';
import type { CaseRecord } from '../core/model/case.js';
import type { MediaType } from '../core/model/codes.js';
import { SNIFF_BYTES, sniffMediaType } from '../core/uploads/sniff.js';
import type { Queryable } from './db.js';
import type { RecordFiles } from './record-files.js';

/** What the server found in stored content: its sniffed type and its SHA-256. */
export interface Inspection {
  mediaType?: MediaType;
  sha256: string;
  size: number;
}

/** The sniffed type of a stored file, from its first bytes only. */
export async function sniffStored(files: RecordFiles, file: string): Promise<MediaType | undefined> {
  const chunks: Buffer[] = [];
  let n = 0;
  const stream = await files.read(file, { start: 0, end: SNIFF_BYTES - 1 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    n += chunk.length;
    if (n >= SNIFF_BYTES) break;
  }
  stream.destroy();
  return sniffMediaType(Buffer.concat(chunks).subarray(0, SNIFF_BYTES));
}

/** Sniffs the first bytes and hashes the whole stored file as a stream (never read whole into memory). */
export async function inspectStored(files: RecordFiles, file: string): Promise<Inspection> {
  const mediaType = await sniffStored(files, file);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of await files.read(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { ...(mediaType ? { mediaType } : {}), sha256: hash.digest('hex'), size };
}

/** Writes the metadata row of a record; `file` is relative to the data directory, or null. */
export async function saveRecordRow(tx: Queryable, caseId: string, r: CaseRecord, file: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO records (case_id, id, status, media_type, size, sha256, file) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (case_id, id) DO UPDATE SET status = $3, media_type = $4, size = $5, sha256 = $6, file = $7`,
    [caseId, r.id, r.status, r.mediaType, r.size, r.sha256 ?? null, file],
  );
}
