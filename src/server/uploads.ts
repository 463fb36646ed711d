// Record uploads over tus 1.0.0 (@tus/server, file store). Creation puts an `uploading` record in
// the case; completion sniffs and hashes what was stored and marks the record verified or rejected.
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { ERRORS, Server, type Upload } from '@tus/server';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { putRecord } from '../core/lifecycle/engine.js';
import type { Case, CaseRecord } from '../core/model/case.js';
import type { Db } from './db.js';
import type { ResolvedOptions } from './config.js';
import { inspectFile, saveRecordRow, sniffFile } from './records.js';
import type { KeyedWrite } from './idempotency.js';
import type { CaseStore } from './store.js';
import type { UploadMetadata } from './tus-metadata.js';

/** What the route knows about a creation request before tus sees it. */
export interface CreationContext {
  caseId: string;
  owner: string;
  recordId: string;
  meta: UploadMetadata;
  size: number;
  /** The creation's Idempotency-Key guard, for the upload tus is about to create. */
  once?: (uploadId: string) => KeyedWrite | undefined;
}

/** What a completed upload became. */
export interface Completion {
  uploadId: string;
  recordId: string;
  /** `received`: stored and sniffed, waiting for the client's SHA-256 (see `confirm`). */
  status: 'verified' | 'rejected' | 'received';
}

/** How the server's SHA-256 of finished uploads was made, since the process started (diagnostics and tests). */
export const uploadHashStats = { incremental: 0, fullPass: 0 };

// Upload ids are the UUIDs of `namingFunction`; anything else never reaches the disk.
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The tus file store, hashing each upload's bytes as they are written, in offset order: a finished
 * upload's SHA-256 needs no second read of the file. The running hashes live in memory only, so a
 * restart (or a write that does not continue where the hash stopped) leaves `takeHash` empty and
 * the caller hashes the stored file instead.
 */
export class HashingFileStore extends FileStore {
  private readonly running = new Map<string, { hash: Hash; offset: number }>();

  override async create(file: Upload): Promise<Upload> {
    const created = await super.create(file);
    this.running.set(file.id, { hash: createHash('sha256'), offset: 0 });
    return created;
  }

  // Each chunk is hashed only once it is on disk, so the hash always covers exactly the bytes stored.
  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    if (!UPLOAD_ID.test(id)) throw ERRORS.FILE_NOT_FOUND;
    let run = this.running.get(id);
    if (run && run.offset !== offset) {
      this.running.delete(id);
      run = undefined;
    }
    let at = offset;
    let writing = false;
    let fh;
    try {
      fh = await open(join(this.directory, id), 'r+');
      for await (const chunk of readable as AsyncIterable<Buffer>) {
        writing = true;
        for (let done = 0; done < chunk.length;) done += (await fh.write(chunk, done, chunk.length - done, at + done)).bytesWritten;
        writing = false;
        at += chunk.length;
        if (run) {
          run.hash.update(chunk);
          run.offset = at;
        }
      }
    } catch {
      // A cut between chunks leaves disk and hash agreeing; a failed disk write may leave part of a
      // chunk stored but not hashed, so only then is the running hash given up for a full pass.
      if (writing) this.running.delete(id);
      throw ERRORS.FILE_WRITE_ERROR;
    } finally {
      await fh?.close();
    }
    return at;
  }

  /** The SHA-256 of a finished upload of `size` bytes, if its bytes were all hashed on arrival; forgets it. */
  takeHash(id: string, size: number): string | undefined {
    const run = this.running.get(id);
    this.running.delete(id);
    return run && run.offset === size ? run.hash.digest('hex') : undefined;
  }

  override async remove(id: string): Promise<void> {
    this.running.delete(id);
    await super.remove(id);
  }
}

/** A tus failure the hooks raise, in the shape @tus/server answers with. */
const tusFailure = (status_code: number, body: string) => ({ status_code, body });

/** The tus server and the bookkeeping around it. */
export class Uploads {
  readonly tus: Server;
  readonly store: HashingFileStore;
  private readonly creations = new WeakMap<Request, CreationContext>();
  private readonly completions = new WeakMap<Request, Completion>();
  private readonly failures = new WeakMap<Request, unknown>();

  constructor(
    private readonly db: Db,
    private readonly cases: CaseStore,
    private readonly options: ResolvedOptions,
  ) {
    this.store = new HashingFileStore({ directory: join(options.dataDir, 'uploads'), expirationPeriodInMilliseconds: options.uploadExpirationMs });
    this.tus = new Server({
      path: '/v1/cases',
      datastore: this.store,
      maxSize: options.config.uploads.maxSize,
      disableTerminationForFinishedUploads: true,
      namingFunction: () => crypto.randomUUID(),
      // Upload URLs live under their case: /v1/cases/{id}/uploads/{uploadId}.
      generateUrl: (req, { id }) => `${new URL(req.url).pathname.replace(/\/+$/, '')}/${id}`,
      getFileIdFromRequest: (req) => /\/uploads\/([^/]+)$/.exec(new URL(req.url).pathname)?.[1],
      onUploadCreate: (req, upload) => this.onCreate(req as unknown as Request, upload),
      onUploadFinish: (req, upload) => this.onFinish(req as unknown as Request, upload),
    });
  }

  /** Hands a creation request to tus with what the route already checked. */
  create(req: Request, ctx: CreationContext): Promise<Response> {
    this.creations.set(req, ctx);
    return this.tus.handleWeb(req);
  }

  /** Hands a HEAD, PATCH or DELETE to tus. */
  handle(req: Request): Promise<Response> {
    return this.tus.handleWeb(req);
  }

  /** What stopped a creation before tus made the upload (a replay, a closed case): the route answers it. */
  failure(req: Request): unknown {
    return this.failures.get(req);
  }

  /** What the request completed, if it completed an upload. */
  completion(req: Request): Completion | undefined {
    return this.completions.get(req);
  }

  private async onCreate(req: Request, upload: Upload): Promise<{ metadata: Record<string, string> }> {
    const ctx = this.creations.get(req);
    if (!ctx) throw tusFailure(500, 'no creation context');
    const record: CaseRecord = {
      id: ctx.recordId,
      kind: ctx.meta.kind,
      title: ctx.meta.title,
      mediaType: ctx.meta.mediaType ?? 'application/octet-stream',
      size: ctx.size,
      status: 'uploading',
      source: 'patient',
      createdAt: new Date().toISOString(),
    };
    const engine = this.cases.engineContext();
    try {
      await this.cases.mutate(ctx.caseId, { owner: ctx.owner }, async (cur, tx) => {
        const result = putRecord(cur, record, engine, 'patient');
        if (!result.ok) return result;
        await tx.query('INSERT INTO uploads (id, case_id, record_id, owner, sha256) VALUES ($1, $2, $3, $4, $5)', [upload.id, ctx.caseId, ctx.recordId, ctx.owner, ctx.meta.sha256 ?? null]);
        await saveRecordRow(tx, ctx.caseId, record, null);
        return result;
      }, { once: ctx.once?.(upload.id) });
    } catch (e) {
      // tus would answer any error as a 500: the route answers it instead, and tus creates nothing.
      this.failures.set(req, e);
      throw tusFailure(409, 'failed');
    }
    // The database holds the metadata; the file store keeps none (no titles on disk beside the bytes).
    return { metadata: {} };
  }

  private async onFinish(req: Request, upload: Upload): Promise<{ status_code: number; headers: Record<string, string> }> {
    const row = (await this.db.query<{ case_id: string; record_id: string; sha256: string | null; finished: boolean }>(
      'SELECT case_id, record_id, sha256, finished FROM uploads WHERE id = $1', [upload.id],
    )).rows[0];
    if (!row) throw tusFailure(404, 'not_found');
    // Finishing happens once: an empty PATCH at the end of a finished upload answers the record as it
    // is, with no second hash, version or timeline entry.
    if (row.finished) {
      const done = (await this.db.query<{ status: string }>('SELECT status FROM records WHERE case_id = $1 AND id = $2', [row.case_id, row.record_id])).rows[0];
      return { status_code: 204, headers: { 'SO-Record-Id': row.record_id, 'SO-Record-Status': done?.status ?? 'rejected' } };
    }
    const path = join(this.store.directory, upload.id);
    const incremental = this.store.takeHash(upload.id, upload.size ?? upload.offset);
    // A second read of the whole file only when the running hash was lost (restart, out-of-order write).
    const found = incremental ? { mediaType: await sniffFile(path), sha256: incremental, size: upload.offset } : await inspectFile(path);
    uploadHashStats[incremental ? 'incremental' : 'fullPass']++;
    const accepted = found.mediaType !== undefined && this.options.config.uploads.acceptedTypes.includes(found.mediaType);
    const reason = !accepted ? 'type_not_allowed' : row.sha256 && row.sha256 !== found.sha256 ? 'hash_mismatch' : undefined;
    const at = new Date().toISOString();
    const engine = this.cases.engineContext();
    try {
      await this.cases.mutate(row.case_id, { system: true }, async (cur, tx) => {
        const before = cur.records.find((r) => r.id === row.record_id);
        if (!before) return { ok: false, error: new ConflictError('conflict') };
        // Another request finished it meanwhile: nothing more to do.
        const claimed = await tx.query('UPDATE uploads SET finished = true WHERE id = $1 AND NOT finished', [upload.id]);
        if (claimed.rowCount !== 1) return { ok: true, case: cur, events: [] };
        const { rejectionReason: _r, verifiedAt: _v, ...rest } = before;
        const record: CaseRecord = {
          ...rest,
          mediaType: found.mediaType ?? before.mediaType,
          size: found.size,
          sha256: found.sha256,
          // Without the client's hash (sent at creation or later through `confirm`) nothing is verified.
          ...(reason ? { status: 'rejected', rejectionReason: reason } : row.sha256 ? { status: 'verified', verifiedAt: at } : { status: 'received' }),
        };
        const result = putRecord(cur, record, engine, 'patient');
        if (!result.ok) return result;
        await saveRecordRow(tx, row.case_id, record, reason ? null : join('uploads', upload.id));
        return result;
      });
    } catch (e) {
      // The case was closed (withdrawn, declined) while the bytes travelled.
      throw e instanceof ConflictError ? tusFailure(409, e.reason) : e;
    }
    const status = reason ? 'rejected' : row.sha256 ? 'verified' : 'received';
    this.completions.set(req, { uploadId: upload.id, recordId: row.record_id, status });
    return { status_code: reason === 'type_not_allowed' ? 415 : req.method === 'POST' ? 201 : 204, headers: { 'SO-Record-Id': row.record_id, 'SO-Record-Status': status } };
  }

  /**
   * Compares the client's SHA-256, sent after the bytes (uploads created before the hash was
   * known), with the server's: the `received` record becomes `verified` or `rejected` (`hash_mismatch`).
   * A record already decided is answered as it is, so a repeated call changes nothing.
   */
  async confirm(caseId: string, owner: string, recordId: string, sha256: string, once?: KeyedWrite): Promise<Case> {
    const engine = this.cases.engineContext();
    const at = new Date().toISOString();
    let mismatch = false;
    const after = await this.cases.mutate(caseId, { owner }, async (cur, tx) => {
      const before = cur.records.find((r) => r.id === recordId);
      if (!before || before.source !== 'patient') throw new NotFoundError();
      if (before.status !== 'received') return { ok: true, case: cur, events: [] };
      mismatch = before.sha256 !== sha256;
      const record: CaseRecord = mismatch ? { ...before, status: 'rejected', rejectionReason: 'hash_mismatch' } : { ...before, status: 'verified', verifiedAt: at };
      const result = putRecord(cur, record, engine, 'patient');
      if (!result.ok) return result;
      const file = (await tx.query<{ file: string | null }>('SELECT file FROM records WHERE case_id = $1 AND id = $2', [caseId, recordId])).rows[0]?.file ?? null;
      await saveRecordRow(tx, caseId, record, mismatch ? null : file);
      return result;
    }, { once });
    if (mismatch) {
      const up = (await this.db.query<{ id: string }>('SELECT id FROM uploads WHERE case_id = $1 AND record_id = $2', [caseId, recordId])).rows[0];
      if (up) await this.remove(up.id);
    }
    if (!after.records.some((r) => r.id === recordId)) throw new NotFoundError();
    return after;
  }

  /**
   * After a PATCH refused with 413: a body longer than Upload-Length stores the declared length and
   * then fails, so the upload is complete but never finished. Its record is rejected (`too_large`, as
   * the client was told) and the bytes go, so no record stays `uploading`. True when that happened.
   */
  async overran(uploadId: string): Promise<boolean> {
    const upload = await this.store.getUpload(uploadId).catch(() => undefined);
    if (upload?.size === undefined || upload.offset !== upload.size) return false;
    await this.close(uploadId, 'too_large');
    await this.remove(uploadId);
    return true;
  }

  /** Marks the record of a terminated upload as rejected (`cancelled`) while it was still uploading. */
  async terminated(uploadId: string): Promise<void> {
    await this.close(uploadId, 'cancelled');
  }

  private async close(uploadId: string, reason: string): Promise<void> {
    const row = (await this.db.query<{ case_id: string; record_id: string }>('SELECT case_id, record_id FROM uploads WHERE id = $1 AND NOT finished', [uploadId])).rows[0];
    if (!row) return;
    const engine = this.cases.engineContext();
    await this.cases.mutate(row.case_id, { system: true }, async (cur, tx) => {
      const before = cur.records.find((r) => r.id === row.record_id);
      await tx.query('UPDATE uploads SET finished = true WHERE id = $1', [uploadId]);
      if (!before || before.status !== 'uploading') return { ok: true, case: cur, events: [] };
      const record: CaseRecord = { ...before, status: 'rejected', rejectionReason: reason };
      const result = putRecord(cur, record, engine, 'system');
      if (result.ok) await saveRecordRow(tx, row.case_id, record, null);
      return result;
    }).catch(() => {
      // A closed case keeps its records as they were.
    });
  }

  /** Deletes unfinished uploads older than the expiration period at `now`, and rejects their records (`expired`). */
  async expire(now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.uploadExpirationMs);
    const stale = await this.db.query<{ id: string }>('SELECT id FROM uploads WHERE NOT finished AND created_at <= $1', [cutoff.toISOString()]);
    for (const { id } of stale.rows) {
      await this.close(id, 'expired');
      await this.remove(id);
    }
    // Leftovers the table does not know (a crash between the store and the database) go by the store's own clock.
    await this.tus.cleanUpExpiredUploads();
    return stale.rows.length;
  }

  /** Removes stored bytes (rejected content is never kept). */
  async remove(uploadId: string): Promise<void> {
    await this.store.remove(uploadId).catch(() => {});
  }
}
