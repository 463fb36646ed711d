// Record contents: where verified bytes live, and the metadata row beside each record.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseRecord } from '../core/model/case.js';
import type { MediaType } from '../core/model/codes.js';
import { SNIFF_BYTES, sniffMediaType } from '../core/uploads/sniff.js';
import type { Queryable } from './db.js';

/** What the server found in stored content: its sniffed type and its SHA-256. */
export interface Inspection {
  mediaType?: MediaType;
  sha256: string;
  size: number;
}

/** The sniffed type of stored content, from its first bytes only. */
export async function sniffFile(path: string): Promise<MediaType | undefined> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return sniffMediaType(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** Sniffs the first bytes and hashes the whole file as a stream (never read whole into memory). */
export async function inspectFile(path: string): Promise<Inspection> {
  const mediaType = await sniffFile(path);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { ...(mediaType ? { mediaType } : {}), sha256: hash.digest('hex'), size };
}

/** Sniffs and hashes content held in memory (small staff reports). */
export function inspectBytes(bytes: Uint8Array): Inspection {
  return { mediaType: sniffMediaType(bytes.subarray(0, SNIFF_BYTES)), sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}

/** The folder for record files written by the server itself (staff reports). */
export async function recordsDir(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'records');
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Writes the metadata row of a record; `file` is relative to the data directory, or null. */
export async function saveRecordRow(tx: Queryable, caseId: string, r: CaseRecord, file: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO records (case_id, id, status, media_type, size, sha256, file) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (case_id, id) DO UPDATE SET status = $3, media_type = $4, size = $5, sha256 = $6, file = $7`,
    [caseId, r.id, r.status, r.mediaType, r.size, r.sha256 ?? null, file],
  );
}
