// Typed errors: every failure the client reports is one of these, with a stable `code`,
// a message safe to show a person, and field issues where they apply.
import type { FieldIssue } from './model/parse.js';

/** Stable error codes. */
export type ErrorCode =
  | 'validation' | 'not_found' | 'conflict' | 'auth' | 'forbidden' | 'rate_limited' | 'network' | 'timeout'
  | 'protocol' | 'server' | 'unsupported' | 'aborted' | 'integrity';

/** Why a conflict happened. */
export type ConflictReason = 'illegal_transition' | 'stale_version' | 'idempotency_mismatch' | 'conflict';

export interface ErrorDetails {
  /** The backend's request id, for support. */
  requestId?: string;
  /** The HTTP status, when there was one. */
  status?: number;
  /** Field issues, for validation errors and malformed answers. */
  issues?: FieldIssue[];
  cause?: unknown;
}

/** The base of every error the kit raises. */
export class SecondOpinionError extends Error {
  override name = 'SecondOpinionError';
  readonly code: ErrorCode;
  readonly requestId?: string;
  readonly status?: number;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.requestId = details.requestId;
    this.status = details.status;
    this.issues = details.issues ?? [];
  }

  /** The path of the first field issue, where there is one. */
  get path(): string | undefined {
    return this.issues[0]?.path;
  }
}

/** The input breaks the model's rules; `issues` lists every field. */
export class ValidationError extends SecondOpinionError {
  override name = 'ValidationError';
  constructor(issues: FieldIssue[], details: ErrorDetails = {}) {
    super('validation', 'Some information needs your attention.', { ...details, issues });
  }
}

/** The case or record does not exist, or is not the caller's. */
export class NotFoundError extends SecondOpinionError {
  override name = 'NotFoundError';
  constructor(details: ErrorDetails = {}) {
    super('not_found', 'We could not find this case.', details);
  }
}

/** The move is not legal now, or someone else changed the case first. */
export class ConflictError extends SecondOpinionError {
  override name = 'ConflictError';
  readonly reason: ConflictReason;
  constructor(reason: ConflictReason, details: ErrorDetails = {}) {
    super('conflict', CONFLICT_MESSAGES[reason], details);
    this.reason = reason;
  }
}

const CONFLICT_MESSAGES: Record<ConflictReason, string> = {
  illegal_transition: 'This case has moved on, so that action is no longer possible.',
  stale_version: 'This case changed while you were working on it. Reload it and try again.',
  idempotency_mismatch: 'This action was already sent with different details.',
  conflict: 'This action conflicts with the current state of the case.',
};

/** No valid credentials (401), or the token could not be obtained. */
export class AuthError extends SecondOpinionError {
  override name = 'AuthError';
  constructor(details: ErrorDetails = {}) {
    super('auth', 'Your session has ended. Sign in again to continue.', details);
  }
}

/** Authenticated, but not allowed to do this (403, or a role that may not make the move). */
export class ForbiddenError extends SecondOpinionError {
  override name = 'ForbiddenError';
  constructor(details: ErrorDetails = {}) {
    super('forbidden', 'You are not allowed to do this.', details);
  }
}

/** Too many requests; `retryAfterMs` says when to try again, where known. */
export class RateLimitError extends SecondOpinionError {
  override name = 'RateLimitError';
  readonly retryAfterMs?: number;
  constructor(retryAfterMs?: number, details: ErrorDetails = {}) {
    super('rate_limited', 'Too many requests just now. Please wait a moment and try again.', details);
    this.retryAfterMs = retryAfterMs;
  }
}

/** The backend could not be reached. Nothing was lost; the action can be tried again. */
export class NetworkError extends SecondOpinionError {
  override name = 'NetworkError';
  constructor(details: ErrorDetails = {}, code: 'network' | 'timeout' = 'network') {
    super(code, code === 'timeout'
      ? 'The service took too long to answer. Check your connection and try again.'
      : 'We could not reach the service. Check your connection and try again.', details);
  }
}

/** The backend answered something that breaks the protocol. */
export class ProtocolError extends SecondOpinionError {
  override name = 'ProtocolError';
  constructor(details: ErrorDetails = {}) {
    super('protocol', 'The service sent an answer we could not read. Please try again later.', details);
  }
}

/** The backend failed (5xx) after the retries. */
export class ServerError extends SecondOpinionError {
  override name = 'ServerError';
  constructor(details: ErrorDetails = {}) {
    super('server', 'The service had a problem. Please try again later.', details);
  }
}

/** The backend does not offer this feature. */
export class UnsupportedError extends SecondOpinionError {
  override name = 'UnsupportedError';
  constructor(feature: string, details: ErrorDetails = {}) {
    super('unsupported', `This service does not offer ${feature}.`, details);
  }
}

/** The bytes kept arriving damaged (the server refused the same part's checksum again and again). */
export class IntegrityError extends SecondOpinionError {
  override name = 'IntegrityError';
  constructor(details: ErrorDetails = {}) {
    super('integrity', 'The file kept arriving damaged. Check your connection and send it again.', details);
  }
}

/** True for any of the kit's errors. */
export function isSecondOpinionError(e: unknown): e is SecondOpinionError {
  return e instanceof SecondOpinionError;
}
