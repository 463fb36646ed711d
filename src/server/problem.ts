// RFC 9457 problem+json: every error the server answers, whatever raised it.
import type { Context } from 'hono';
import type { ConflictReason, ErrorCode } from '../core/errors.js';
import { ConflictError, SecondOpinionError } from '../core/errors.js';
import type { FieldIssue } from '../core/model/parse.js';
import { TOO_LARGE_MESSAGE, TYPE_NOT_ALLOWED_MESSAGE, intakeIssue } from '../core/records/intake.js';

/** The problem document the server answers with. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  reason?: string;
  errors?: FieldIssue[];
  requestId?: string;
}

/** An error that knows its HTTP answer. Throw it from any handler. */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    detail: string,
    readonly extra: { reason?: string; errors?: FieldIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict', 412: 'Precondition failed',
  413: 'Content too large', 415: 'Unsupported media type', 422: 'Unprocessable content', 428: 'Precondition required',
  429: 'Too many requests', 500: 'Internal server error', 501: 'Not implemented', 503: 'Service unavailable',
};

const STATUS_OF_CODE: Partial<Record<ErrorCode, number>> = {
  validation: 422, not_found: 404, conflict: 409, auth: 401, forbidden: 403, rate_limited: 429, unsupported: 501, protocol: 400,
};

const STATUS_OF_REASON: Partial<Record<ConflictReason, number>> = { stale_version: 412, idempotency_mismatch: 422 };

/** The HTTP status and problem fields for any thrown value. */
export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof SecondOpinionError) {
    const reason = error instanceof ConflictError ? error.reason : undefined;
    const status = (reason && STATUS_OF_REASON[reason]) ?? STATUS_OF_CODE[error.code] ?? 500;
    return new HttpProblem(status, error.code, error.message, {
      ...(reason ? { reason } : {}),
      ...(error.issues.length ? { errors: error.issues } : {}),
    });
  }
  return new HttpProblem(500, 'server', 'The service had a problem. Please try again later.');
}

/** The problem document for `p`. */
export function problemBody(p: HttpProblem, requestId?: string): ProblemBody {
  return {
    type: `urn:second-opinion-kit:problem:${p.extra.reason ?? p.code}`,
    title: TITLES[p.status] ?? 'Error',
    status: p.status,
    detail: p.message,
    code: p.code,
    ...(p.extra.reason ? { reason: p.extra.reason } : {}),
    ...(p.extra.errors ? { errors: p.extra.errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** The problem+json Response for `error`. */
export function problemResponse(c: Context, error: unknown): Response {
  const p = toProblem(error);
  const headers = new Headers({ 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...p.extra.headers });
  return new Response(JSON.stringify(problemBody(p, c.get('requestId'))), { status: p.status, headers });
}

/** Shorthands for the problems handlers raise most. */
export const problems = {
  unauthorized: () => new HttpProblem(401, 'auth', 'Sign in to continue.', { headers: { 'WWW-Authenticate': 'Bearer' } }),
  forbidden: () => new HttpProblem(403, 'forbidden', 'You are not allowed to do this.'),
  notFound: () => new HttpProblem(404, 'not_found', 'There is nothing here.'),
  malformedJson: () => new HttpProblem(400, 'validation', 'The request body is not valid JSON.', { reason: 'malformed_json' }),
  stale: () => new HttpProblem(412, 'conflict', 'This case changed while you were working on it. Reload it and try again.', { reason: 'stale_version' }),
  ifMatchRequired: () => new HttpProblem(428, 'validation', 'Send the version you edited in an If-Match header.', {
    reason: 'if_match_required',
    errors: [{ path: 'If-Match', code: 'required', message: 'This information is needed.' }],
  }),
  // Refused content (the core's intake rule): its words are the core's, as every backend says them.
  tooLarge: (maximum: number) => new HttpProblem(413, 'validation', TOO_LARGE_MESSAGE, {
    reason: 'too_large',
    errors: [intakeIssue('too_large', maximum)],
    headers: { Connection: 'close' },
  }),
  // The connection closes after it: the rest of the body is never read.
  bodyTooLarge: (maximum: number) => new HttpProblem(413, 'validation', 'This request is larger than the service accepts.', {
    reason: 'too_large',
    errors: [{ path: '', code: 'too_long', message: 'This request is larger than the service accepts.', params: { maximum } }],
    headers: { Connection: 'close' },
  }),
  incompleteBody: () => new HttpProblem(400, 'validation', 'The request body was cut short.', { reason: 'incomplete_body' }),
  notJson: () => new HttpProblem(415, 'validation', 'Send this request as JSON (Content-Type: application/json).', {
    reason: 'unsupported_media_type',
    errors: [{ path: 'Content-Type', code: 'invalid_format', message: 'Check this entry.' }],
  }),
  typeNotAllowed: () => new HttpProblem(415, 'validation', TYPE_NOT_ALLOWED_MESSAGE, {
    reason: 'type_not_allowed',
    errors: [intakeIssue('type_not_allowed')],
  }),
  rateLimited: (retryAfterSeconds: number) => new HttpProblem(429, 'rate_limited', 'Too many requests just now. Please wait a moment and try again.', {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  }),
};
