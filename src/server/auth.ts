// Bearer tokens: HS256 JWTs signed by this server, with the caller's subject and role(s).
import type { Context, MiddlewareHandler } from 'hono';
import { sign, verify } from 'hono/jwt';
import type { Role } from '../core/model/codes.js';
import { problems } from './problem.js';

/** A role a token can carry (`system` is the server itself, never a caller). */
export type CallerRole = Exclude<Role, 'system'>;

/** Who is calling. */
export interface Principal {
  sub: string;
  roles: CallerRole[];
}

const CALLER_ROLES: readonly CallerRole[] = ['patient', 'coordinator', 'specialist'];
const isRole = (r: unknown): r is CallerRole => CALLER_ROLES.includes(r as CallerRole);

/** True when the caller acts for a patient (never mixed with staff roles). */
export const isPatient = (p: Principal): boolean => p.roles.includes('patient');

/** True for coordinators and specialists. */
export const isStaff = (p: Principal): boolean => p.roles.some((r) => r === 'coordinator' || r === 'specialist');

/** Signs and verifies this server's tokens. */
export class TokenIssuer {
  constructor(private readonly secret: string) {}

  /** A token for `sub` with one role or several (staff). Valid for `ttlSeconds` (default 12 h). */
  issue(sub: string, role: CallerRole | CallerRole[], ttlSeconds = 12 * 3600): Promise<string> {
    const roles = Array.isArray(role) ? role : [role];
    const now = Math.floor(Date.now() / 1000);
    return sign({ sub, role: roles[0], ...(roles.length > 1 ? { roles } : {}), iat: now, exp: now + ttlSeconds }, this.secret, 'HS256');
  }

  /** The principal of a valid token, or undefined. */
  async verify(token: string): Promise<Principal | undefined> {
    try {
      const claims = await verify(token, this.secret, 'HS256');
      const roles = (Array.isArray(claims.roles) ? claims.roles : [claims.role]).filter(isRole);
      if (typeof claims.sub !== 'string' || !claims.sub || !roles.length) return undefined;
      // A patient token never also carries staff powers.
      if (roles.includes('patient') && roles.length > 1) return undefined;
      return { sub: claims.sub, roles };
    } catch {
      return undefined;
    }
  }
}

/** Reads the bearer token when there is one; a present but invalid token is a 401 at once. */
export function authenticate(issuer: TokenIssuer): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('Authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = match?.[1] ? await issuer.verify(match[1]) : undefined;
      if (!principal) throw problems.unauthorized();
      c.set('principal', principal);
    }
    await next();
  };
}

/** The caller, or a 401. */
export function requirePrincipal(c: Context): Principal {
  const p = c.get('principal');
  if (!p) throw problems.unauthorized();
  return p;
}

/** The calling patient, or 401 without a token and 403 for staff. */
export function requirePatient(c: Context): Principal {
  const p = requirePrincipal(c);
  if (!isPatient(p)) throw problems.forbidden();
  return p;
}

/** The calling staff member, or 401 without a token and 403 for a patient. */
export function requireStaff(c: Context): Principal {
  const p = requirePrincipal(c);
  if (!isStaff(p)) throw problems.forbidden();
  return p;
}
