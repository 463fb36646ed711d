// The conformance suite's view of a server: raw HTTP (no client library in between, so nothing is
// smoothed over), checks that fail a rule with a short reason, and a few protocol helpers.
import { BackendConfigSchema, CaseSchema, type BackendConfig, type Case } from '../core/index.js';
import { parseWith } from '../core/model/parse.js';
import type * as z from 'zod/mini';
import { sampleRequest } from './sample-request.js';

/** A rule broke: the message says which expectation, never what the body held. */
export class RuleFailure extends Error {
  override name = 'RuleFailure';
}

/** The rule does not apply to this server (an optional feature it does not advertise). */
export class RuleSkipped extends Error {
  override name = 'RuleSkipped';
}

/** Fails the rule unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new RuleFailure(message);
}

/** One HTTP answer, fully read. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export interface SendOptions {
  /** The bearer token; `null` sends none. Default: the patient's token. */
  token?: string | null;
  headers?: Record<string, string>;
  json?: unknown;
  body?: BodyInit | Uint8Array;
}

/** What a rule runs with. */
export interface ProbeOptions {
  url: string;
  token: string;
  otherToken?: string;
  fetch: typeof fetch;
  signal: AbortSignal;
}

let counter = 0;

/** HTTP access and checks for one rule. */
export class Probe {
  private configCache?: BackendConfig;

  constructor(readonly options: ProbeOptions) {}

  get signal(): AbortSignal {
    return this.options.signal;
  }

  /** The other patient's token (rules that need one only run when it is given). */
  get otherToken(): string {
    return this.options.otherToken ?? '';
  }

  /** The absolute URL of a protocol path (`/v1/...`), or of a URL the server gave (a `Location`). */
  url(path: string): string {
    if (/^[a-z]+:/i.test(path)) return path;
    return this.options.url.replace(/\/+$/, '') + path;
  }

  /** Resolves a `Location` header the way a browser would. */
  resolve(location: string): string {
    return new URL(location, this.options.url).href;
  }

  /** Sends a request and reads the whole answer. */
  async send(method: string, path: string, o: SendOptions = {}): Promise<Answer> {
    const headers = new Headers(o.headers);
    const token = o.token === undefined ? this.options.token : o.token;
    if (token) headers.set('authorization', `Bearer ${token}`);
    let body: BodyInit | Uint8Array | undefined = o.body;
    if (o.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(o.json);
    }
    // A streamed body goes out as it is made (chunked), so a server can answer before its end.
    const duplex = body instanceof ReadableStream ? { duplex: 'half' } : {};
    const res = await this.options.fetch(this.url(path), { method, headers, body: body as BodyInit | undefined, signal: this.signal, redirect: 'manual', ...duplex } as RequestInit);
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  /** Fails unless the answer has this status. */
  status(a: Answer, expected: number | number[], what: string): void {
    const ok = Array.isArray(expected) ? expected.includes(a.status) : a.status === expected;
    check(ok, `${what}: expected ${Array.isArray(expected) ? expected.join(' or ') : expected}, got ${a.status}`);
  }

  /** Parses a JSON answer, failing the rule when it is not JSON. */
  json(a: Answer, what: string): unknown {
    try {
      return JSON.parse(a.text);
    } catch {
      throw new RuleFailure(`${what}: the body is not JSON`);
    }
  }

  /** Parses and validates an answer with a core schema. */
  valid<S extends z.ZodMiniType>(schema: S, a: Answer, what: string): z.output<S> {
    const parsed = parseWith(schema, this.json(a, what));
    if (!parsed.ok) throw new RuleFailure(`${what}: the body breaks the schema at ${parsed.issues.slice(0, 3).map((i) => i.path || '(root)').join(', ')}`);
    return parsed.value;
  }

  /** Checks an RFC 9457 problem answer with the protocol's members; returns it. */
  problem(a: Answer, status: number, what: string): Record<string, unknown> {
    this.status(a, status, what);
    const type = a.headers.get('content-type') ?? '';
    check(type.startsWith('application/problem+json'), `${what}: Content-Type is "${type}", not application/problem+json`);
    const p = this.json(a, what);
    check(typeof p === 'object' && p !== null, `${what}: the problem is not an object`);
    const r = p as Record<string, unknown>;
    for (const key of ['type', 'title', 'code', 'requestId']) check(typeof r[key] === 'string', `${what}: the problem has no string "${key}"`);
    check(r.status === status, `${what}: the problem's status is ${String(r.status)}, not ${status}`);
    check(a.headers.get('x-request-id') === r.requestId, `${what}: the problem's requestId differs from X-Request-Id`);
    return r;
  }

  /** The server's config. */
  async config(): Promise<BackendConfig> {
    this.configCache ??= this.valid(BackendConfigSchema, await this.send('GET', '/v1/config'), 'GET /v1/config');
    return this.configCache;
  }

  /** A valid fictitious request for this server. */
  async sample(): Promise<ReturnType<typeof sampleRequest>> {
    return sampleRequest(await this.config());
  }

  /** A fresh Idempotency-Key. */
  key(): string {
    return `conformance-${Date.now()}-${++counter}-${crypto.randomUUID()}`;
  }

  /** Creates a case (a draft, or submitted) for the patient and returns it. */
  async createCase(submit = false, token?: string): Promise<Case> {
    const request = sampleRequest(await this.config());
    const a = await this.send('POST', '/v1/cases', { token, json: submit ? { request, submit: true } : { request }, headers: { 'idempotency-key': this.key() } });
    this.status(a, 201, 'POST /v1/cases');
    return this.valid(CaseSchema, a, 'POST /v1/cases');
  }

  /** Reads a case. */
  async getCase(id: string): Promise<Case> {
    const a = await this.send('GET', `/v1/cases/${id}`);
    this.status(a, 200, 'GET /v1/cases/{id}');
    return this.valid(CaseSchema, a, 'GET /v1/cases/{id}');
  }
}
