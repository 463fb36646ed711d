// The patient's routes: create, list, read, edit and move their cases (protocol v1).
import type { Context, Hono } from 'hono';
import { applyAction, createCase, earlierCaseOf, linkEarlier, shareOpinion, updateDraft } from '../../core/lifecycle/engine.js';
import { requirePatient, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { keyedWrite } from '../idempotency.js';
import { accessFor, caseAnswer, caseResponse, pageLimit, etagOf, ifMatchVersion, readBody } from '../http.js';
import { problems } from '../problem.js';
import type { Change } from '../store.js';
import { CreateCaseBodySchema, MessageBodySchema, ShareBodySchema, UpdateCaseBodySchema, WithdrawBodySchema } from '../wire.js';
import { withCareTeamDelivery } from '../outbound/outbox.js';
import type { Deps } from './deps.js';

/** Mounts `/v1/cases` and its actions. */
export function caseRoutes(app: Hono<AppEnv>, { store, options }: Deps): void {
  // A move on one of the caller's own cases, answered (and, with a key, remembered) as the case after it.
  const edit = async (c: Context, owner: string, change: Change, ifMatch: number | undefined) =>
    caseResponse(await store.mutate(c.req.param('id') ?? '', { owner }, change, { ifMatch, once: keyedWrite(c, caseAnswer) }));

  app.post('/v1/cases', async (c) => {
    const p = requirePatient(c);
    const body = await readBody(c, CreateCaseBodySchema);
    const result = createCase(body, store.engineContext());
    if (!result.ok) throw result.error;
    // A follow-on case must follow one of the caller's own cases, named by its id or its reference.
    const earlier = earlierCaseOf(body);
    const linked = earlier ? linkEarlier(result.case, await store.ownCaseId(p.sub, earlier)) : result.case;
    return caseResponse(await store.insert(p.sub, linked, result.events, keyedWrite(c, (written) => caseAnswer(written, 201))), 201);
  });

  app.get('/v1/cases', async (c) => {
    const p = requirePatient(c);
    return c.json(await store.list({ owner: p.sub }, c.req.query('cursor') || undefined, pageLimit(c.req.query('limit'))));
  });

  app.get('/v1/cases/:id', async (c) => {
    const p = requirePrincipal(c);
    const found = await store.get(c.req.param('id'), accessFor(p));
    const inm = c.req.header('If-None-Match');
    if (inm && inm.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etagOf(found.version) || t === '*')) {
      return c.body(null, 304, { ETag: etagOf(found.version) });
    }
    return caseResponse(found);
  });

  app.patch('/v1/cases/:id', async (c) => {
    const p = requirePatient(c);
    const ifMatch = ifMatchVersion(c);
    if (ifMatch === undefined) throw problems.ifMatchRequired();
    const body = await readBody(c, UpdateCaseBodySchema);
    const ctx = store.engineContext();
    return edit(c, p.sub, (cur) => updateDraft(cur, body.request, ctx), ifMatch);
  });

  app.post('/v1/cases/:id/submit', async (c) => {
    const p = requirePatient(c);
    const ifMatch = ifMatchVersion(c);
    const ctx = store.engineContext();
    return edit(c, p.sub, (cur) => applyAction(cur, 'submit', 'patient', undefined, ctx), ifMatch);
  });

  app.post('/v1/cases/:id/withdraw', async (c) => {
    const p = requirePatient(c);
    const ifMatch = ifMatchVersion(c);
    const body = await readBody(c, WithdrawBodySchema);
    const ctx = store.engineContext();
    return edit(c, p.sub, (cur) => applyAction(cur, 'withdraw', 'patient', body, ctx), ifMatch);
  });

  app.post('/v1/cases/:id/messages', async (c) => {
    const p = requirePatient(c);
    const ifMatch = ifMatchVersion(c);
    const body = await readBody(c, MessageBodySchema);
    const ctx = store.engineContext();
    const text = body.text ?? '';
    return edit(c, p.sub, (cur) => body.kind === 'follow_up'
      ? applyAction(cur, 'follow_up', 'patient', { text }, ctx)
      : applyAction(cur, 'reply', 'patient', { text, ...(body.recordIds ? { recordIds: body.recordIds } : {}) }, ctx), ifMatch);
  });

  app.post('/v1/cases/:id/share', async (c) => {
    const p = requirePatient(c);
    const ifMatch = ifMatchVersion(c);
    const body = await readBody(c, ShareBodySchema);
    const ctx = store.engineContext();
    return edit(c, p.sub, (cur) => withCareTeamDelivery(shareOpinion(cur, ctx, body.note), !!options.outbound.smtpUrl), ifMatch);
  });
}
