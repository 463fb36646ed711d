/**
 * The reference server of protocol v1 (Node only): Hono over PGlite or PostgreSQL, tus uploads,
 * server-sent events, the staff API and OpenAPI.
 * @packageDocumentation
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { buildApp } from './app.js';
import { TokenIssuer, type CallerRole } from './auth.js';
import { assertDemoAllowed, resolveOptions, type ResolvedOptions, type ServerOptions } from './config.js';
import { openDb, type Db } from './db.js';
import type { AppEnv } from './env.js';
import { EventsHub } from './events-hub.js';
import { purgeIdempotency } from './idempotency.js';
import { purgeRateLimits } from './rate-limit.js';
import { openRecordFiles } from './record-files.js';
import { jsonLogger } from './logging.js';
import { migrate } from './migrations.js';
import { assetRoutes } from './routes/assets.js';
import { eventRoutes } from './routes/events.js';
import { recordRoutes } from './routes/records.js';
import { staffRoutes } from './routes/staff.js';
import { uploadRoutes } from './routes/uploads.js';
import { mailSenders, smtpTransport } from './outbound/mail.js';
import { afterCareTeamAttempt, OutboxWriter } from './outbound/outbox.js';
import { WebhookEndpoints } from './outbound/webhooks.js';
import { DeliveryWorker } from './outbound/worker.js';
import { sharedRoutes } from './routes/shared.js';
import { webhookRoutes } from './routes/webhooks.js';
import { CaseStore } from './store.js';
import { Uploads } from './uploads.js';

export type { ServerOptions, RateLimitOptions, ResolvedOptions, AssetDir, OutboundOptions, DeliveryTiming, WebhookEndpointConfig } from './config.js';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType, type WebhookPayload } from './outbound/messages.js';
export type { Logger, LogFields } from './logging.js';
export { jsonLogger, silentLogger } from './logging.js';
export type { Db, Queryable, QueryResult } from './db.js';
export type { CallerRole, Principal } from './auth.js';
export { MIGRATIONS, migrate } from './migrations.js';
export { openApiDocument } from './openapi.js';
export { DEMO_PAGE, demoSite, type DemoSiteOptions } from './demo-page.js';
export { PAGE_CSP } from './routes/assets.js';
export { TUS_EXTENSIONS, isLoopbackHost } from './config.js';

/** A built server, not yet listening: its app answers `fetch` requests. */
export interface SecondOpinionServer {
  app: Hono<AppEnv>;
  db: Db;
  options: ResolvedOptions;
  /** A signed token for `sub` with a role (or several staff roles). */
  issueToken(sub: string, role: CallerRole | CallerRole[]): Promise<string>;
  /** Expires stale uploads and idempotency keys as of `now` (also runs on a timer). */
  maintenance(now?: Date): Promise<void>;
  /** How many event streams are open. */
  readonly openStreams: number;
  /** Ends every open event stream (closing does it too). */
  endStreams(): void;
  /** The outbound delivery worker (undefined when turned off). */
  readonly deliveries?: DeliveryWorker;
  /** Sets the public origin care-team links use, when none is configured (startServer sets the listening one). */
  setPublicUrl(url: string): void;
  close(): Promise<void>;
}

/** A listening server. */
export interface RunningServer extends SecondOpinionServer {
  /** `http://host:port`, without a trailing slash. */
  url: string;
  http: ServerType;
}

/** Builds the server: opens the database, migrates it, wires the routes. */
export async function createServer(input: ServerOptions = {}): Promise<SecondOpinionServer> {
  const options = resolveOptions(input);
  assertDemoAllowed(options);
  const logger = input.logger ?? jsonLogger;
  mkdirSync(options.dataDir, { recursive: true });
  const db = await openDb(options.dataDir, options.databaseUrl);
  // A failed migration must not leave the pool open and the process hanging.
  await migrate(db).catch(async (e: unknown) => {
    await db.close().catch(() => {});
    throw e;
  });
  const { outbound } = options;
  let worker: DeliveryWorker | undefined;
  const store = new CaseStore(db, options.config, [new OutboxWriter({ mail: !!outbound.smtpUrl })]);
  const hub = new EventsHub(db, store);
  await hub.start();
  const endpoints = new WebhookEndpoints(db);
  let publicUrl = outbound.publicUrl ?? `http://${options.host}:${options.port}`;
  try {
    await endpoints.sync(outbound.webhooks);
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
  const tokens = new TokenIssuer(options.tokenSecret, options.tokenMaxLifetimeSeconds);
  const files = await openRecordFiles({ dataDir: options.dataDir, expirationMs: options.uploadExpirationMs, db, ...(options.recordsStore ? { s3: options.recordsStore } : {}) });
  const uploads = new Uploads(db, store, options, files, logger);
  const deps = { db, store, hub, files, tokens, config: options.config, options };
  const app = buildApp(deps, logger, [staffRoutes, eventRoutes, recordRoutes, uploadRoutes(uploads), webhookRoutes(endpoints), sharedRoutes, assetRoutes]);
  const transport = outbound.smtpUrl ? await smtpTransport(outbound.smtpUrl, outbound.timing.timeoutMs) : undefined;
  if (outbound.worker) {
    const senders = transport ? mailSenders({ db, store, outbound, transport, serviceName: options.config.name, publicUrl: () => publicUrl }) : {};
    // The case shows its care-team delivery's state, written with the attempt's result.
    worker = new DeliveryWorker(db, outbound.timing, senders, logger, async (tx, d, state) => {
      if (d.channel !== 'care_team') return;
      const requestedAt = (d.payload as { data?: { occurredAt?: unknown } }).data?.occurredAt;
      await store.mutate(d.caseId, { system: true }, (cur) => afterCareTeamAttempt(cur, requestedAt, state, new Date()), { within: tx });
    });
    await worker.start();
  }
  const maintenance = async (now?: Date) => {
    await purgeIdempotency(db);
    await purgeRateLimits(db);
    await uploads.expire(now);
  };
  const timer = setInterval(() => void maintenance().catch((e: unknown) => logger.error({ msg: 'maintenance', error: e instanceof Error ? e.name : 'unknown' })), Math.min(options.uploadExpirationMs, 3_600_000));
  timer.unref();
  let closed = false;
  return {
    app,
    db,
    options,
    issueToken: (sub, role) => tokens.issue(sub, role),
    maintenance,
    get openStreams() {
      return hub.size;
    },
    endStreams: () => hub.shutdown(),
    ...(worker ? { deliveries: worker } : {}),
    setPublicUrl(url: string) {
      if (!outbound.publicUrl) publicUrl = url;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      hub.shutdown();
      await worker?.stop();
      transport?.close();
      await files.drain();
      await uploads.locker.stop();
      await db.close();
    },
  };
}

/** Builds the server and listens on `host:port` (port 0 picks a free one). */
export async function startServer(input: ServerOptions = {}): Promise<RunningServer> {
  const server = await createServer(input);
  const { host, port } = server.options;
  const { http, address } = await new Promise<{ http: ServerType; address: AddressInfo }>((resolve) => {
    const h = serve({ fetch: server.app.fetch, hostname: host, port }, (info) => resolve({ http: h, address: info }));
  });
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const closeApp = server.close.bind(server);
  const url = `http://${shownHost}:${address.port}`;
  server.setPublicUrl(url);
  return Object.assign(server, {
    url,
    http,
    async close() {
      // Event streams end first, then every connection, then the database.
      server.endStreams();
      await new Promise<void>((resolve) => setImmediate(resolve));
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      if ('closeAllConnections' in http) http.closeAllConnections();
      await stopped;
      await closeApp();
    },
  });
}
