// Test helpers: a real server on 127.0.0.1 with a temporary data directory, and small HTTP helpers.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type LogFields, type RunningServer, type ServerOptions } from '../../src/server/index.js';
import { sharedPostgres } from './support/postgres.js';

export interface TestServer extends RunningServer {
  logs: LogFields[];
  dataDir: string;
  patient(sub?: string): Promise<string>;
  staff(roles?: Parameters<RunningServer['issueToken']>[1]): Promise<string>;
  dispose(): Promise<void>;
}

/** Which database a test server runs on. */
export type TestDatabase = 'pglite' | 'postgres';

/** Options of a test server: the server's own, and its database. */
export interface TestServerOptions extends ServerOptions {
  /** PGlite in the data directory, or a fresh database in the test process's PostgreSQL cluster (ignored when `databaseUrl` is set). */
  database?: TestDatabase;
}

let defaultDatabase: TestDatabase = 'pglite';

/** The database of every later test server that names none (test/server/postgres.test.ts runs the suites again on PostgreSQL). */
export function setDefaultDatabase(database: TestDatabase): void {
  defaultDatabase = database;
}

/** Starts a server on port 0 with a fresh data directory and a log collector. */
export async function startTestServer({ database = defaultDatabase, ...options }: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'so-server-'));
  const logs: LogFields[] = [];
  const logger = { info: (f: LogFields) => logs.push(f), error: (f: LogFields) => logs.push(f) };
  const databaseUrl = options.databaseUrl ?? (database === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined);
  const server = await startServer({ port: 0, host: '127.0.0.1', logger, ...options, dataDir, databaseUrl });
  if (server.db.kind !== (databaseUrl ? 'postgres' : 'pglite')) throw new Error(`test server opened ${server.db.kind}, not the database asked for`);
  return Object.assign(server, {
    logs,
    dataDir,
    patient: (sub = `patient-${crypto.randomUUID()}`) => server.issueToken(sub, 'patient'),
    staff: (roles: Parameters<RunningServer['issueToken']>[1] = ['coordinator', 'specialist']) => server.issueToken('staff-1', roles),
    async dispose() {
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A complete request, valid for submission (the README's example patient). */
export function validRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    patient: {
      givenName: 'Marie', familyName: 'Tremblay', birthDate: '1968-04-12', jurisdiction: 'CA-QC', email: 'marie@example.ca',
      preferredLanguage: 'fr-CA', healthCardNumber: 'TREM 6804 1211',
    },
    requester: { relationship: 'self' },
    reasons: ['treatment_options'],
    specialty: 'oncology',
    diagnosis: { description: 'Breast cancer, stage II' },
    proposedTreatment: 'Mastectomy, then chemotherapy',
    treatingPhysician: { name: 'Dr. Gagnon', specialty: 'Surgery' },
    questions: ['Is surgery the best first step?', 'What are the risks of waiting?'],
    urgency: 'routine',
    consultationMode: 'records_review',
    referral: { path: 'family_doctor' },
    coverage: { kind: 'public', plan: 'CA-QC' },
    careTeam: { share: true, name: 'Dr. Roy', email: 'clinic@example.ca' },
    consent: { version: '2026-11', acceptedAt: new Date().toISOString(), scopes: ['collect_and_review', 'share_with_care_team'] },
    ...overrides,
  };
}

/** Fetch with a bearer token and a JSON body. */
export function call(base: string, path: string, token: string | undefined, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  }
  return fetch(`${base}${path}`, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
}

/** Creates a case (submitted unless told) and returns it. */
export async function createCase(base: string, token: string, submit = true): Promise<{ id: string; version: number; questions: { id: string }[]; [k: string]: unknown }> {
  const res = await call(base, '/v1/cases', token, { body: { request: validRequest(), submit } });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return res.json() as never;
}

/** Hex SHA-256. */
export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** tus Upload-Metadata from pairs. */
export const tusMetadata = (pairs: Record<string, string>): string =>
  Object.entries(pairs).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');

/** A small valid PDF. */
export const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** One server-sent event. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** Reads a text/event-stream body; `next()` resolves with each event, `comment()` with each comment. */
export function sseReader(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let retry: string | undefined;
  async function pump(until: () => boolean): Promise<void> {
    // Bounded: the test runner's timeout ends a stream that never delivers.
    while (!until()) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
      let at: number;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const ev: SseEvent = { data: '' };
        let hasData = false;
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments.push(line.slice(1).trim());
          else if (line.startsWith('retry:')) retry = line.slice(6).trim();
          else if (line.startsWith('id:')) ev.id = line.slice(3).trim();
          else if (line.startsWith('event:')) ev.event = line.slice(6).trim();
          else if (line.startsWith('data:')) {
            ev.data += (hasData ? '\n' : '') + line.slice(5).trimStart();
            hasData = true;
          }
        }
        if (hasData) events.push(ev);
      }
    }
  }
  let taken = 0;
  return {
    async next(): Promise<SseEvent> {
      await pump(() => events.length > taken);
      return events[taken++]!;
    },
    async comment(): Promise<string> {
      const seen = comments.length;
      await pump(() => comments.length > seen);
      return comments[seen]!;
    },
    get retry() {
      return retry;
    },
    cancel: () => reader.cancel(),
  };
}
