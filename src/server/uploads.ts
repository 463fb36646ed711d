// Record uploads over tus 1.0.0 (@tus/server, on local files or S3). Creation puts an `uploading`
// record in the case; completion sniffs what was stored, takes the SHA-256 made as the bytes
// arrived (on whichever instances they arrived), and marks the record verified or rejected.
import { Server, type Upload } from '@tus/server';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { putRecord } from '../core/lifecycle/engine.js';
import type { Case, CaseRecord } from '../core/model/case.js';
import { compareHash, decideIntake, settleRecord, type RecordRejection } from '../core/records/intake.js';
import type { Db } from './db.js';
import type { ResolvedOptions } from './config.js';
import type { KeyedWrite } from './idempotency.js';
import type { Logger } from './logging.js';
import { takeUploadHash, type RecordFiles } from './record-files.js';
import { inspectStored, saveRecordRow, sniffStored } from './records.js';
import { DbLocker } from './upload-lock.js';
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

/** A tus failure the hooks raise, in the shape @tus/server answers with. */
const tusFailure = (status_code: number, body: string) => ({ status_code, body });

/** The tus server and the bookkeeping around it. */
export class Uploads {
  readonly tus: Server;
  readonly locker: DbLocker;
  private readonly creations = new WeakMap<Request, CreationContext>();
  private readonly completions = new WeakMap<Request, Completion>();
  private readonly failures = new WeakMap<Request, unknown>();

  constructor(
    private readonly db: Db,
    private readonly cases: CaseStore,
    private readonly options: ResolvedOptions,
    private readonly files: RecordFiles,
    private readonly logger?: Logger,
  ) {
    const store = files.tus;
    this.locker = new DbLocker(db);
    this.tus = new Server({
      path: '/v1/cases',
      datastore: store,
      locker: this.locker,
      maxSize: options.config.uploads.maxSize,
      disableTerminationForFinishedUploads: true,
      namingFunction: () => store.storeId(crypto.randomUUID()),
      // Upload URLs live under their case: /v1/cases/{id}/uploads/{uploadId}.
      generateUrl: (req, { id }) => `${new URL(req.url).pathname.replace(/\/+$/, '')}/${store.uploadId(id) ?? ''}`,
      getFileIdFromRequest: (req) => {
        const id = /\/uploads\/([^/]+)$/.exec(new URL(req.url).pathname)?.[1];
        return id ? store.storeId(id) : undefined;
      },
      onUploadCreate: (req, upload) => this.onCreate(req as unknown as Request, upload),
      onUploadFinish: (req, upload) => this.onFinish(req as unknown as Request, upload),
    });
  }

  private idOf(upload: Upload): string {
    const id = this.files.tus.uploadId(upload.id);
    if (!id) throw tusFailure(404, 'not_found');
    return id;
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

  /** What the request completed, if it completed an upload. */
  completion(req: Request): Completion | undefined {
    return this.completions.get(req);
  }

  /** What stopped a creation before tus made the upload (a replay, a closed case): the route answers it. */
  failure(req: Request): unknown {
    return this.failures.get(req);
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
    const uploadId = this.idOf(upload);
    try {
      await this.cases.mutate(ctx.caseId, { owner: ctx.owner }, async (cur, tx) => {
        const result = putRecord(cur, record, engine, 'patient');
        if (!result.ok) return result;
        await tx.query('INSERT INTO uploads (id, case_id, record_id, owner, sha256) VALUES ($1, $2, $3, $4, $5)', [uploadId, ctx.caseId, ctx.recordId, ctx.owner, ctx.meta.sha256 ?? null]);
        await saveRecordRow(tx, ctx.caseId, record, null);
        return result;
      }, { once: ctx.once?.(uploadId) });
    } catch (e) {
      // tus would answer any error as a 500: the route answers it instead, and tus creates nothing.
      this.failures.set(req, e);
      throw tusFailure(409, 'failed');
    }
    // The database holds the metadata; the file store keeps none (no titles on disk beside the bytes).
    return { metadata: {} };
  }

  private async onFinish(req: Request, upload: Upload): Promise<{ status_code: number; headers: Record<string, string> }> {
    const uploadId = this.idOf(upload);
    const row = (await this.db.query<{ case_id: string; record_id: string; sha256: string | null; finished: boolean }>(
      'SELECT case_id, record_id, sha256, finished FROM uploads WHERE id = $1', [uploadId],
    )).rows[0];
    if (!row) throw tusFailure(404, 'not_found');
    // Finishing happens once: an empty PATCH at the end of a finished upload answers the record as it
    // is, with no second hash, version or timeline entry.
    if (row.finished) {
      const done = (await this.db.query<{ status: string }>('SELECT status FROM records WHERE case_id = $1 AND id = $2', [row.case_id, row.record_id])).rows[0];
      return { status_code: 204, headers: { 'SO-Record-Id': row.record_id, 'SO-Record-Status': done?.status ?? 'rejected' } };
    }
    const file = this.files.uploadFile(uploadId);
    const incremental = await takeUploadHash(this.db, uploadId, upload.size ?? upload.offset);
    // A second read of the whole file, streamed, only when the running hash was lost (a crash mid-write).
    const found = incremental ? { mediaType: await sniffStored(this.files, file), sha256: incremental, size: upload.offset } : await inspectStored(this.files, file);
    uploadHashStats[incremental ? 'incremental' : 'fullPass']++;
    // Which pass made the hash (no ids: only how the server works, for operators and the multi-instance tests).
    this.logger?.info({ msg: 'upload hashed', hashPass: incremental ? 'incremental' : 'full' });
    // The core's intake rule; without the client's hash (sent at creation or later through `confirm`) nothing is verified.
    const outcome = decideIntake(found, row.sha256 ?? undefined, this.options.config.uploads, 'received');
    const reason = outcome.status === 'rejected' ? outcome.reason : undefined;
    const at = new Date().toISOString();
    const engine = this.cases.engineContext();
    try {
      await this.cases.mutate(row.case_id, { system: true }, async (cur, tx) => {
        const before = cur.records.find((r) => r.id === row.record_id);
        if (!before) return { ok: false, error: new ConflictError('conflict') };
        // Another request finished it meanwhile: nothing more to do.
        const claimed = await tx.query('UPDATE uploads SET finished = true WHERE id = $1 AND NOT finished', [uploadId]);
        if (claimed.rowCount !== 1) return { ok: true, case: cur, events: [] };
        const record = settleRecord({ ...before, mediaType: found.mediaType ?? before.mediaType, size: found.size, sha256: found.sha256 }, outcome, at);
        const result = putRecord(cur, record, engine, 'patient');
        if (!result.ok) return result;
        await saveRecordRow(tx, row.case_id, record, reason ? null : file);
        return result;
      });
    } catch (e) {
      // The case was closed (withdrawn, declined) while the bytes travelled.
      throw e instanceof ConflictError ? tusFailure(409, e.reason) : e;
    }
    this.completions.set(req, { uploadId, recordId: row.record_id, status: outcome.status });
    return { status_code: reason === 'type_not_allowed' ? 415 : req.method === 'POST' ? 201 : 204, headers: { 'SO-Record-Id': row.record_id, 'SO-Record-Status': outcome.status } };
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
      // The intake rule's last step: the type was checked when the bytes were in.
      const outcome = compareHash(before.sha256 ?? '', sha256, 'received');
      mismatch = outcome.status === 'rejected';
      const record = settleRecord(before, outcome, at);
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
    const upload = await this.files.tus.getUpload(this.files.tus.storeId(uploadId)).catch(() => undefined);
    if (upload?.size === undefined || upload.offset !== upload.size) return false;
    await this.close(uploadId, 'too_large');
    await this.remove(uploadId);
    return true;
  }

  /** Marks the record of a terminated upload as rejected (`cancelled`) while it was still uploading. */
  async terminated(uploadId: string): Promise<void> {
    await this.close(uploadId, 'cancelled');
  }

  private async close(uploadId: string, reason: RecordRejection): Promise<void> {
    const row = (await this.db.query<{ case_id: string; record_id: string }>('SELECT case_id, record_id FROM uploads WHERE id = $1 AND NOT finished', [uploadId])).rows[0];
    if (!row) return;
    const engine = this.cases.engineContext();
    await this.cases.mutate(row.case_id, { system: true }, async (cur, tx) => {
      const before = cur.records.find((r) => r.id === row.record_id);
      await tx.query('UPDATE uploads SET finished = true WHERE id = $1', [uploadId]);
      if (!before || before.status !== 'uploading') return { ok: true, case: cur, events: [] };
      const record = settleRecord(before, { status: 'rejected', reason }, new Date().toISOString());
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
    await this.files.removeUpload(uploadId);
  }
}
