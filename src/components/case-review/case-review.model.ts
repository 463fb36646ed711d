// The review's reading of a case, in plain data: the moves a staff role may make now (the lifecycle
// table decides), which records preview inline, and whether a refused move means the case moved on.
// No Lit here, so it is tested in Node.
import { isSecondOpinionError } from '../../core/errors.js';
import { checkTransition } from '../../core/lifecycle/transitions.js';
import type { CaseRecord } from '../../core/model/case.js';
import type { Status } from '../../core/model/codes.js';

/** The staff roles a review can act as. */
export type StaffRole = 'coordinator' | 'specialist';
/** The moves the review makes (issuing the opinion is the opinion editor's). */
export type StaffMove = 'triage' | 'request_info' | 'accept' | 'decline' | 'start_review';
/** The moves in the order the review offers them. */
export const STAFF_MOVES: readonly StaffMove[] = ['triage', 'start_review', 'request_info', 'accept', 'decline'];
/** The moves that ask for something first (a form); the others run on one press. */
export const MOVES_WITH_FORM: readonly StaffMove[] = ['request_info', 'accept', 'decline'];

/** The moves any of `roles` may make from `status`: what a role may not do is not offered. */
export function movesFor(status: Status, roles: readonly StaffRole[]): StaffMove[] {
  return STAFF_MOVES.filter((move) => roles.some((role) => checkTransition(status, move, role).ok));
}

/** Reads a `roles` attribute ("coordinator specialist"); unknown words are dropped. */
export function parseRoles(value: string | null | undefined): StaffRole[] {
  const words = (value ?? '').split(/[\s,]+/).filter((w): w is StaffRole => w === 'coordinator' || w === 'specialist');
  return [...new Set(words)];
}

/** How a record previews inline (a verified PDF or image, by the type the server sniffed), if at all. */
export function previewKind(record: Pick<CaseRecord, 'mediaType' | 'status'>): 'pdf' | 'image' | undefined {
  if (record.status !== 'verified') return undefined;
  if (record.mediaType === 'application/pdf') return 'pdf';
  if (/^image\/(?:png|jpeg|gif|webp)$/.test(record.mediaType)) return 'image';
  return undefined;
}

/** Why a move failed, as the review says it: the case moved on (409, 412), a role that may not (403), or anything else. */
export function refusal(error: unknown): 'moved_on' | 'forbidden' | 'failed' {
  if (!isSecondOpinionError(error)) return 'failed';
  if (error.code === 'conflict') return 'moved_on';
  if (error.code === 'forbidden') return 'forbidden';
  return 'failed';
}
