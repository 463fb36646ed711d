// The staff API for webhooks (coordinators): list, add, enable or disable, rotate the secret, send a
// test, read an endpoint's delivery log, and replay one delivery or every message of a time range.
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { ValidationError } from '../../core/errors.js';
import { requireStaff } from '../auth.js';
import type { AppEnv } from '../env.js';
import { pageLimit, readBody } from '../http.js';
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from '../outbound/messages.js';
import { notifyDeliveries } from '../outbound/outbox.js';
import { checkUrl, type WebhookEndpoints } from '../outbound/webhooks.js';
import { HttpProblem, problems } from '../problem.js';
import type { Deps } from './deps.js';

const EventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES, 'invalid_choice')).check(z.maxLength(WEBHOOK_EVENT_TYPES.length, 'too_many'));
/** `POST /v1/staff/webhooks`. */
export const AddWebhookBodySchema = z.object({
  url: z.string().check(z.maxLength(2000, 'too_long')),
  eventTypes: z.optional(EventTypes),
  description: z.optional(z.string().check(z.maxLength(200, 'too_long'))),
});
/** `PATCH /v1/staff/webhooks/{id}`. */
export const UpdateWebhookBodySchema = z.object({ enabled: z.optional(z.boolean()), eventTypes: z.optional(EventTypes) });
/** `POST /v1/staff/webhooks/{id}/replay`. */
export const ReplayRangeBodySchema = z.object({ since: z.iso.datetime({ offset: true }), until: z.optional(z.iso.datetime({ offset: true })) });

/** The most messages one range replay sends again. */
export const REPLAY_LIMIT = 10_000;

interface DeliveryRow {
  id: string | number;
  message_id: string;
  type: string;
  case_id: string;
  state: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: Date | string | null;
  next_attempt_at: Date | string;
  delivered_at: Date | string | null;
  created_at: Date | string;
}

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : undefined);

function deliveryView(r: DeliveryRow) {
  return {
    id: String(r.id), messageId: r.message_id, type: r.type, caseId: r.case_id, state: r.state, attempts: r.attempts,
    ...(r.last_status !== null ? { lastStatus: r.last_status } : {}),
    ...(r.last_error ? { lastError: r.last_error } : {}),
    ...(r.last_attempt_at ? { lastAttemptAt: iso(r.last_attempt_at) } : {}),
    ...(r.state === 'pending' ? { nextAttemptAt: iso(r.next_attempt_at) } : {}),
    ...(r.delivered_at ? { deliveredAt: iso(r.delivered_at) } : {}),
    createdAt: iso(r.created_at),
  };
}

/** Mounts `/v1/staff/webhooks`. */
export function webhookRoutes(endpoints: WebhookEndpoints) {
  return (app: Hono<AppEnv>, { db, options }: Deps): void => {
    const coordinator = (c: Context) => {
      const p = requireStaff(c);
      // Endpoints hear of every case: never for a demo session's staff, who see their own patient's only.
      if (!p.roles.includes('coordinator') || p.onlyOwner) throw problems.forbidden();
    };
    const found = async (c: Context) => {
      const row = await endpoints.row(c.req.param('id') ?? '');
      if (!row) throw problems.notFound();
      return row;
    };
    const badUrl = (e: unknown) => new ValidationError([{ path: 'url', code: 'invalid_format', message: e instanceof Error ? e.message : 'Check this entry.' }]);

    app.get('/v1/staff/webhooks', async (c) => {
      coordinator(c);
      return c.json({ items: await endpoints.list(), eventTypes: WEBHOOK_EVENT_TYPES });
    });

    app.post('/v1/staff/webhooks', async (c) => {
      coordinator(c);
      const body = await readBody(c, AddWebhookBodySchema);
      try {
        checkUrl(body.url);
      } catch (e) {
        throw badUrl(e);
      }
      const { endpoint, secret } = await endpoints.add(body);
      c.header('Cache-Control', 'no-store');
      return c.json({ ...endpoint, secret }, 201);
    });

    app.patch('/v1/staff/webhooks/:id', async (c) => {
      coordinator(c);
      const body = await readBody(c, UpdateWebhookBodySchema);
      const next = await endpoints.update(c.req.param('id'), body);
      if (!next) throw problems.notFound();
      return c.json(next);
    });

    app.post('/v1/staff/webhooks/:id/rotate-secret', async (c) => {
      coordinator(c);
      const secret = await endpoints.rotate(c.req.param('id'), options.outbound.timing);
      if (!secret) throw problems.notFound();
      c.header('Cache-Control', 'no-store');
      return c.json({ secret, previousSecretsExpireAt: new Date(Date.now() + options.outbound.timing.rotationOverlapMs).toISOString() });
    });

    // A test message goes through the outbox like any other, to this endpoint only.
    app.post('/v1/staff/webhooks/:id/test', async (c) => {
      coordinator(c);
      const ep = await found(c);
      if (!ep.enabled) throw new HttpProblem(409, 'conflict', 'This endpoint is disabled. Enable it first.', { reason: 'conflict' });
      const id = `msg_${crypto.randomUUID()}`;
      const at = new Date().toISOString();
      const deliveryId = await db.transaction(async (tx) => {
        await tx.query('INSERT INTO outbox (id, case_id, type, payload) VALUES ($1, $2, $3, $4::jsonb)', [id, '', TEST_EVENT_TYPE, JSON.stringify({ type: TEST_EVENT_TYPE, timestamp: at, data: { endpointId: ep.id } })]);
        const r = await tx.query<{ id: string | number }>(`INSERT INTO deliveries (message_id, channel, endpoint_id) VALUES ($1, 'webhook', $2) RETURNING id`, [id, ep.id]);
        await notifyDeliveries(tx);
        return String(r.rows[0]!.id);
      });
      return c.json({ messageId: id, deliveryId }, 202);
    });

    app.get('/v1/staff/webhooks/:id/deliveries', async (c) => {
      coordinator(c);
      const ep = await found(c);
      const limit = pageLimit(c.req.query('limit'));
      const cursor = c.req.query('cursor');
      if (cursor !== undefined && !/^[1-9]\d{0,17}$/.test(cursor)) throw new ValidationError([{ path: 'cursor', code: 'invalid', message: 'Check this entry.' }]);
      const r = await db.query<DeliveryRow>(
        `SELECT d.*, o.type, o.case_id FROM deliveries d JOIN outbox o ON o.id = d.message_id
         WHERE d.endpoint_id = $1 AND d.channel = 'webhook' AND ($2::bigint IS NULL OR d.id < $2::bigint) ORDER BY d.id DESC LIMIT $3`,
        [ep.id, cursor ?? null, limit + 1],
      );
      const rows = r.rows.slice(0, limit);
      return c.json({ items: rows.map(deliveryView), nextCursor: r.rows.length > limit ? String(rows.at(-1)!.id) : null });
    });

    app.post('/v1/staff/webhooks/:id/deliveries/:deliveryId/replay', async (c) => {
      coordinator(c);
      const ep = await found(c);
      if (!ep.enabled) throw new HttpProblem(409, 'conflict', 'This endpoint is disabled. Enable it first.', { reason: 'conflict' });
      const deliveryId = c.req.param('deliveryId');
      if (!/^[1-9]\d{0,17}$/.test(deliveryId)) throw problems.notFound();
      const w = await db.query(
        `UPDATE deliveries SET state = 'pending', next_attempt_at = now(), window_start = now(), locked_until = NULL
         WHERE id = $1 AND endpoint_id = $2 AND state <> 'sending'`,
        [deliveryId, ep.id],
      );
      if (!w.rowCount) throw problems.notFound();
      await notifyDeliveries(db);
      return c.json({ replayed: 1 }, 202);
    });

    // Every message of the range this endpoint wants, whether it was delivered, failed or never sent to it.
    app.post('/v1/staff/webhooks/:id/replay', async (c) => {
      coordinator(c);
      const ep = await found(c);
      if (!ep.enabled) throw new HttpProblem(409, 'conflict', 'This endpoint is disabled. Enable it first.', { reason: 'conflict' });
      const body = await readBody(c, ReplayRangeBodySchema);
      const until = body.until ?? new Date().toISOString();
      if (Date.parse(until) <= Date.parse(body.since)) throw new ValidationError([{ path: 'until', code: 'invalid', message: 'Check this entry.' }]);
      const r = await db.query(
        `INSERT INTO deliveries (message_id, channel, endpoint_id)
         SELECT o.id, 'webhook', $1 FROM outbox o
         WHERE o.created_at >= $2::timestamptz AND o.created_at < $3::timestamptz AND o.type <> $5
           AND (cardinality($4::text[]) = 0 OR o.type = ANY($4::text[]))
         ORDER BY o.seq LIMIT ${REPLAY_LIMIT}
         ON CONFLICT (message_id, endpoint_id) WHERE channel = 'webhook'
         DO UPDATE SET state = 'pending', next_attempt_at = now(), window_start = now(), locked_until = NULL WHERE deliveries.state <> 'sending'`,
        [ep.id, body.since, until, ep.event_types, TEST_EVENT_TYPE],
      );
      await notifyDeliveries(db);
      return c.json({ replayed: r.rowCount }, 202);
    });
  };
}
