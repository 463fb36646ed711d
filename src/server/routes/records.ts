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

/** Mounts the record content route. */
export function recordRoutes(app: Hono<AppEnv>, { db, store, files }: Deps): void {
  app.get('/v1/cases/:id/records/:recordId/content', async (c) => {
    const p = requirePrincipal(c);
    const caseId = c.req.param('id');
    await store.get(caseId, accessFor(p));
    const recordId = c.req.param('recordId');
    if (!isId(recordId)) throw problems.notFound();
    const r = await db.query<{ media_type: string; size: string | number; file: string | null }>(
      "SELECT media_type, size, file FROM records WHERE case_id = $1 AND id = $2 AND status = 'verified'",
      [caseId, recordId],
    );
    const row = r.rows[0];
    if (!row?.file) throw problems.notFound();
    // Streamed from the records store (local files or S3), never held whole.
    const body = Readable.toWeb(await files.read(row.file)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        'Content-Type': row.media_type,
        'Content-Length': String(row.size),
        // No file name: names of medical files say too much.
        'Content-Disposition': 'attachment',
      },
    });
  });
}
