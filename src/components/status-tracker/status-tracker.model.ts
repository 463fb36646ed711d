// The tracker's view of a case, in plain data: the timeline steps, the clock in words, the reply's
// records and what the patient may do. No Lit here, so it is tested in Node.
import { checkTransition } from '../../core/lifecycle/transitions.js';
import type { ActionRequired, Case } from '../../core/model/case.js';
import type { RecordKind, Status } from '../../core/model/codes.js';
import { formatList } from '../shared/i18n/format.js';
import type { TrackerMessages } from './status-tracker.messages.js';

/** The steps of the happy path, in order; `declined` and `withdrawn` end it early. */
export const MAIN_STEPS = ['submitted', 'triage', 'accepted', 'in_review', 'opinion_ready'] as const;
/** A step of the timeline. */
export type StepKey = (typeof MAIN_STEPS)[number] | 'declined' | 'withdrawn';
/** Where a step stands: reached, now, not yet, or the end the case came to. */
export type StepState = 'done' | 'current' | 'upcoming' | 'ended';

/** One step of the timeline as the tracker draws it. */
export interface TimelineStep {
  key: StepKey;
  state: StepState;
  /** When the case last reached this step (ISO timestamp). */
  at?: string;
  /** The current step waits on the patient (an information request). */
  waiting: boolean;
  /** The patient's replies to information requests made at this step, with the records each sent. */
  replies: StepReply[];
}

/** A reply on the timeline: when, and the titles of the records it sent (in the order sent). */
export interface StepReply {
  at: string;
  records: string[];
}

const mainIndex = (s: Status): number => (MAIN_STEPS as readonly Status[]).indexOf(s);

// The main step a status belongs to: an information request sits on the step that asked (review, else triage).
const stepOfStatus = (status: Status, previous: Status | undefined): number =>
  mainIndex(status !== 'info_requested' ? status : previous === 'in_review' ? previous : 'triage');

function stepOf(c: Case): number {
  const asked = c.timeline.findLast((e) => e.kind === 'status_changed' && e.status === 'info_requested');
  return stepOfStatus(c.status, asked?.previousStatus);
}

/** The timeline of a case: the steps reached, the current one, those to come, or the ending. */
export function timelineSteps(c: Case): TimelineStep[] {
  const reachedAt = new Map<number, string>();
  const replies = new Map<number, StepReply[]>();
  let furthest = -1;
  // The step whose information request a reply answers.
  let asking = -1;
  for (const e of c.timeline) {
    if (e.kind !== 'status_changed') continue;
    const i = stepOfStatus(e.status, e.previousStatus);
    if (i < 0) continue;
    if (e.status === 'info_requested') asking = i;
    if (e.action === 'reply') {
      const records = (e.recordIds ?? []).map((id) => c.records.find((r) => r.id === id)?.title).filter((t): t is string => !!t);
      const at = asking < 0 ? i : asking;
      replies.set(at, [...(replies.get(at) ?? []), { at: e.at, records }]);
    }
    if (e.status !== 'info_requested' || !reachedAt.has(i)) reachedAt.set(i, e.at);
    furthest = Math.max(furthest, i);
  }
  if (c.submittedAt && !reachedAt.has(0)) reachedAt.set(0, c.submittedAt);
  const ended = c.status === 'declined' || c.status === 'withdrawn';
  const current = ended ? -1 : stepOf(c);
  furthest = Math.max(furthest, current);
  const steps: TimelineStep[] = [];
  MAIN_STEPS.forEach((key, i) => {
    if (ended && i > furthest) return;
    const state: StepState = ended || i < current ? 'done' : i === current ? (key === 'opinion_ready' ? 'done' : 'current') : 'upcoming';
    const at = state === 'upcoming' ? undefined : reachedAt.get(i);
    steps.push({ key, state, waiting: state === 'current' && c.status === 'info_requested', replies: replies.get(i) ?? [], ...(at ? { at } : {}) });
  });
  if (ended) {
    const end = c.timeline.findLast((e) => e.kind === 'status_changed' && e.status === c.status);
    steps.push({ key: c.status as 'declined' | 'withdrawn', state: 'ended', waiting: false, replies: [], ...(end ? { at: end.at } : {}) });
  }
  return steps;
}

/** The record kinds the open information requests want, without repeats. */
export function wantedKinds(c: Case): RecordKind[] {
  return [...new Set(c.actionsRequired.flatMap((a) => a.recordKinds))];
}

/**
 * The turnaround clock in words: the expected date while it runs, and while it is paused what it
 * waits for ("Paused: waiting for your pathology report"). `formatDate` turns a YYYY-MM-DD into words;
 * `yours` names a record kind the patient is asked for ("your pathology report"): the reply view
 * brings it, as a case that waits on the patient shows the reply form (without it: "your reply").
 */
export function clockWords(c: Case, locale: string, m: TrackerMessages, formatDate: (isoDate: string) => string, yours?: (kind: RecordKind) => string): string | undefined {
  const expected = c.clock.expectedBy ?? c.expectedBy;
  // Waiting on the patient reads the same before acceptance (no clock yet) as after (clock paused).
  const state = c.status === 'info_requested' ? 'paused' : c.clock.state;
  switch (state) {
    case 'paused': {
      const kinds = wantedKinds(c);
      if (kinds.length === 0 || !yours) return m.clockPausedReply;
      return m.clockPausedFor(formatList(kinds.map(yours), locale));
    }
    case 'running':
      return expected ? m.expectedBy(formatDate(expected)) : undefined;
    case 'not_started':
      return c.status === 'declined' || c.status === 'withdrawn' || c.status === 'draft' ? undefined : m.clockNotStarted;
    default:
      return undefined;
  }
}

/** The patient's records added since an information request: they go with the reply. */
export function recordsForReply(c: Case, action: ActionRequired): string[] {
  const since = Date.parse(action.requestedAt);
  return c.records
    .filter((r) => r.source === 'patient' && r.status !== 'rejected' && r.status !== 'uploading' && Date.parse(r.createdAt) >= since)
    .map((r) => r.id);
}

/** Whether the patient may withdraw the case now (the lifecycle table decides). */
export function canWithdraw(c: Pick<Case, 'status'>): boolean {
  return checkTransition(c.status, 'withdraw', 'patient').ok;
}

/** Whether the patient may reply to an information request now. */
export function canReply(c: Pick<Case, 'status' | 'actionsRequired'>): boolean {
  return checkTransition(c.status, 'reply', 'patient').ok && c.actionsRequired.length > 0;
}

/** The information requests in `next` that were not in `previous` (the patient is newly needed). */
export function newActions(previous: Case | undefined, next: Case): ActionRequired[] {
  const seen = new Set(previous?.actionsRequired.map((a) => a.eventId) ?? []);
  return next.actionsRequired.filter((a) => !seen.has(a.eventId));
}
