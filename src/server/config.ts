// The server's settings: options passed in code win over the environment, which wins over defaults.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../core/defaults.js';
import { DEFAULT_TOKEN_MAX_LIFETIME_SECONDS } from './auth.js';
import type { BackendConfig } from '../core/model/config.js';
import type { Logger } from './logging.js';

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
  /** Opens `POST /v1/dev/session`. Default `SO_DEMO=1`. */
  demo?: boolean;
  /** Overrides of the backend configuration served at `/v1/config`. */
  config?: Partial<BackendConfig>;
  /** Interval of the `: hb` comment on event streams. Default `SO_HEARTBEAT_MS` or 15000. */
  heartbeatMs?: number;
  /** Per-token rate limit. Default 6000 requests a minute. */
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
}

const env = process.env;

function intFrom(value: string | undefined): number | undefined {
  const n = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : undefined;
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
    demo: options.demo ?? env.SO_DEMO === '1',
    config,
    heartbeatMs: options.heartbeatMs ?? intFrom(env.SO_HEARTBEAT_MS) ?? 15_000,
    rateLimit: options.rateLimit ?? { limit: 6000, windowMs: 60_000 },
    // Without a configured secret, tokens live as long as the process (demo and tests).
    tokenSecret: options.tokenSecret ?? env.SO_TOKEN_SECRET ?? randomBytes(32).toString('base64url'),
    tokenMaxLifetimeSeconds: options.tokenMaxLifetimeSeconds ?? intFrom(env.SO_TOKEN_MAX_LIFETIME) ?? DEFAULT_TOKEN_MAX_LIFETIME_SECONDS,
    corsOrigins: options.corsOrigins ?? (origins?.length ? origins : '*'),
    uploadExpirationMs: options.uploadExpirationMs ?? 24 * 3_600_000,
    ...(options.homePage ? { homePage: options.homePage } : {}),
    assets: options.assets ?? [],
  };
}
