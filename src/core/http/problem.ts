// Maps an HTTP failure (status, problem+json body, headers) to the kit's typed errors: one mapping
// for RestBackend's transport and the upload engine's tus answers (loaded by each when first needed).
import * as z from 'zod/mini';
import {
  AuthError, ConflictError, ForbiddenError, NetworkError, NotFoundError, ProtocolError, RateLimitError, ServerError,
  ValidationError, type ConflictReason, type ErrorDetails, type SecondOpinionError,
} from '../errors.js';
import { ISSUE_CODES, type IssueCode } from '../model/codes.js';
import type { FieldIssue } from '../model/parse.js';
import { englishIssueMessage } from '../i18n/issues-en.js';
import { retryAfterMs } from './retry-after.js';

// Only the members the mapping reads; anything else in the problem is ignored.
const ProblemSchema = z.object({
  reason: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ path: z.string(), code: z.string(), message: z.optional(z.string()) }))),
});

const CONFLICT_REASONS: readonly string[] = ['illegal_transition', 'stale_version', 'idempotency_mismatch', 'conflict'] satisfies ConflictReason[];
const ISSUES: readonly string[] = ISSUE_CODES;

function toIssues(errors: z.infer<typeof ProblemSchema>['errors']): FieldIssue[] {
  return (errors ?? []).map((e) => {
    const code = (ISSUES.includes(e.code) ? e.code : 'invalid') as IssueCode;
    return { path: e.path, code, message: e.message ?? englishIssueMessage(code) };
  });
}

/** The typed error for an HTTP answer that was not a success. */
export function errorFromResponse(status: number, headers: Headers, body: unknown): SecondOpinionError {
  const details: ErrorDetails = { status };
  const requestId = headers.get('x-request-id');
  if (requestId) details.requestId = requestId;
  const parsed = ProblemSchema.safeParse(body);
  const problem = parsed.success ? parsed.data : {};
  const reason = problem.reason && CONFLICT_REASONS.includes(problem.reason) ? (problem.reason as ConflictReason) : undefined;
  if (status === 422 && reason === 'idempotency_mismatch') return new ConflictError(reason, details);
  if ((status === 400 || status === 422) && problem.errors) return new ValidationError(toIssues(problem.errors), details);
  if (status === 422) return new ValidationError([], details);
  if (status === 401) return new AuthError(details);
  if (status === 403) return new ForbiddenError(details);
  if (status === 404) return new NotFoundError(details);
  if (status === 409) return new ConflictError(reason ?? 'conflict', details);
  if (status === 412) return new ConflictError(reason ?? 'stale_version', details);
  if (status === 429) return new RateLimitError(retryAfterMs(headers.get('retry-after')), details);
  if (status === 408) return new NetworkError(details, 'timeout');
  if (status >= 500) return new ServerError(details);
  return new ProtocolError(details);
}
