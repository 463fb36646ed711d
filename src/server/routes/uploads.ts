// The tus routes: the app checks the caller, the case and the limits, then hands the request to
// @tus/server; tus's plain-text errors come back as problem+json.
import type { IncomingMessage } from 'node:http';
import type { Context, Hono } from 'hono';
import { ConflictError, ValidationError } from '../../core/errors.js';
import { isFinal } from '../../core/lifecycle/transitions.js';
import type { Case } from '../../core/model/case.js';
import { requirePatient } from '../auth.js';
import type { AppEnv } from '../env.js';
import { HttpProblem, problemBody, problems } from '../problem.js';
import { parseUploadMetadata } from '../tus-metadata.js';
import type { Uploads } from '../uploads.js';
import type { Deps } from './deps.js';
import { ConfirmRecordBodySchema } from '../wire.js';
import { jsonAnswer, noteBody, readBody, send } from '../http.js';
import { keyedWrite } from '../idempotency.js';
import { isId } from '../../core/model/primitives.js';
import { overLimit } from '../../core/records/intake.js';

function problemFromTus(status: number, body: string): HttpProblem {
  if (status === 413) return problems.tooLarge(0);
  if (status === 415) return problems.typeNotAllowed();
  if (status === 404 || status === 410) return problems.notFound();
  if (status === 409) return new HttpProblem(409, 'conflict', body.includes('illegal_transition') ? 'This case is closed.' : 'The upload offset does not match.', { reason: body.includes('illegal_transition') ? 'illegal_transition' : 'conflict' });
  if (status === 403) return problems.forbidden();
  if (status < 500) return new HttpProblem(status, 'validation', body.trim().slice(0, 200) || 'The upload request is not valid.');
  return new HttpProblem(status, 'server', 'The service had a problem. Please try again later.');
}

// Turns tus's answer into ours: its headers kept, errors as problem+json.
async function answer(c: Context, res: Response, maxSize: number, recordId?: string, recordStatus?: string): Promise<Response> {
  const headers = new Headers(res.headers);
  for (const h of [...headers.keys()]) if (h.startsWith('access-control-')) headers.delete(h);
  if (recordId && !headers.has('SO-Record-Id')) headers.set('SO-Record-Id', recordId);
  if (recordStatus) headers.set('SO-Record-Status', recordStatus);
  if (res.status < 400) return new Response(res.body, { status: res.status, headers });
  let p = problemFromTus(res.status, await res.text());
  if (p.status === 413) p = problems.tooLarge(maxSize);
  headers.set('Content-Type', 'application/problem+json');
  headers.delete('Content-Length');
  return new Response(c.req.method === 'HEAD' ? null : JSON.stringify(problemBody(p, c.get('requestId'))), { status: p.status, headers });
}

/**
 * The request handed to tus. On Node its body reads the socket's Buffers as they are: Hono's
 * adapter (Readable.toWeb) copies every chunk, doubling the memory churned per uploaded byte and
 * with it the server's garbage collection. Only `body` is replaced: reading `c.req.raw.body` would
 * start Hono's adapter. Without Node's request (app.fetch in tests) the request goes as it came.
 */
function tusRequest(c: Context): Request {
  const raw = c.req.raw;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || (raw.method !== 'PATCH' && raw.method !== 'POST')) return raw;
  let settled = false;
  let listening = false;
  const body = new ReadableStream<Uint8Array>({
    // Listens only once tus reads: a body tus never reads is left to Node, which discards it.
    pull(ctrl) {
      if (listening) {
        incoming.resume();
        return;
      }
      listening = true;
      const finish = (e?: Error) => {
        if (settled) return;
        settled = true;
        if (e) ctrl.error(e);
        else ctrl.close();
      };
      incoming.on('data', (chunk: Buffer) => {
        if (settled) return;
        ctrl.enqueue(chunk);
        if ((ctrl.desiredSize ?? 0) <= 0) incoming.pause();
      });
      incoming.once('end', () => finish());
      incoming.once('error', (e) => finish(e));
      // A cut connection closes without 'end': the bytes so far stay, the rest never comes.
      incoming.once('close', () => finish(incoming.readableEnded ? undefined : new Error('aborted')));
      incoming.resume();
    },
    cancel() {
      settled = true;
      incoming.resume();
    },
  }, { highWaterMark: 0 });
  return new Request(raw.url, { method: raw.method, headers: raw.headers, body, signal: raw.signal, duplex: 'half' } as RequestInit);
}

/** Mounts `/v1/cases/{id}/uploads` and the upload URLs under it. */
export function uploadRoutes(uploads: Uploads) {
  return (app: Hono<AppEnv>, { store, db, config }: Deps): void => {
    const max = config.uploads.maxSize;

    app.post('/v1/cases/:id/uploads', async (c) => {
      const p = requirePatient(c);
      const caseId = c.req.param('id');
      const cur = await store.get(caseId, { owner: p.sub });
      if (isFinal(cur.status)) throw new ConflictError('illegal_transition');
      const rawLength = c.req.header('Upload-Length');
      if (rawLength === undefined || !/^\d{1,16}$/.test(rawLength)) {
        throw new ValidationError([{ path: 'Upload-Length', code: rawLength === undefined ? 'required' : 'invalid', message: 'Send the size of the file in Upload-Length.' }]);
      }
      const size = Number(rawLength);
      // Refused before any byte of the body is read.
      if (overLimit(size, config.uploads)) throw problems.tooLarge(max);
      const meta = parseUploadMetadata(c.req.header('Upload-Metadata'));
      const recordId = crypto.randomUUID();
      // A creation is fingerprinted by its headers, so its body stays a stream for tus.
      noteBody(c, `${rawLength}\n${c.req.header('Upload-Metadata') ?? ''}\n${c.req.header('Content-Length') ?? ''}`);
      // Replayed, a creation answers its upload URL and record; the offset is the upload's HEAD.
      const once = (uploadId: string) => keyedWrite(c, () => ({
        status: 201, headers: { location: `${c.req.path}/${uploadId}`, 'so-record-id': recordId, 'tus-resumable': '1.0.0' }, body: null,
      }));
      const req = tusRequest(c);
      const res = await uploads.create(req, { caseId, owner: p.sub, recordId, meta, size, once });
      const failed = uploads.failure(req);
      if (failed) throw failed;
      const done = uploads.completion(req);
      if (done?.status === 'rejected') await uploads.remove(done.uploadId);
      return answer(c, res, max, recordId);
    });

    // The client's SHA-256 for an upload created before its hash was known: verifies or rejects the record.
    app.patch('/v1/cases/:id/records/:recordId', async (c) => {
      const p = requirePatient(c);
      const recordId = c.req.param('recordId');
      if (!isId(recordId)) throw problems.notFound();
      const body = await readBody(c, ConfirmRecordBodySchema);
      const answerOf = (written: Case) => jsonAnswer(written.records.find((r) => r.id === recordId));
      return send(answerOf(await uploads.confirm(c.req.param('id'), p.sub, recordId, body.sha256.toLowerCase(), keyedWrite(c, answerOf))));
    });

    // Hono routes a HEAD request as a GET (the method stays HEAD): GET itself is not served here.
    app.on(['GET', 'HEAD', 'PATCH', 'DELETE'], '/v1/cases/:id/uploads/:uploadId', async (c) => {
      if (c.req.method === 'GET') throw problems.notFound();
      const p = requirePatient(c);
      const caseId = c.req.param('id');
      const uploadId = c.req.param('uploadId');
      await store.get(caseId, { owner: p.sub });
      if (!isId(uploadId)) throw problems.notFound();
      const row = (await db.query<{ record_id: string }>('SELECT record_id FROM uploads WHERE id = $1 AND case_id = $2 AND owner = $3', [uploadId, caseId, p.sub])).rows[0];
      if (!row) throw problems.notFound();
      const req = tusRequest(c);
      const res = await uploads.handle(req);
      const done = uploads.completion(req);
      if (done?.status === 'rejected') await uploads.remove(done.uploadId);
      if (c.req.method === 'DELETE' && res.status === 204) await uploads.terminated(uploadId);
      const overran = c.req.method === 'PATCH' && res.status === 413 && (await uploads.overran(uploadId));
      return answer(c, res, max, row.record_id, overran ? 'rejected' : undefined);
    });
  };
}
