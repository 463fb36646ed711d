// Where record bytes live: local files in the data directory (the default), or an S3-compatible
// object store (`SO_RECORDS_STORE=s3://bucket/prefix`) that every instance shares. Both hold tus
// uploads and the server's own files under the same names (`uploads/<id>`, `records/<id>`), read
// as streams: no instance ever holds a whole file in memory.
//
// Either tus store hashes each upload's bytes as they pass, with hash-wasm, whose SHA-256 state is
// saved with the upload's row after every write: the instance that finishes an upload may not be
// the one that started it, and still needs no second read of the file. A write that did not store
// exactly what was hashed (a crash mid-write, a failed disk or part write) clears the state, and
// the finish reads the stored bytes again, streamed.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import type { S3 } from '@aws-sdk/client-s3';
import { ERRORS, type DataStore } from '@tus/server';
import { createSHA256, type IHasher } from 'hash-wasm';
import type { Db } from './db.js';

/** Where `SO_RECORDS_STORE` points: an S3 bucket and key prefix. */
export interface S3Location {
  bucket: string;
  /** Empty, or ending with `/`. */
  prefix: string;
}

/** Parses `s3://bucket/prefix`; anything else is a startup error that names the setting. */
export function parseRecordsStore(value: string | undefined): S3Location | undefined {
  if (!value) return undefined;
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(value);
  if (!m) throw new Error('SO_RECORDS_STORE must look like s3://bucket/prefix');
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  return { bucket: m[1]!, prefix: prefix ? `${prefix}/` : '' };
}

// Upload ids are the UUIDs of the tus naming function; anything else never reaches the store.
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A tus store that keeps each upload's running SHA-256 with its row (see the file comment). */
export interface HashingStore extends DataStore {
  /** The store's id of an upload (its key in the bucket, or its file name). */
  storeId(uploadId: string): string;
  /** The upload id of a store id, or undefined when it is not one of ours. */
  uploadId(storeId: string): string | undefined;
}

/** The SHA-256 of upload `uploadId` if every one of its `size` bytes was hashed as it was stored. */
export async function takeUploadHash(db: Db, uploadId: string, size: number): Promise<string | undefined> {
  const row = (await db.query<{ hash_state: Uint8Array | null; hash_offset: string | number | null }>(
    'SELECT hash_state, hash_offset FROM uploads WHERE id = $1', [uploadId],
  )).rows[0];
  if (!row?.hash_state || Number(row.hash_offset) !== size) return undefined;
  const h = await createSHA256();
  h.load(new Uint8Array(row.hash_state));
  return h.digest('hex');
}

async function loadHasher(db: Db, uploadId: string, offset: number): Promise<IHasher | undefined> {
  const h = await createSHA256();
  if (offset === 0) return h.init();
  const row = (await db.query<{ hash_state: Uint8Array | null; hash_offset: string | number | null }>(
    'SELECT hash_state, hash_offset FROM uploads WHERE id = $1', [uploadId],
  )).rows[0];
  if (!row?.hash_state || Number(row.hash_offset) !== offset) return undefined;
  h.load(new Uint8Array(row.hash_state));
  return h;
}

// One hashing write for both stores: the bytes pass through the hasher on their way to the store
// (`write`), which keeps its state at the end of the latest chunks and at every MiB from where the
// write began (S3 keeps whole parts, whole MiBs, of a write that breaks off). Once the write is
// over, the state kept is the one at the offset the store holds: what its write reports, or after
// a failed write (a cut connection) what it reports holding (`stored`). No state there: none is kept.
const STEP = 1024 * 1024;
const RECENT = 64;

async function hashedWrite(
  db: Db, uploadId: string | undefined, readable: Readable, offset: number,
  write: (r: Readable) => Promise<number>, stored: () => Promise<number>,
): Promise<number> {
  if (!uploadId) throw ERRORS.FILE_NOT_FOUND;
  const hasher = await loadHasher(db, uploadId, offset);
  const steps = new Map<number, Uint8Array>();
  const recent = new Map<number, Uint8Array>();
  if (hasher) steps.set(offset, hasher.save());
  let at = offset;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (hasher) {
        for (let from = 0; from < chunk.length;) {
          const step = STEP - ((at - offset) % STEP);
          const piece = chunk.subarray(from, from + step);
          hasher.update(piece);
          from += piece.length;
          at += piece.length;
          if ((at - offset) % STEP === 0) steps.set(at, hasher.save());
        }
        recent.set(at, hasher.save());
        if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
      } else {
        at += chunk.length;
      }
      done(null, chunk);
    },
  });
  pipeline(readable, tap, () => {});
  const keep = async (held: number) => {
    const state = recent.get(held) ?? steps.get(held);
    await db.query('UPDATE uploads SET hash_state = $2, hash_offset = $3 WHERE id = $1', [uploadId, state ? Buffer.from(state) : null, state ? held : null]);
  };
  let held: number;
  try {
    held = await write(tap);
  } catch (e) {
    await keep(await stored().catch(() => -1)).catch(() => {});
    throw e;
  }
  await keep(held);
  return held;
}

/** How a stream the server stores itself is checked as it passes (each check may throw, which ends the write). */
export interface StreamChecks {
  /** Called with the running size after each chunk, before the chunk is stored. */
  size(bytes: number): void;
  /** How many first bytes `head` is given. */
  headBytes: number;
  /** Called once with the first `headBytes` bytes (fewer when the stream is shorter), before any of them is stored. */
  head(first: Uint8Array): void;
}

/** What a stored stream was: its size, its SHA-256 (hash-wasm, made as it passed) and its first bytes. */
export interface StoredStream {
  size: number;
  sha256: string;
  head: Uint8Array;
}

// The bytes of a stream on their way to a store: checked, hashed and counted, chunk by chunk. The
// first chunks wait until the head is complete and checked, so nothing refused is ever written.
async function* checkedChunks(body: AsyncIterable<Uint8Array>, checks: StreamChecks, found: StoredStream, hasher: IHasher): AsyncGenerator<Buffer> {
  let waiting: Buffer[] | undefined = [];
  let headSize = 0;
  const headDone = () => {
    const all = Buffer.concat(waiting!);
    found.head = new Uint8Array(all.subarray(0, checks.headBytes));
    checks.head(found.head);
    waiting = undefined;
    return all;
  };
  for await (const piece of body) {
    const chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    found.size += chunk.length;
    checks.size(found.size);
    hasher.update(chunk);
    if (waiting) {
      waiting.push(chunk);
      headSize += chunk.length;
      if (headSize >= checks.headBytes) yield headDone();
    } else {
      yield chunk;
    }
  }
  if (waiting) {
    const all = headDone();
    if (all.length) yield all;
  }
  found.sha256 = hasher.digest('hex');
}

async function checked(body: AsyncIterable<Uint8Array>, checks: StreamChecks): Promise<{ chunks: AsyncGenerator<Buffer>; found: StoredStream }> {
  const found: StoredStream = { size: 0, sha256: '', head: new Uint8Array() };
  const hasher = (await createSHA256()).init();
  return { chunks: checkedChunks(body, checks, found, hasher), found };
}

/** Record bytes: the tus store, and reading and writing files by name. */
export interface RecordFiles {
  readonly tus: HashingStore;
  /** The name of a tus upload's bytes, as kept in `records.file`. */
  uploadFile(uploadId: string): string;
  /** Streams a stored file, whole or bytes `start`..`end` (inclusive). */
  read(file: string, range?: { start: number; end: number }): Promise<Readable>;
  /**
   * Stores a file the server takes in itself (a staff report) from a stream, never whole in memory:
   * checked, hashed and counted as it passes (see {@link StreamChecks}). The file exists under its
   * name only once every byte is stored; a check that throws, a cut body or a failed write leaves
   * nothing behind, and the error is thrown.
   */
  putStream(file: string, body: AsyncIterable<Uint8Array>, checks: StreamChecks): Promise<StoredStream>;
  /** Deletes a file the server stored (a report whose write was not committed). */
  remove(file: string): Promise<void>;
  /** Deletes an upload's bytes, finished or not. */
  removeUpload(uploadId: string): Promise<void>;
  /** Resolves once every write under way has ended and kept its hash state (before the database closes). */
  drain(): Promise<void>;
}

// The writes under way, so that closing waits until each has kept its hash state.
class Writes {
  private readonly running = new Set<Promise<unknown>>();
  track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    void p.catch(() => {}).finally(() => this.running.delete(p));
    return p;
  }
  async drain(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}

/** What the stores need besides their location. */
export interface RecordFilesOptions {
  dataDir: string;
  expirationMs: number;
  db: Db;
  /** Where records live when not in local files. */
  s3?: S3Location;
}

/** Local files or S3, as configured. */
export async function openRecordFiles(options: RecordFilesOptions): Promise<RecordFiles> {
  return options.s3 ? openS3Files(options, options.s3) : openLocalFiles(options);
}

async function openLocalFiles({ dataDir, expirationMs, db }: RecordFilesOptions): Promise<RecordFiles> {
  const { FileStore } = await import('@tus/file-store');
  const directory = join(dataDir, 'uploads');
  const toUploadId = (id: string) => (UPLOAD_ID.test(id) ? id : undefined);
  const writes = new Writes();
  class LocalStore extends FileStore implements HashingStore {
    storeId = (uploadId: string) => uploadId;
    uploadId = toUploadId;
    override write(readable: Readable, id: string, offset: number): Promise<number> {
      return writes.track(hashedWrite(db, toUploadId(id), readable, offset, (r) => super.write(r, id, offset), async () => (await this.getUpload(id)).offset));
    }
  }
  const tus = new LocalStore({ directory, expirationPeriodInMilliseconds: expirationMs });
  return {
    tus,
    uploadFile: (uploadId) => join('uploads', uploadId),
    read: async (file, range) => createReadStream(join(dataDir, file), range),
    putStream: (file, body, checks) => writes.track((async () => {
      const path = join(dataDir, file);
      // Written beside its name, then renamed: a half-written file is never read as the record.
      const part = `${path}.part`;
      await mkdir(dirname(path), { recursive: true });
      const { chunks, found } = await checked(body, checks);
      try {
        await pipelineAsync(chunks, createWriteStream(part, { flags: 'wx' }));
        await rename(part, path);
      } catch (e) {
        await rm(part, { force: true });
        throw e;
      }
      return found;
    })()),
    remove: (file) => rm(join(dataDir, file), { force: true }),
    removeUpload: (uploadId) => tus.remove(uploadId).catch(() => {}),
    drain: () => writes.drain(),
  };
}

/**
 * The S3 client settings from the standard environment: `AWS_ENDPOINT_URL_S3` (or
 * `AWS_ENDPOINT_URL`), `AWS_REGION`, and the SDK's own credential chain (`AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY`, ...). Checksums only where the API requires them: S3-compatible stores
 * such as Ceph RGW refuse the SDK's default aws-chunked part uploads (411).
 */
export function s3ClientConfig(bucket: string, env: NodeJS.ProcessEnv = process.env) {
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  return {
    bucket,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  };
}

async function openS3Files({ expirationMs, db }: RecordFilesOptions, { bucket, prefix }: S3Location): Promise<RecordFiles> {
  const { S3Store } = await import('@tus/s3-store');
  const uploads = `${prefix}uploads/`;
  const toUploadId = (id: string) => {
    const rest = id.startsWith(uploads) ? id.slice(uploads.length) : '';
    return UPLOAD_ID.test(rest) ? rest : undefined;
  };
  const writes = new Writes();
  class S3Records extends S3Store implements HashingStore {
    storeId = (uploadId: string) => `${uploads}${uploadId}`;
    uploadId = toUploadId;
    override write(readable: Readable, id: string, offset: number): Promise<number> {
      return writes.track(hashedWrite(db, toUploadId(id), readable, offset, (r) => super.write(r, id, offset), async () => (await this.getUpload(id)).offset));
    }
    get s3(): S3 {
      return this.client;
    }
    // A finished upload is an object, no longer a multipart upload: removing it deletes that too.
    override async remove(id: string): Promise<void> {
      await super.remove(id).catch(() => {});
      await this.client.deleteObjects({ Bucket: bucket, Delete: { Objects: [{ Key: id }, { Key: `${id}.info` }, { Key: `${id}.part` }], Quiet: true } });
    }
  }
  const tus = new S3Records({ partSize: 8 * 1024 * 1024, expirationPeriodInMilliseconds: expirationMs, s3ClientConfig: s3ClientConfig(bucket) });
  const key = (file: string) => `${prefix}${file}`;
  return {
    tus,
    uploadFile: (uploadId) => `uploads/${uploadId}`,
    async read(file, range) {
      try {
        const out = await tus.s3.getObject({ Bucket: bucket, Key: key(file), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) });
        return out.Body as Readable;
      } catch (e) {
        // A range of an empty object is no bytes, not an error.
        if (range && (e as { name?: string }).name === 'InvalidRange') return Readable.from([]);
        throw e;
      }
    },
    putStream: (file, body, checks) => writes.track(putS3Stream(tus.s3, bucket, key(file), body, checks)),
    async remove(file) {
      await tus.s3.deleteObject({ Bucket: bucket, Key: key(file) });
    },
    removeUpload: (uploadId) => tus.remove(tus.storeId(uploadId)).catch(() => {}),
    drain: () => writes.drain(),
  };
}

// One part in memory at a time: S3's multipart upload, the way the tus store sends parts. A stream
// shorter than one part is one PutObject; a failure aborts the multipart upload, so S3 keeps nothing.
const S3_PART = 8 * 1024 * 1024;

async function putS3Stream(s3: S3, bucket: string, key: string, body: AsyncIterable<Uint8Array>, checks: StreamChecks): Promise<StoredStream> {
  const { chunks, found } = await checked(body, checks);
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let uploadId: string | undefined;
  const parts: { ETag: string; PartNumber: number }[] = [];
  const flush = async () => {
    const part = Buffer.concat(pending, pendingSize);
    pending = [];
    pendingSize = 0;
    uploadId ??= (await s3.createMultipartUpload({ Bucket: bucket, Key: key })).UploadId;
    const PartNumber = parts.length + 1;
    const { ETag } = await s3.uploadPart({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber, Body: part, ContentLength: part.length });
    parts.push({ ETag: ETag ?? '', PartNumber });
  };
  try {
    for await (const chunk of chunks) {
      pending.push(chunk);
      pendingSize += chunk.length;
      if (pendingSize >= S3_PART) await flush();
    }
    if (!uploadId) {
      const whole = Buffer.concat(pending, pendingSize);
      await s3.putObject({ Bucket: bucket, Key: key, Body: whole, ContentLength: whole.length });
    } else {
      if (pendingSize) await flush();
      await s3.completeMultipartUpload({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } });
    }
  } catch (e) {
    if (uploadId) await s3.abortMultipartUpload({ Bucket: bucket, Key: key, UploadId: uploadId }).catch(() => {});
    throw e;
  }
  return found;
}
