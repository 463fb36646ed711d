// The per-request values handlers share through Hono's context.
import type { Principal } from './auth.js';

/** Hono's typed context variables for this server. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal?: Principal;
  };
}

declare module 'hono' {
  interface ContextVariableMap {
    requestId: string;
    principal?: Principal;
  }
}
