// Small helpers shared by the routes: reading JSON bodies, validating them, ETags.
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { ValidationError } from '../core/errors.js';
import type { Case } from '../core/model/case.js';
import { parseWith } from '../core/model/parse.js';
import { isPatient, type Principal } from './auth.js';
import { problems } from './problem.js';
import type { Access } from './store.js';

/** The request's JSON body; an empty body is `{}`; anything unparsable is a 400 problem. */
export async function readJson(c: Context): Promise<unknown> {
  const raw = await c.req.text();
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

/** A case as JSON with its ETag; never cached by intermediaries. */
export function caseResponse(c: Context, value: Case, status: 200 | 201 = 200): Response {
  c.header('ETag', etagOf(value.version));
  c.header('Cache-Control', 'no-store');
  return c.json(value, status);
}

/** What the caller may see: their own cases, or (staff) every case past draft. */
export function accessFor(p: Principal): Access {
  return isPatient(p) ? { owner: p.sub } : { staff: true };
}

/** The `limit` query of a list: 1..100, default 20; anything else is a 422. */
export function pageLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 20;
  const n = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= 100)) throw new ValidationError([{ path: 'limit', code: 'invalid', message: 'Check this entry.', params: { minimum: 1, maximum: 100 } }]);
  return n;
}
