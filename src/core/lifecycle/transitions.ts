// The status table of ARCHITECTURE.md as data: every legal move, and who may make it.
import type { Role, Status } from '../model/codes.js';
import { FINAL_STATUSES } from '../model/codes.js';

/** The lifecycle actions, named as the protocol and the staff API name them. */
export const ACTIONS = [
  'submit', 'withdraw', 'triage', 'request_info', 'reply', 'accept', 'decline', 'start_review', 'issue_opinion', 'follow_up',
] as const;
export type Action = (typeof ACTIONS)[number];

/** One legal move. */
export interface Transition {
  readonly from: Status;
  readonly action: Action;
  readonly to: Status;
  readonly by: readonly Role[];
}

const t = (from: Status, action: Action, to: Status, ...by: Role[]): Transition => ({ from, action, to, by });

/** Every legal move. Anything not listed is illegal. */
export const TRANSITIONS: readonly Transition[] = [
  t('draft', 'submit', 'submitted', 'patient'),
  t('draft', 'withdraw', 'withdrawn', 'patient'),
  t('submitted', 'triage', 'triage', 'coordinator', 'system'),
  t('submitted', 'withdraw', 'withdrawn', 'patient'),
  t('triage', 'request_info', 'info_requested', 'coordinator'),
  t('triage', 'accept', 'accepted', 'coordinator'),
  t('triage', 'decline', 'declined', 'coordinator'),
  t('triage', 'withdraw', 'withdrawn', 'patient'),
  t('info_requested', 'reply', 'triage', 'patient'),
  t('info_requested', 'decline', 'declined', 'coordinator'),
  t('info_requested', 'withdraw', 'withdrawn', 'patient'),
  t('accepted', 'start_review', 'in_review', 'specialist'),
  t('accepted', 'withdraw', 'withdrawn', 'patient'),
  t('in_review', 'request_info', 'info_requested', 'specialist', 'coordinator'),
  t('in_review', 'issue_opinion', 'opinion_ready', 'specialist'),
  t('in_review', 'withdraw', 'withdrawn', 'patient'),
  t('opinion_ready', 'follow_up', 'in_review', 'patient'),
];

/** Why a move was refused. */
export type TransitionRefusal = 'illegal_transition' | 'not_allowed_for_role';

/** The outcome of asking whether a move is legal. */
export type TransitionCheck = { ok: true; to: Status } | { ok: false; reason: TransitionRefusal };

/** Checks a move: is it in the table, and may this role make it? */
export function checkTransition(from: Status, action: Action, role: Role): TransitionCheck {
  const move = TRANSITIONS.find((m) => m.from === from && m.action === action);
  if (!move) return { ok: false, reason: 'illegal_transition' };
  if (!move.by.includes(role)) return { ok: false, reason: 'not_allowed_for_role' };
  return { ok: true, to: move.to };
}

/** The moves open from a status, optionally only those a role may make. */
export function availableActions(from: Status, role?: Role): Action[] {
  return TRANSITIONS.filter((m) => m.from === from && (!role || m.by.includes(role))).map((m) => m.action);
}

/** True for statuses a case never leaves. */
export function isFinal(status: Status): boolean {
  return (FINAL_STATUSES as readonly Status[]).includes(status);
}

/** True while the case waits on the patient. */
export function isWaitingOnPatient(status: Status): boolean {
  return status === 'info_requested';
}
