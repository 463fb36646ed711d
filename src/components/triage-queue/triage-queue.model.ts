// The queue's reading of a case line, in plain data: what it needs from the coordinator (new, waiting
// on the patient and for how long, a reply in, overdue against the turnaround clock), and the filter
// the form asks for. No Lit here, so it is tested in Node.
import type { CaseSummary } from '../../core/model/case.js';
import type { Status, Urgency } from '../../core/model/codes.js';
import { STAFF_SORTS, type StaffListFilter, type StaffSort } from '../../core/model/staff-query.js';

/** What a case needs from the staff, most pressing first. */
export type Need =
  | { kind: 'overdue'; days: number }
  | { kind: 'replied'; at: string }
  | { kind: 'new' }
  | { kind: 'waiting'; days: number };

/** The statuses a case is still being worked in. */
export const OPEN_STATUSES: readonly Status[] = ['submitted', 'triage', 'info_requested', 'accepted', 'in_review'];

/** Whole days from `from` to `to` (never negative). */
export function daysBetween(from: string, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - Date.parse(from)) / 86_400_000));
}

/** The calendar day of `now` (UTC), YYYY-MM-DD. */
export const isoDay = (now: Date): string => now.toISOString().slice(0, 10);

/** What the case needs from the staff now, if anything. */
export function needOf(s: CaseSummary, now: Date): Need | undefined {
  const today = isoDay(now);
  // The clock runs only once accepted; a paused clock (waiting on the patient) is not overdue.
  if ((s.status === 'accepted' || s.status === 'in_review') && s.expectedBy && s.expectedBy < today) {
    return { kind: 'overdue', days: daysBetween(`${s.expectedBy}T00:00:00Z`, now) };
  }
  if (s.status === 'triage' && s.repliedAt) return { kind: 'replied', at: s.repliedAt };
  if (s.status === 'submitted') return { kind: 'new' };
  if (s.status === 'info_requested') return { kind: 'waiting', days: s.waitingSince ? daysBetween(s.waitingSince, now) : 0 };
  return undefined;
}

/** What the queue's form holds. `show`: open cases, every case, one status, or the overdue ones. */
export interface QueueForm {
  show: 'open' | 'all' | 'overdue' | Status;
  specialty: string;
  urgency: '' | Urgency;
  /** Due on or before (YYYY-MM-DD), or ''. */
  dueBy: string;
  /** The start of a reference, or ''. */
  reference: string;
}

/** The form as it starts: open cases, no other filter. */
export const EMPTY_FORM: QueueForm = { show: 'open', specialty: '', urgency: '', dueBy: '', reference: '' };

/** The staff list filter the form asks for. */
export function filterOf(form: QueueForm, now: Date): StaffListFilter {
  const filter: StaffListFilter = {};
  if (form.show === 'open') filter.status = [...OPEN_STATUSES];
  else if (form.show === 'overdue') {
    filter.status = ['accepted', 'in_review'];
    // Overdue: expected before today.
    filter.dueBy = isoDay(new Date(now.getTime() - 86_400_000));
  } else if (form.show !== 'all') filter.status = [form.show];
  if (form.specialty.trim()) filter.specialty = form.specialty.trim();
  if (form.urgency) filter.urgency = form.urgency;
  if (form.dueBy && (!filter.dueBy || form.dueBy < filter.dueBy)) filter.dueBy = form.dueBy;
  if (form.reference.trim()) filter.reference = form.reference.trim().toUpperCase();
  return filter;
}

/** A reference search the server accepts: letters, digits and dashes, at most 40. */
export const isReferenceSearch = (value: string): boolean => value.trim() === '' || /^[A-Za-z0-9-]{1,40}$/.test(value.trim());

/** How the whole list is ordered: as received (newest first), by due date, or by urgency; the server sorts and pages it. */
export type QueueSort = StaffSort;

export const QUEUE_SORTS: readonly QueueSort[] = STAFF_SORTS;
