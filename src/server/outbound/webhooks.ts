// Webhook endpoints and their sending, per Standard Webhooks: `webhook-id` (the message id, the same
// on every retry), `webhook-timestamp` (the attempt's time, seconds), `webhook-signature` (one `v1,`
// HMAC-SHA256 per active secret, space-separated, so a receiver keeps verifying across a rotation).
import { createHash, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { DeliveryTiming, WebhookEndpointConfig } from '../config.js';
import type { Db, Queryable } from '../db.js';

/** One signing secret, with when it stops signing (after a rotation). */
export interface EndpointSecret {
  secret: string;
  createdAt: string;
  expiresAt?: string;
}

/** An endpoint as the staff API shows it (never its secrets). */
export interface WebhookEndpoint {
  id: string;
  url: string;
  /** Empty: every type. */
  eventTypes: string[];
  source: 'config' | 'api';
  description?: string;
  enabled: boolean;
  disabledReason?: string;
  disabledAt?: string;
  failingSince?: string;
  createdAt: string;
}

interface EndpointRow {
  id: string;
  url: string;
  event_types: string[];
  secrets: EndpointSecret[];
  source: 'config' | 'api';
  description: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | string | null;
  failing_since: Date | string | null;
  created_at: Date | string;
}

const iso = (v: Date | string): string => new Date(v).toISOString();

/** The staff view of a row. */
export function endpointView(r: EndpointRow): WebhookEndpoint {
  return {
    id: r.id,
    url: r.url,
    eventTypes: r.event_types,
    source: r.source,
    ...(r.description ? { description: r.description } : {}),
    enabled: r.enabled,
    ...(r.disabled_reason ? { disabledReason: r.disabled_reason } : {}),
    ...(r.disabled_at ? { disabledAt: iso(r.disabled_at) } : {}),
    ...(r.failing_since ? { failingSince: iso(r.failing_since) } : {}),
    createdAt: iso(r.created_at),
  };
}

/** A new Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Throws unless `secret` is a usable Standard Webhooks secret. */
export function checkSecret(secret: string): void {
  const body = secret.startsWith('whsec_') ? secret.slice(6) : secret;
  const bytes = Buffer.from(body, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || bytes.length < 24 || bytes.length > 64) throw new Error('a webhook secret is whsec_ and base64 of 24 to 64 bytes');
}

/** The `webhook-*` headers of one attempt. */
export function signedHeaders(messageId: string, at: Date, body: string, secrets: readonly EndpointSecret[]): Record<string, string> {
  const now = at.getTime();
  const active = secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(now / 1000)),
    'webhook-signature': active.map((s) => new Webhook(s.secret).sign(messageId, at, body)).join(' '),
  };
}

const configId = (url: string) => `cfg_${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;

/** The endpoints table. */
export class WebhookEndpoints {
  constructor(private readonly db: Db) {}

  /** Writes the operator's endpoints: new ones are added, known ones get their URL, types and secret (their enabled state is the staff's). */
  async sync(configured: readonly WebhookEndpointConfig[]): Promise<void> {
    for (const e of configured) {
      checkSecret(e.secret);
      const url = checkUrl(e.url);
      const id = e.id ?? configId(url);
      const secrets: EndpointSecret[] = [{ secret: e.secret, createdAt: new Date().toISOString() }];
      await this.db.query(
        `INSERT INTO webhook_endpoints (id, url, event_types, secrets, source, description) VALUES ($1, $2, $3, $4::jsonb, 'config', $5)
         ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, event_types = EXCLUDED.event_types, description = EXCLUDED.description,
           secrets = CASE WHEN webhook_endpoints.secrets->0->>'secret' = $6 THEN webhook_endpoints.secrets ELSE EXCLUDED.secrets END`,
        [id, url, e.events ?? [], JSON.stringify(secrets), e.description ?? null, e.secret],
      );
    }
  }

  async list(): Promise<WebhookEndpoint[]> {
    const r = await this.db.query<EndpointRow>('SELECT * FROM webhook_endpoints ORDER BY created_at, id');
    return r.rows.map(endpointView);
  }

  async row(id: string, q: Queryable = this.db): Promise<EndpointRow | undefined> {
    return (await q.query<EndpointRow>('SELECT * FROM webhook_endpoints WHERE id = $1', [id])).rows[0];
  }

  async add(input: { url: string; eventTypes?: string[]; description?: string }): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const secret = newSecret();
    const r = await this.db.query<EndpointRow>(
      `INSERT INTO webhook_endpoints (id, url, event_types, secrets, source, description) VALUES ($1, $2, $3, $4::jsonb, 'api', $5) RETURNING *`,
      [`ep_${crypto.randomUUID()}`, checkUrl(input.url), input.eventTypes ?? [], JSON.stringify([{ secret, createdAt: new Date().toISOString() }]), input.description ?? null],
    );
    return { endpoint: endpointView(r.rows[0]!), secret };
  }

  /** Enables (clearing the reason and the failure clock) or disables with a reason, and changes types. */
  async update(id: string, change: { enabled?: boolean; eventTypes?: string[]; reason?: string }): Promise<WebhookEndpoint | undefined> {
    return this.db.transaction(async (tx) => {
      const cur = await this.row(id, tx);
      if (!cur) return undefined;
      if (change.eventTypes) await tx.query('UPDATE webhook_endpoints SET event_types = $2 WHERE id = $1', [id, change.eventTypes]);
      if (change.enabled === true) await tx.query('UPDATE webhook_endpoints SET enabled = true, disabled_reason = NULL, disabled_at = NULL, failing_since = NULL WHERE id = $1', [id]);
      if (change.enabled === false && cur.enabled) await disableEndpoint(tx, id, change.reason ?? 'Disabled by staff.');
      return endpointView((await this.row(id, tx))!);
    });
  }

  /** A new secret; the previous ones keep signing for the overlap. */
  async rotate(id: string, timing: Pick<DeliveryTiming, 'rotationOverlapMs'>): Promise<string | undefined> {
    return this.db.transaction(async (tx) => {
      const cur = await this.row(id, tx);
      if (!cur) return undefined;
      const now = Date.now();
      const until = new Date(now + timing.rotationOverlapMs).toISOString();
      const kept = cur.secrets
        .filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now)
        .map((s) => ({ ...s, expiresAt: s.expiresAt && Date.parse(s.expiresAt) < Date.parse(until) ? s.expiresAt : until }));
      const secret = newSecret();
      await tx.query('UPDATE webhook_endpoints SET secrets = $2::jsonb WHERE id = $1', [id, JSON.stringify([{ secret, createdAt: new Date(now).toISOString() }, ...kept])]);
      return secret;
    });
  }
}

/** Disables an endpoint with its reason; what was still waiting for it fails with that reason. */
export async function disableEndpoint(tx: Queryable, id: string, reason: string): Promise<void> {
  await tx.query('UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, disabled_at = now() WHERE id = $1', [id, reason.slice(0, 500)]);
  await tx.query(`UPDATE deliveries SET state = 'failed', locked_until = NULL, last_error = 'endpoint disabled' WHERE endpoint_id = $1 AND state = 'pending'`, [id]);
}

/** An http(s) URL of at most 2000 characters, or a thrown message. */
export function checkUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error('a webhook URL must be an absolute http or https URL');
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || raw.length > 2000 || u.username || u.password) throw new Error('a webhook URL must be an absolute http or https URL without credentials');
  return u.toString();
}

/** One attempt's result. */
export interface AttemptResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/** POSTs a signed webhook; 2xx is delivered, anything else (a redirect too) failed. */
export async function postWebhook(url: string, messageId: string, body: string, secrets: readonly EndpointSecret[], timeoutMs: number): Promise<AttemptResult> {
  const headers = { 'Content-Type': 'application/json', 'User-Agent': 'second-opinion-kit-webhooks/1', ...signedHeaders(messageId, new Date(), body, secrets) };
  try {
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    // The body is read and dropped: what a receiver says is never kept.
    await res.body?.cancel().catch(() => {});
    return res.status >= 200 && res.status < 300 ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, error: `timeout after ${timeoutMs} ms` };
    const code = (e as { cause?: { code?: unknown } }).cause?.code;
    return { ok: false, error: typeof code === 'string' ? `connection failed (${code})` : 'connection failed' };
  }
}
