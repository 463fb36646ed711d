// Small helpers shared by the routes: reading bodies (bounded, as they stream in), validating them, ETags.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { ValidationError } from '../core/errors.js';
import type { Case } from '../core/model/case.js';
import { parseWith } from '../core/model/parse.js';
import { isPatient, type Principal } from './auth.js';
import { problems } from './problem.js';
import type { Access } from './store.js';
import type { StoredAnswer } from './idempotency.js';

/** True for `application/json` and every `+json` type (parameters such as `charset` aside). */
export const isJsonType = (type: string | undefined): boolean =>
  /^application\/(?:[\w.-]+\+)?json$/i.test((type ?? '').split(';')[0]!.trim());

/** True when the request carries body bytes (a length above 0, or a chunked body). */
export const hasBody = (c: Context): boolean => {
  const length = c.req.header('Content-Length');
  return length !== undefined ? length.trim() !== '0' : c.req.header('Transfer-Encoding') !== undefined;
};

/** Notes what the request's body was, for its Idempotency-Key's fingerprint. */
export const noteBody = (c: Context, digest: string): void => c.set('bodyDigest', digest);

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Node's request under @hono/node-server; undefined in app.request() (tests without a socket). */
export const incomingOf = (c: Context): IncomingMessage | undefined => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

/**
 * Closes the connection of a refused request once its answer is written, without reading the rest of
 * its body. Node would destroy the socket at once, and a socket destroyed with unread bytes sends a
 * reset that can overtake the answer (the client then sees EPIPE, not the 413), and a reset also
 * throws away an answer the client's kernel holds but the client has not read yet: so this end is
 * shut first, what still arrives is dropped unread, and the socket goes when the client hangs up
 * (once it has read the answer), or after 10 seconds at the latest (a slow, loaded client).
 */
export function closeAfterAnswer(incoming: IncomingMessage): void {
  const socket = incoming.socket;
  socket.destroySoon = function (this: typeof socket) {
    this.end();
    this.removeAllListeners('data');
    this.on('data', () => {});
    this.resume();
    setTimeout(() => this.destroy(), 10_000).unref();
  };
}

type TooLarge = (max: number) => Error;

function readIncoming(incoming: IncomingMessage, max: number, tooLarge: TooLarge): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (fail?: unknown) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onCut).off('close', onCut);
      if (fail === undefined) resolve(Buffer.concat(chunks, size));
      else reject(fail);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else {
        // Not a byte more: the socket closes once the 413 is sent, the rest is never read.
        incoming.pause();
        done(tooLarge(max));
      }
    };
    const onEnd = () => done();
    // The client went away mid-body: nobody hears the answer, but it is the client's doing (a 400), not ours.
    const onCut = () => done(problems.incompleteBody());
    incoming.on('data', onData).once('end', onEnd).once('error', onCut).once('close', onCut);
    incoming.resume();
  });
}

async function readStream(body: ReadableStream<Uint8Array> | null, max: number, tooLarge: TooLarge): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.length;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(r.value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * The request's body, at most `max` bytes, read as it streams in: a declared length over `max` is a
 * 413 before any byte is read, and a body that grows past `max` is a 413 as soon as it does.
 */
export async function readCapped(c: Context, max: number, tooLarge: TooLarge = problems.bodyTooLarge): Promise<Uint8Array> {
  const declared = c.req.header('Content-Length');
  if (declared !== undefined && !(Number(declared) <= max)) throw tooLarge(max);
  if (!hasBody(c)) return new Uint8Array();
  const incoming = incomingOf(c);
  return incoming ? readIncoming(incoming, max, tooLarge) : readStream(c.req.raw.body, max, tooLarge);
}

/**
 * The request's body as chunks, read only as fast as they are taken. A reader that stops early (a
 * 413) leaves the rest unread: the request is paused, never destroyed, so its answer reaches the
 * client before the connection closes (see `closeAfterAnswer`). A client that goes away mid-body
 * is a 400 (`incomplete_body`).
 */
export function requestBody(c: Context): AsyncIterable<Uint8Array> {
  const incoming = incomingOf(c);
  if (!incoming) return c.req.raw.body ?? Readable.from([]);
  return incomingChunks(incoming);
}

async function* incomingChunks(incoming: IncomingMessage): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let ended = false;
  let cut = false;
  let wake: (() => void) | undefined;
  const onData = (chunk: Buffer) => {
    queue.push(chunk);
    incoming.pause();
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  const onCut = () => {
    cut = true;
    wake?.();
  };
  incoming.on('data', onData).once('end', onEnd).once('error', onCut).once('close', onCut);
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (ended) return;
      if (cut) throw problems.incompleteBody();
      const arrived = new Promise<void>((resolve) => (wake = resolve));
      incoming.resume();
      await arrived;
      wake = undefined;
    }
  } finally {
    incoming.pause();
    incoming.off('data', onData).off('end', onEnd).off('error', onCut).off('close', onCut);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request's JSON body, at most the configured `maxBodySize`; no body is `{}`. A body that is
 * not `application/json` (or `+json`) is a 415, one too large a 413, anything unparsable a 400.
 */
export async function readJson(c: Context): Promise<unknown> {
  if (!hasBody(c)) {
    noteBody(c, '');
    return {};
  }
  if (!isJsonType(c.req.header('Content-Type'))) throw problems.notJson();
  const bytes = await readCapped(c, c.get('maxBodySize'));
  noteBody(c, sha256Hex(bytes));
  let raw: string;
  try {
    raw = utf8.decode(bytes);
  } catch {
    throw problems.malformedJson();
  }
  if (!raw.trim()) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw problems.malformedJson();
  }
}

/** The body parsed with `schema`, or a 422 with every field issue. */
export async function readBody<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.output<S>> {
  const parsed = parseWith(schema, await readJson(c));
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  return parsed.value;
}

/** The strong ETag of a case version. */
export const etagOf = (version: number): string => `"${version}"`;

/** The version named by an If-Match header; undefined when absent; a 412 when it names none. */
export function ifMatchVersion(c: Context): number | undefined {
  const header = c.req.header('If-Match');
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,10})"\s*$/.exec(header);
  if (!m?.[1]) throw problems.stale();
  return Number(m[1]);
}

/** A case as JSON with its ETag (and, when created, its Location). */
export function caseAnswer(value: Case, status: 200 | 201 = 200): StoredAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json', etag: etagOf(value.version), ...(status === 201 ? { location: `/v1/cases/${value.id}` } : {}) },
    body: JSON.stringify(value),
  };
}

/** JSON `value` as an answer with `status` and extra headers. */
export function jsonAnswer(value: unknown, status = 200, headers: Record<string, string> = {}): StoredAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** The Response of an answer (the same bytes a replay of it sends). */
export function send(answer: StoredAnswer, extra: Record<string, string> = {}): Response {
  return new Response(answer.status === 204 || answer.status === 304 ? null : answer.body, { status: answer.status, headers: { ...answer.headers, ...extra } });
}

/** A case as JSON with its ETag. */
export const caseResponse = (value: Case, status: 200 | 201 = 200): Response => send(caseAnswer(value, status));

/** What a staff caller may see: every case past draft, or only its patient's (a demo session's staff). */
export function staffAccess(p: Principal): { staff: true; onlyOwner?: string } {
  return p.onlyOwner ? { staff: true, onlyOwner: p.onlyOwner } : { staff: true };
}

/** What the caller may see: their own cases, or (staff) every case past draft. */
export function accessFor(p: Principal): Access {
  return isPatient(p) ? { owner: p.sub } : staffAccess(p);
}

/** The `limit` query of a list: 1..100, default 20; anything else is a 422. */
export function pageLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 20;
  const n = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= 100)) throw new ValidationError([{ path: 'limit', code: 'invalid', message: 'Check this entry.', params: { minimum: 1, maximum: 100 } }]);
  return n;
}
