// The per-request values handlers share through Hono's context.
import type { Principal } from './auth.js';
import type { RequestKey } from './idempotency.js';

/** Hono's typed context variables for this server. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal?: Principal;
    /** The largest JSON body a route reads, in bytes (`maxBodySize` of /v1/config). */
    maxBodySize: number;
    /** The request's Idempotency-Key and its scope, once its caller is known. */
    idempotency?: RequestKey;
    /** SHA-256 of what the route read of the body (its key's fingerprint). */
    bodyDigest?: string;
  };
}

declare module 'hono' {
  interface ContextVariableMap {
    requestId: string;
    principal?: Principal;
    /** The largest JSON body a route reads, in bytes (`maxBodySize` of /v1/config). */
    maxBodySize: number;
    /** The request's Idempotency-Key and its scope, once its caller is known. */
    idempotency?: RequestKey;
    /** SHA-256 of what the route read of the body (its key's fingerprint). */
    bodyDigest?: string;
  }
}
