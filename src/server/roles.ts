// Which of a staff caller's roles makes a move: the first one the lifecycle table allows.
import type { Action } from '../core/lifecycle/transitions.js';
import { checkTransition } from '../core/lifecycle/transitions.js';
import type { Status } from '../core/model/codes.js';
import type { CallerRole, Principal } from './auth.js';

/** The role to act as; when none may, the first one, so the engine answers 403 or 409 itself. */
export function actingRole(p: Principal, status: Status, action: Action): CallerRole {
  return p.roles.find((r) => checkTransition(status, action, r).ok) ?? p.roles[0] ?? 'patient';
}
