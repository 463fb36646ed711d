// `GET /v1/cases/{id}/records/{recordId}/content`: the verified bytes, as an attachment (no-store and
// nosniff, as every API answer: see app.ts).
import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import { requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { accessFor } from '../http.js';
import { isId } from '../../core/model/primitives.js';
import { problems } from '../problem.js';
import type { Deps } from './deps.js';

/** A verified record's bytes as an attachment answer, or a 404 (the one place record content is read). */
export async function recordContent(deps: Pick<Deps, 'db' | 'files'>, caseId: string, recordId: string, disposition = 'attachment'): Promise<Response> {
  const r = await deps.db.query<{ media_type: string; size: string | number; file: string | null }>(
    "SELECT media_type, size, file FROM records WHERE case_id = $1 AND id = $2 AND status = 'verified'",
    [caseId, recordId],
  );
  const row = r.rows[0];
  if (!row?.file) throw problems.notFound();
  // Streamed from the records store (local files or S3), never held whole.
  const body = Readable.toWeb(await deps.files.read(row.file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: { 'Content-Type': row.media_type, 'Content-Length': String(row.size), 'Content-Disposition': disposition },
  });
}

/** Mounts the record content route. */
export function recordRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { store } = deps;
  app.get('/v1/cases/:id/records/:recordId/content', async (c) => {
    const p = requirePrincipal(c);
    const caseId = c.req.param('id');
    await store.get(caseId, accessFor(p));
    const recordId = c.req.param('recordId');
    if (!isId(recordId)) throw problems.notFound();
    // No file name: names of medical files say too much.
    return recordContent(deps, caseId, recordId);
  });
}
