// The staff list's filters (the coordinator's queue): which statuses, specialty, urgency, due date
// and reference a page of cases is narrowed to. One reading of them for every backend: the
// reference server turns them into SQL, MemoryBackend and tests apply `matchesStaffQuery`.
import type { Status, Urgency } from './codes.js';
import { STATUSES, URGENCIES } from './codes.js';
import { isCalendarDate } from './primitives.js';

/** What the staff list may be narrowed to; every filter is optional and they all apply together. */
export interface StaffListFilter {
  /** Any of these statuses (never `draft`: staff do not see drafts). */
  status?: Status[];
  /** The request's specialty, exactly (case-insensitive). */
  specialty?: string;
  urgency?: Urgency;
  /** Expected on or before this day (YYYY-MM-DD); cases with no expected date are left out. */
  dueBy?: string;
  /** The start of the case reference ("SO-7K2" finds SO-7K2M-…), case-insensitive. */
  reference?: string;
  /**
   * The order of the whole list, paged by keyset in that order (the cursor carries the sort):
   * `received` newest first (the default); `due` earliest expected date first, cases with none last;
   * `urgency` soon, then routine, then none given. Every order breaks ties newest received first,
   * then by id, so it is total and a page never repeats or skips a case.
   */
  sort?: StaffSort;
}

/** The staff list's orders (see `StaffListFilter.sort`). */
export type StaffSort = 'received' | 'due' | 'urgency';
export const STAFF_SORTS: readonly StaffSort[] = ['received', 'due', 'urgency'];

/** Urgency's place in the `urgency` order: soon, routine, then none given. */
export const URGENCY_RANK: Readonly<Record<Urgency, number>> = { soon: 0, routine: 1 };
export const NO_URGENCY_RANK = 2;

/** The longest specialty a filter names (the request's own limit). */
export const MAX_SPECIALTY_FILTER = 100;
/** The longest reference prefix (a reference is at most 40 characters). */
export const MAX_REFERENCE_FILTER = 40;

/** One problem with a filter, named by its query parameter. */
export interface StaffFilterIssue {
  param: 'status' | 'specialty' | 'urgency' | 'due_by' | 'reference' | 'sort';
}

/**
 * Reads the filter from query parameters (`status=a,b`, `specialty`, `urgency`, `due_by`,
 * `reference`, `sort`); empty ones are absent. Anything out of bounds is an issue, never a guess.
 */
export function parseStaffFilter(params: Record<string, string | undefined>): { ok: true; filter: StaffListFilter } | { ok: false; issue: StaffFilterIssue } {
  const filter: StaffListFilter = {};
  const status = params.status?.trim();
  if (status) {
    const list = status.split(',').map((s) => s.trim());
    if (list.length > STATUSES.length || !list.every((s): s is Status => s !== 'draft' && (STATUSES as readonly string[]).includes(s))) return { ok: false, issue: { param: 'status' } };
    filter.status = [...new Set(list)];
  }
  const specialty = params.specialty?.trim();
  if (specialty) {
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (specialty.length > MAX_SPECIALTY_FILTER || /[\u0000-\u001f\u007f]/.test(specialty)) return { ok: false, issue: { param: 'specialty' } };
    filter.specialty = specialty;
  }
  const urgency = params.urgency?.trim();
  if (urgency) {
    if (!(URGENCIES as readonly string[]).includes(urgency)) return { ok: false, issue: { param: 'urgency' } };
    filter.urgency = urgency as Urgency;
  }
  const dueBy = params.due_by?.trim();
  if (dueBy) {
    if (!isCalendarDate(dueBy)) return { ok: false, issue: { param: 'due_by' } };
    filter.dueBy = dueBy;
  }
  const reference = params.reference?.trim();
  if (reference) {
    if (reference.length > MAX_REFERENCE_FILTER || !/^[A-Za-z0-9-]+$/.test(reference)) return { ok: false, issue: { param: 'reference' } };
    filter.reference = reference.toUpperCase();
  }
  const sort = params.sort?.trim();
  if (sort) {
    if (!(STAFF_SORTS as readonly string[]).includes(sort)) return { ok: false, issue: { param: 'sort' } };
    if (sort !== 'received') filter.sort = sort as StaffSort;
  }
  return { ok: true, filter };
}

/** The filter as query parameters (what `parseStaffFilter` reads back). */
export function staffFilterParams(filter: StaffListFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (filter.status?.length) out.status = filter.status.join(',');
  if (filter.specialty) out.specialty = filter.specialty;
  if (filter.urgency) out.urgency = filter.urgency;
  if (filter.dueBy) out.due_by = filter.dueBy;
  if (filter.reference) out.reference = filter.reference;
  if (filter.sort && filter.sort !== 'received') out.sort = filter.sort;
  return out;
}

/** What the filter looks at in a case. */
export interface StaffFilterSubject {
  id: string;
  createdAt: string;
  reference: string;
  status: Status;
  expectedBy?: string | undefined;
  request?: { specialty?: string | undefined; urgency?: string | undefined } | undefined;
}

/** Whether a case passes the filter (for backends that filter in memory). */
export function matchesStaffQuery(c: StaffFilterSubject, filter: StaffListFilter): boolean {
  if (filter.status?.length && !filter.status.includes(c.status)) return false;
  if (filter.specialty && c.request?.specialty?.toLowerCase() !== filter.specialty.toLowerCase()) return false;
  if (filter.urgency && c.request?.urgency !== filter.urgency) return false;
  if (filter.dueBy && (!c.expectedBy || c.expectedBy > filter.dueBy)) return false;
  if (filter.reference && !c.reference.toUpperCase().startsWith(filter.reference.toUpperCase())) return false;
  return true;
}

/**
 * The staff list's order as a comparison (for backends that sort in memory; the reference server
 * sorts the same way in SQL): negative when `a` comes first.
 */
export function compareForStaffSort(a: StaffFilterSubject, b: StaffFilterSubject, sort: StaffSort = 'received'): number {
  if (sort === 'due' && a.expectedBy !== b.expectedBy) {
    if (!a.expectedBy) return 1;
    if (!b.expectedBy) return -1;
    return a.expectedBy < b.expectedBy ? -1 : 1;
  }
  if (sort === 'urgency') {
    const rank = (s: StaffFilterSubject) => URGENCY_RANK[s.request?.urgency as Urgency] ?? NO_URGENCY_RANK;
    const d = rank(a) - rank(b);
    if (d) return d;
  }
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt ? -1 : 1;
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}

/**
 * Where a page of the staff list ends, as the next page's start: the last case's place in the sort
 * (its expected date or urgency rank, its creation instant, its id). Values the caller has just seen;
 * nothing about other cases or how many there are. One codec for every backend that pages by keyset.
 */
export interface StaffCursor {
  sort: StaffSort;
  createdAt: string;
  id: string;
  /** `due`: the last case's expected date, null when it has none. */
  due?: string | null;
  /** `urgency`: the last case's rank (URGENCY_RANK, or NO_URGENCY_RANK). */
  rank?: number;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CURSOR_ID = /^[A-Za-z0-9.-]{1,64}$/;
const MAX_CURSOR = 256;

const urgencyRank = (s: StaffFilterSubject): number => URGENCY_RANK[s.request?.urgency as Urgency] ?? NO_URGENCY_RANK;

function base64url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unbase64url(text: string): string {
  return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
}

/** The cursor after `last` in `sort` order (opaque: base64url of a short JSON array). */
export function staffCursorAfter(last: StaffFilterSubject, sort: StaffSort = 'received'): string {
  const key = sort === 'due' ? [last.expectedBy ?? null] : sort === 'urgency' ? [urgencyRank(last)] : [];
  // `received` keeps the two-value form the list has always written, so cursors already out still read.
  return base64url(JSON.stringify(sort === 'received' ? [last.createdAt, last.id] : [sort, ...key, last.createdAt, last.id]));
}

/**
 * Reads a cursor written by `staffCursorAfter` for the same sort; undefined when it is malformed,
 * out of bounds, or was written for another sort (a caller answers that as a bad `cursor`).
 */
export function readStaffCursor(cursor: string, sort: StaffSort = 'received'): StaffCursor | undefined {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(unbase64url(cursor));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  const parts = [...value] as unknown[];
  if (sort !== 'received' && parts.shift() !== sort) return undefined;
  const key = sort === 'received' ? undefined : parts.shift();
  if (parts.length !== 2) return undefined;
  const [createdAt, id] = parts;
  // The instant exactly as backends write it (toISOString), so a database never sees a date it refuses.
  if (typeof createdAt !== 'string' || !INSTANT.test(createdAt) || Number.isNaN(Date.parse(createdAt)) || new Date(createdAt).toISOString() !== createdAt) return undefined;
  if (typeof id !== 'string' || !CURSOR_ID.test(id)) return undefined;
  if (sort === 'due') {
    if (key !== null && !(typeof key === 'string' && isCalendarDate(key))) return undefined;
    return { sort, createdAt, id, due: key };
  }
  if (sort === 'urgency') {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key > NO_URGENCY_RANK) return undefined;
    return { sort, createdAt, id, rank: key };
  }
  return { sort, createdAt, id };
}

const RANKED: Record<number, Urgency | undefined> = Object.fromEntries(Object.entries(URGENCY_RANK).map(([u, r]) => [r, u as Urgency]));

/** Whether `c` comes after the cursor in its sort (the same order as `compareForStaffSort`). */
export function isAfterStaffCursor(c: StaffFilterSubject, at: StaffCursor): boolean {
  const place: StaffFilterSubject = {
    id: at.id, createdAt: at.createdAt, reference: '', status: c.status,
    expectedBy: at.due ?? undefined,
    request: { urgency: at.rank === undefined ? undefined : RANKED[at.rank] },
  };
  return compareForStaffSort(c, place, at.sort) > 0;
}
