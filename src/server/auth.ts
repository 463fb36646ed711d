// Bearer tokens: HS256 JWTs signed by this server, with the caller's subject and role(s).
import type { Context, MiddlewareHandler } from 'hono';
import { sign, verify } from 'hono/jwt';
import type { Role } from '../core/model/codes.js';
import { hasControlCharacters, hasUnstorableCharacters } from '../core/model/primitives.js';
import { problems } from './problem.js';

/** A role a token can carry (`system` is the server itself, never a caller). */
export type CallerRole = Exclude<Role, 'system'>;

/** Who is calling. */
export interface Principal {
  sub: string;
  roles: CallerRole[];
  /** Staff limited to one patient's cases (a demo session's staff): that patient's subject. */
  onlyOwner?: string;
}

/** What else a token can say. */
export interface TokenOptions {
  /** Valid for this long. Default 12 h. */
  ttlSeconds?: number;
  /** Staff who see only this patient's cases (the `so_only_owner` claim). */
  onlyOwner?: string;
}

/** A subject this server can store and look up: 1 to 255 characters, no control character or lone surrogate. */
const isSubject = (s: unknown): s is string => typeof s === 'string' && s.length >= 1 && s.length <= 255 && !hasControlCharacters(s) && !hasUnstorableCharacters(s);

const CALLER_ROLES: readonly CallerRole[] = ['patient', 'coordinator', 'specialist'];
const isRole = (r: unknown): r is CallerRole => CALLER_ROLES.includes(r as CallerRole);

/** True when the caller acts for a patient (never mixed with staff roles). */
export const isPatient = (p: Principal): boolean => p.roles.includes('patient');

/** True for coordinators and specialists. */
export const isStaff = (p: Principal): boolean => p.roles.some((r) => r === 'coordinator' || r === 'specialist');

/** The longest a token may live when the server is told nothing else: 24 hours. */
export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 24 * 3600;

/**
 * The roles a token's claims give, or undefined when they are missing, unknown or contradict each
 * other: `role` alone, or `roles` (with `role`, if present, one of them); a patient is never staff too.
 */
function rolesOf(claims: Record<string, unknown>): CallerRole[] | undefined {
  const { role, roles } = claims;
  if (roles !== undefined) {
    if (!Array.isArray(roles) || !roles.length || !roles.every(isRole)) return undefined;
    if (role !== undefined && !roles.includes(role as CallerRole)) return undefined;
  } else if (!isRole(role)) return undefined;
  const all: CallerRole[] = roles ?? [role as CallerRole];
  return all.includes('patient') && all.length > 1 ? undefined : [...new Set(all)];
}

/** Signs and verifies this server's tokens. */
export class TokenIssuer {
  /** `maxLifetimeSeconds`: tokens living longer (from now, or from their `iat`) are refused, as are tokens without `exp`. */
  constructor(
    private readonly secret: string,
    private readonly maxLifetimeSeconds = DEFAULT_TOKEN_MAX_LIFETIME_SECONDS,
  ) {}

  /** A token for `sub` with one role or several (staff). Valid for `ttlSeconds` (default 12 h, at most the maximum lifetime). */
  issue(sub: string, role: CallerRole | CallerRole[], { ttlSeconds = 12 * 3600, onlyOwner }: TokenOptions = {}): Promise<string> {
    const roles = Array.isArray(role) ? role : [role];
    const now = Math.floor(Date.now() / 1000);
    const exp = now + Math.min(ttlSeconds, this.maxLifetimeSeconds);
    return sign({ sub, role: roles[0], ...(roles.length > 1 ? { roles } : {}), ...(onlyOwner ? { so_only_owner: onlyOwner } : {}), iat: now, exp }, this.secret, 'HS256');
  }

  /** The principal of a valid token, or undefined. */
  async verify(token: string): Promise<Principal | undefined> {
    try {
      const claims = await verify(token, this.secret, 'HS256');
      // A token that never expires, or outlives the maximum, is refused (verify itself checks exp is not past).
      const now = Math.floor(Date.now() / 1000);
      const { exp, iat } = claims;
      if (typeof exp !== 'number' || exp - now > this.maxLifetimeSeconds) return undefined;
      if (iat !== undefined && (typeof iat !== 'number' || exp - iat > this.maxLifetimeSeconds)) return undefined;
      const roles = rolesOf(claims);
      // A subject that could not be stored (a NUL, a lone surrogate) is no caller at all, before any query.
      if (!isSubject(claims.sub) || !roles) return undefined;
      const onlyOwner = claims.so_only_owner;
      if (onlyOwner !== undefined && !isSubject(onlyOwner)) return undefined;
      return { sub: claims.sub, roles, ...(onlyOwner === undefined ? {} : { onlyOwner }) };
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
