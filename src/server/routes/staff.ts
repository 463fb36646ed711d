// The staff API (coordinators and specialists): the moves that take a case to its opinion.
// Roles are checked by the core lifecycle table; an illegal move is a 409, a role that may not make it a 403.
import type { Context, Hono } from 'hono';
import { applyAction, putRecord, type ActionInputs } from '../../core/lifecycle/engine.js';
import type { Action } from '../../core/lifecycle/transitions.js';
import { OpinionInputSchema } from '../../core/model/case.js';
import { ValidationError } from '../../core/errors.js';
import { parseStaffFilter } from '../../core/model/staff-query.js';
import { decideIntake, overLimit, settleRecord, typeAccepted } from '../../core/records/intake.js';
import { SNIFF_BYTES, sniffMediaType } from '../../core/uploads/sniff.js';
import { requireStaff } from '../auth.js';
import type { AppEnv } from '../env.js';
import { caseAnswer, caseResponse, ifMatchVersion, jsonAnswer, noteBody, pageLimit, readBody, requestBody, send, staffAccess } from '../http.js';
import { keyedWrite } from '../idempotency.js';
import { problems } from '../problem.js';
import { saveRecordRow } from '../records.js';
import { actingRole } from '../roles.js';
import { AcceptBodySchema, DeclineBodySchema, RequestInformationBodySchema } from '../wire.js';
import type { Deps } from './deps.js';

// An opinion report is a PDF, whatever the service accepts from patients.
const REPORT_TYPES = ['application/pdf'];

/** Mounts `/v1/staff/*`. */
export function staffRoutes(app: Hono<AppEnv>, { store, config, files }: Deps): void {
  const move = async <A extends Action>(c: Context, action: A, input: ActionInputs[A]) => {
    const p = requireStaff(c);
    const ifMatch = ifMatchVersion(c);
    const ctx = store.engineContext();
    const next = await store.mutate(c.req.param('id') ?? '', staffAccess(p), (cur) => applyAction(cur, action, actingRole(p, cur.status, action), input, ctx), { ifMatch, once: keyedWrite(c, caseAnswer) });
    return caseResponse(next);
  };

  app.get('/v1/staff/cases', async (c) => {
    const p = requireStaff(c);
    const q = c.req.query();
    const read = parseStaffFilter(q);
    if (!read.ok) throw new ValidationError([{ path: read.issue.param, code: 'invalid', message: 'Check this entry.' }]);
    return c.json(await store.list(staffAccess(p), q.cursor || undefined, pageLimit(q.limit), read.filter));
  });

  app.post('/v1/staff/cases/:id/triage', (c) => move(c, 'triage', undefined));
  app.post('/v1/staff/cases/:id/start-review', (c) => move(c, 'start_review', undefined));
  app.post('/v1/staff/cases/:id/request-information', async (c) => {
    requireStaff(c);
    return move(c, 'request_info', await readBody(c, RequestInformationBodySchema));
  });
  app.post('/v1/staff/cases/:id/accept', async (c) => {
    requireStaff(c);
    return move(c, 'accept', await readBody(c, AcceptBodySchema));
  });
  app.post('/v1/staff/cases/:id/decline', async (c) => {
    requireStaff(c);
    return move(c, 'decline', await readBody(c, DeclineBodySchema));
  });
  app.post('/v1/staff/cases/:id/opinion', async (c) => {
    requireStaff(c);
    return move(c, 'issue_opinion', await readBody(c, OpinionInputSchema));
  });

  // The opinion report: a PDF body, streamed to the records store as a staff record the opinion can
  // then name. Who may send it, the case and the declared type and length are checked before any
  // byte is read; the size and the sniffed type as the bytes pass, so a refusal comes as soon as it
  // can and stops the read. Whatever fails after the bytes are stored removes them.
  app.post('/v1/staff/cases/:id/report', async (c) => {
    const p = requireStaff(c);
    const caseId = c.req.param('id');
    await store.get(caseId, staffAccess(p));
    if ((c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() !== 'application/pdf') throw problems.typeNotAllowed();
    const limits = { maxSize: config.uploads.maxSize, acceptedTypes: REPORT_TYPES };
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && !(Number(declared) >= 0 && !overLimit(Number(declared), limits))) throw problems.tooLarge(limits.maxSize);
    const id = crypto.randomUUID();
    const file = `records/${id}`;
    const found = await files.putStream(file, requestBody(c), {
      size: (bytes) => {
        if (overLimit(bytes, limits)) throw problems.tooLarge(limits.maxSize);
      },
      headBytes: SNIFF_BYTES,
      head: (first) => {
        if (!typeAccepted(sniffMediaType(first), limits)) throw problems.typeNotAllowed();
      },
    });
    try {
      noteBody(c, found.sha256);
      const mediaType = sniffMediaType(found.head);
      // The core's intake rule on what was stored; handed over whole, with no hash declared, it is verified.
      const outcome = decideIntake({ size: found.size, mediaType, sha256: found.sha256 }, undefined, limits, 'verified');
      if (outcome.status !== 'verified' || !mediaType) throw outcome.status === 'rejected' && outcome.reason === 'too_large' ? problems.tooLarge(limits.maxSize) : problems.typeNotAllowed();
      const at = new Date().toISOString();
      const record = settleRecord({
        id, kind: 'other', title: 'Second opinion report', mediaType, size: found.size, sha256: found.sha256, source: 'staff', createdAt: at,
      }, outcome, at);
      const ctx = store.engineContext();
      const actor = p.roles.includes('specialist') ? 'specialist' : 'coordinator';
      const answer = jsonAnswer(record, 201, {
        'so-record-id': record.id, 'so-record-status': record.status, location: `/v1/cases/${caseId}/records/${record.id}/content`,
      });
      await store.mutate(caseId, staffAccess(p), async (cur, tx) => {
        const result = putRecord(cur, record, ctx, actor);
        if (result.ok) await saveRecordRow(tx, caseId, record, file);
        return result;
      }, { once: keyedWrite(c, () => answer) });
      return send(answer);
    } catch (e) {
      // Refused, a closed case, a replay of an earlier answer: these bytes are no record's.
      await files.remove(file).catch(() => {});
      throw e;
    }
  });
}
