// The server's settings: options passed in code win over the environment, which wins over defaults.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../core/defaults.js';
import { DEFAULT_TOKEN_MAX_LIFETIME_SECONDS } from './auth.js';
import type { BackendConfig } from '../core/model/config.js';
import type { Logger } from './logging.js';
import { parseRecordsStore, type S3Location } from './record-files.js';

/** tus extensions this server really implements (FileStore's set, minus deferred length). */
export const TUS_EXTENSIONS = ['creation', 'creation-with-upload', 'termination', 'expiration'] as const;

/** Per-token request budget: `limit` requests per `windowMs`; `false` turns it off. */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
}

/** What `createServer` and `startServer` accept. */
export interface ServerOptions {
  /** Port to listen on; 0 picks a free one. Default `PORT` or 8787. */
  port?: number;
  /** Interface to bind. Default `HOST` or 127.0.0.1. */
  host?: string;
  /** Where PGlite and uploaded files live. Default `SO_DATA_DIR` or `./.data`. */
  dataDir?: string;
  /** A PostgreSQL URL; when set, cases live there instead of in PGlite. Default `DATABASE_URL`. */
  databaseUrl?: string;
  /**
   * Where record bytes live: `s3://bucket/prefix` for an S3-compatible store shared by every
   * instance (endpoint, region and credentials from the standard `AWS_*` variables), or local
   * files in the data directory when unset. Default `SO_RECORDS_STORE`.
   */
  recordsStore?: string;
  /**
   * Opens `POST /v1/dev/session`, which hands tokens to anyone who asks. Default `SO_DEMO=1`. On a
   * `host` other than loopback it is refused unless the environment says `SO_DEMO=1`.
   */
  demo?: boolean;
  /** Overrides of the backend configuration served at `/v1/config`. */
  config?: Partial<BackendConfig>;
  /** Interval of the `: hb` comment on event streams. Default `SO_HEARTBEAT_MS` or 15000. */
  heartbeatMs?: number;
  /** Per-token rate limit, shared by every instance on the database. Default `SO_RATE_LIMIT` (`<requests>/<seconds>`, `off`), or 6000 requests a minute. */
  rateLimit?: RateLimitOptions | false;
  /** Where structured log lines go. Default JSON lines on stdout. */
  logger?: Logger;
  /** HS256 secret for bearer tokens. Default `SO_TOKEN_SECRET`, or a random one per process. */
  tokenSecret?: string;
  /** The longest a bearer token may live, in seconds: tokens without `exp`, or living longer, are refused. Default `SO_TOKEN_MAX_LIFETIME` or 86400 (24 h). */
  tokenMaxLifetimeSeconds?: number;
  /** Browser origins allowed by CORS. Default any origin, without credentials. */
  corsOrigins?: string[] | '*';
  /** How long an unfinished upload is kept. Default 24 hours. */
  uploadExpirationMs?: number;
  /** The page served at `/`, as HTML. Default none (404). */
  homePage?: string;
  /** Read-only folders served under URL prefixes (the demo's files, the CDN build). Default none. */
  assets?: AssetDir[];
  /** Webhooks, patient e-mails and care-team delivery (see {@link OutboundOptions}). */
  outbound?: OutboundOptions;
}

/** A webhook endpoint the operator configures. */
export interface WebhookEndpointConfig {
  /** Stable id; default derived from the URL. */
  id?: string;
  url: string;
  /** A Standard Webhooks secret, `whsec_` and base64 of 24 to 64 random bytes. */
  secret: string;
  /** The event types it wants; default every type. */
  events?: string[];
  description?: string;
}

/** How deliveries are timed. Every attempt and retry waits on these; tests shorten them. */
export interface DeliveryTiming {
  /**
   * The longest a worker sleeps before looking for due deliveries again. New deliveries wake every
   * instance's worker at once (NOTIFY), and retries and expired leases when they are due, so this is
   * only a safety net. Default 30000.
   */
  pollMs: number;
  /** A webhook or SMTP attempt that takes longer fails. Default 15000. */
  timeoutMs: number;
  /** How long a claimed delivery stays with its worker before another instance may take it (a crash). Default timeout + 30 s. */
  leaseMs: number;
  /** Retry n waits a random time in [retryMinMs, min(retryMaxMs, retryFirstWindowMs * 2^n)]. Defaults 1 s, 30 s, 6 h. */
  retryMinMs: number;
  retryFirstWindowMs: number;
  retryMaxMs: number;
  /** A delivery still failing this long after its first attempt is given up. Default 3 days. */
  giveUpAfterMs: number;
  /** An endpoint failing without a success for this long is disabled, with the reason. Default 5 days. */
  disableAfterMs: number;
  /** After a secret rotation the previous secret still signs for this long. Default 24 h. */
  rotationOverlapMs: number;
  /** Deliveries a worker claims at once. Default 8. */
  batch: number;
}

/** Outbound settings. */
export interface OutboundOptions {
  /** Operator-configured webhook endpoints, kept in the database and updated at each start. Default from `SO_WEBHOOKS_FILE` (a JSON list) or `SO_WEBHOOK_URL` with `SO_WEBHOOK_SECRET`. */
  webhooks?: WebhookEndpointConfig[];
  /** The SMTP server for e-mails, e.g. `smtps://user:pass@mail.example.ca`. Default `SO_SMTP_URL`; without one no e-mail is sent. */
  smtpUrl?: string;
  /** The e-mails' sender. Default `SO_MAIL_FROM`, else the service's name at no-reply@localhost. */
  mailFrom?: string;
  /** The link a patient notice carries (`{caseId}` is replaced). Default `SO_NOTIFY_LINK`, else the server's public URL. */
  notifyLink?: string;
  /** This server's public origin, for care-team links. Default `SO_PUBLIC_URL`, else the listening address. */
  publicUrl?: string;
  /** How long a care-team link works. Default 14 days. */
  shareLinkTtlMs?: number;
  /** Run the delivery worker in this instance. Default true (`SO_DELIVERY_WORKER=0` turns it off). */
  worker?: boolean;
  timing?: Partial<DeliveryTiming>;
}

/** Outbound settings after defaults. */
export interface ResolvedOutbound {
  webhooks: WebhookEndpointConfig[];
  smtpUrl?: string;
  mailFrom: string;
  notifyLink?: string;
  publicUrl?: string;
  shareLinkTtlMs: number;
  worker: boolean;
  timing: DeliveryTiming;
}

/** A folder served read-only under a URL prefix, e.g. `{ path: '/cdn', dir: 'dist/cdn' }`. */
export interface AssetDir {
  /** URL prefix, starting with `/`, without a trailing slash. */
  path: string;
  /** The folder on disk. */
  dir: string;
  /** The Content-Security-Policy sent with its files; `false` sends none. Default the strict page policy. */
  csp?: string | false;
  /** Serve `index.html` for the prefix itself and for folder URLs. Default false. */
  index?: boolean;
}

/** Settings after defaults. */
export interface ResolvedOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  recordsStore?: S3Location;
  demo: boolean;
  config: BackendConfig;
  heartbeatMs: number;
  rateLimit: RateLimitOptions | false;
  tokenSecret: string;
  tokenMaxLifetimeSeconds: number;
  corsOrigins: string[] | '*';
  uploadExpirationMs: number;
  homePage?: string;
  assets: AssetDir[];
  outbound: ResolvedOutbound;
}

const env = process.env;

function intFrom(value: string | undefined): number | undefined {
  const n = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : undefined;
}

function rateLimitFrom(value: string | undefined): RateLimitOptions | false | undefined {
  if (!value) return undefined;
  if (value === 'off') return false;
  const m = /^(\d{1,9})\/(\d{1,7})$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new Error('SO_RATE_LIMIT must look like 6000/60 (requests per seconds) or off');
  return { limit: Number(m[1]), windowMs: Number(m[2]) * 1000 };
}

/** Fills in every setting from the options, the environment and the defaults. */
export function resolveOptions(options: ServerOptions = {}): ResolvedOptions {
  const base = { ...DEFAULT_CONFIG, ...options.config };
  const config: BackendConfig = { ...base, uploads: { ...base.uploads, tusExtensions: [...TUS_EXTENSIONS] } };
  const origins = env.SO_CORS_ORIGINS?.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    port: options.port ?? intFrom(env.PORT) ?? 8787,
    host: options.host ?? env.HOST ?? '127.0.0.1',
    dataDir: resolve(options.dataDir ?? env.SO_DATA_DIR ?? './.data'),
    databaseUrl: options.databaseUrl ?? (env.DATABASE_URL || undefined),
    recordsStore: parseRecordsStore(options.recordsStore ?? (env.SO_RECORDS_STORE || undefined)),
    demo: options.demo ?? env.SO_DEMO === '1',
    config,
    heartbeatMs: options.heartbeatMs ?? intFrom(env.SO_HEARTBEAT_MS) ?? 15_000,
    rateLimit: options.rateLimit ?? rateLimitFrom(env.SO_RATE_LIMIT) ?? { limit: 6000, windowMs: 60_000 },
    // Without a configured secret, tokens live as long as the process (demo and tests).
    tokenSecret: options.tokenSecret ?? env.SO_TOKEN_SECRET ?? randomBytes(32).toString('base64url'),
    tokenMaxLifetimeSeconds: options.tokenMaxLifetimeSeconds ?? intFrom(env.SO_TOKEN_MAX_LIFETIME) ?? DEFAULT_TOKEN_MAX_LIFETIME_SECONDS,
    corsOrigins: options.corsOrigins ?? (origins?.length ? origins : '*'),
    uploadExpirationMs: options.uploadExpirationMs ?? 24 * 3_600_000,
    ...(options.homePage ? { homePage: options.homePage } : {}),
    assets: options.assets ?? [],
    outbound: resolveOutbound(options.outbound ?? {}, config.name),
  };
}

function webhooksFromEnv(): WebhookEndpointConfig[] {
  if (env.SO_WEBHOOKS_FILE) {
    const list: unknown = JSON.parse(readFileSync(env.SO_WEBHOOKS_FILE, 'utf8'));
    if (!Array.isArray(list)) throw new Error('SO_WEBHOOKS_FILE must hold a JSON array of { url, secret, events? }');
    return list as WebhookEndpointConfig[];
  }
  if (env.SO_WEBHOOK_URL && env.SO_WEBHOOK_SECRET) {
    return [{ url: env.SO_WEBHOOK_URL, secret: env.SO_WEBHOOK_SECRET, ...(env.SO_WEBHOOK_EVENTS ? { events: env.SO_WEBHOOK_EVENTS.split(',').map((s) => s.trim()).filter(Boolean) } : {}) }];
  }
  return [];
}

function resolveOutbound(o: OutboundOptions, serviceName: string): ResolvedOutbound {
  const t = o.timing ?? {};
  const timeoutMs = t.timeoutMs ?? 15_000;
  const smtpUrl = o.smtpUrl ?? (env.SO_SMTP_URL || undefined);
  const notifyLink = o.notifyLink ?? (env.SO_NOTIFY_LINK || undefined);
  const publicUrl = o.publicUrl ?? (env.SO_PUBLIC_URL || undefined);
  return {
    webhooks: o.webhooks ?? webhooksFromEnv(),
    ...(smtpUrl ? { smtpUrl } : {}),
    mailFrom: o.mailFrom ?? env.SO_MAIL_FROM ?? `"${serviceName.replace(/["\\]/g, '')}" <no-reply@localhost>`,
    ...(notifyLink ? { notifyLink } : {}),
    ...(publicUrl ? { publicUrl: publicUrl.replace(/\/+$/, '') } : {}),
    shareLinkTtlMs: o.shareLinkTtlMs ?? 14 * 86_400_000,
    worker: o.worker ?? env.SO_DELIVERY_WORKER !== '0',
    timing: {
      pollMs: t.pollMs ?? 30_000,
      timeoutMs,
      leaseMs: t.leaseMs ?? timeoutMs + 30_000,
      retryMinMs: t.retryMinMs ?? 1000,
      retryFirstWindowMs: t.retryFirstWindowMs ?? 30_000,
      retryMaxMs: t.retryMaxMs ?? 6 * 3_600_000,
      giveUpAfterMs: t.giveUpAfterMs ?? 3 * 86_400_000,
      disableAfterMs: t.disableAfterMs ?? 5 * 86_400_000,
      rotationOverlapMs: t.rotationOverlapMs ?? 86_400_000,
      batch: t.batch ?? 8,
    },
  };
}

/** True for a loopback host: `localhost`, 127.0.0.0/8, `::1` (and 127.x written as IPv6). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || h.startsWith('::ffff:127.');
  return false;
}

/**
 * Refuses demo mode on a host reachable from other machines unless the operator set `SO_DEMO=1`:
 * its session route hands out tokens, so by default it only listens where the operator alone can ask.
 */
export function assertDemoAllowed(options: Pick<ResolvedOptions, 'demo' | 'host'>): void {
  if (!options.demo || isLoopbackHost(options.host) || env.SO_DEMO === '1') return;
  throw new Error(
    `Demo mode hands out tokens to anyone who asks, so it listens only on loopback (127.0.0.1, ::1, localhost), not on ${options.host}. ` +
    'To run it there anyway, for a demo on a trusted network, set SO_DEMO=1 explicitly.',
  );
}
