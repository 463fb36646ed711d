// The staff list's sort and keyset cursor, read the same way by every backend: paging through any
// set of cases in any sort gives each case exactly once, in compareForStaffSort's order; a cursor
// that was tampered with, or written for another sort, is refused rather than guessed at.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareForStaffSort, isAfterStaffCursor, readStaffCursor, STAFF_SORTS, staffCursorAfter, type StaffFilterSubject, type StaffSort } from '../../src/core/model/staff-query.js';

const day = fc.integer({ min: 0, max: 20 }).map((n) => `2026-12-${String(n + 1).padStart(2, '0')}`);
// Few distinct instants and dates, so ties (the hard part of a keyset) are common.
const instant = fc.integer({ min: 0, max: 5 }).map((n) => new Date(Date.UTC(2026, 10, 1, 9, n)).toISOString());
const subject = fc.record({
  id: fc.uuid(),
  createdAt: instant,
  expectedBy: fc.option(day, { nil: undefined }),
  urgency: fc.option(fc.constantFrom('soon', 'routine'), { nil: undefined }),
}).map((s): StaffFilterSubject => ({ id: s.id, createdAt: s.createdAt, reference: 'SO-AAAA-BBBB', status: 'submitted', expectedBy: s.expectedBy, request: { urgency: s.urgency } }));

function pageThrough(all: StaffFilterSubject[], sort: StaffSort, size: number): StaffFilterSubject[] {
  const seen: StaffFilterSubject[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard <= all.length; guard++) {
    const at = cursor === undefined ? undefined : readStaffCursor(cursor, sort);
    if (cursor !== undefined) assert.ok(at, 'a cursor the list wrote reads back');
    const page = all.filter((c) => !at || isAfterStaffCursor(c, at)).sort((a, b) => compareForStaffSort(a, b, sort)).slice(0, size);
    seen.push(...page);
    if (page.length < size) return seen;
    cursor = staffCursorAfter(page.at(-1)!, sort);
  }
  assert.fail('paging did not end');
}

describe('staff list cursor', () => {
  it('pages every sort in order, each case once, whatever the ties', () => {
    fc.assert(fc.property(fc.uniqueArray(subject, { selector: (s) => s.id, maxLength: 30 }), fc.constantFrom(...STAFF_SORTS), fc.integer({ min: 1, max: 7 }), (all, sort, size) => {
      const expected = [...all].sort((a, b) => compareForStaffSort(a, b, sort)).map((c) => c.id);
      assert.deepEqual(pageThrough(all, sort, size).map((c) => c.id), expected);
    }));
  });

  it('puts cases with no expected date last in the due order, and no urgency after routine', () => {
    const base = { reference: 'SO-A', status: 'submitted' as const, createdAt: '2026-11-01T09:00:00.000Z' };
    const none: StaffFilterSubject = { ...base, id: 'a' };
    const early: StaffFilterSubject = { ...base, id: 'b', expectedBy: '2026-12-01', request: { urgency: 'routine' } };
    const soon: StaffFilterSubject = { ...base, id: 'c', expectedBy: '2026-12-09', request: { urgency: 'soon' } };
    assert.deepEqual([none, soon, early].sort((x, y) => compareForStaffSort(x, y, 'due')).map((c) => c.id), ['b', 'c', 'a']);
    assert.deepEqual([none, early, soon].sort((x, y) => compareForStaffSort(x, y, 'urgency')).map((c) => c.id), ['c', 'b', 'a']);
  });

  it('refuses a cursor that was changed, is too long, or belongs to another sort', () => {
    const c: StaffFilterSubject = { id: 'c1', createdAt: '2026-11-01T09:00:00.000Z', reference: 'SO-A', status: 'submitted', expectedBy: '2026-12-01' };
    const due = staffCursorAfter(c, 'due');
    assert.deepEqual(readStaffCursor(due, 'due'), { sort: 'due', createdAt: c.createdAt, id: 'c1', due: '2026-12-01' });
    assert.equal(readStaffCursor(due, 'received'), undefined);
    assert.equal(readStaffCursor(due, 'urgency'), undefined);
    assert.equal(readStaffCursor(staffCursorAfter(c), 'due'), undefined);
    const forge = (v: unknown) => btoa(JSON.stringify(v)).replace(/=+$/, '');
    for (const bad of [
      'not base64!', 'x'.repeat(300), forge({}), forge(['due', '2026-13-40', c.createdAt, 'c1']), forge(['2026-11-01', 'c1']),
      forge(['2026-11-01T09:00:00.000Z', "c1'; DROP"]), forge(['urgency', 7, c.createdAt, 'c1']), forge(['urgency', 1.5, c.createdAt, 'c1']),
      forge(['2026-02-30T09:00:00.000Z', 'c1']), forge(['due', null, c.createdAt]),
    ]) for (const sort of STAFF_SORTS) assert.equal(readStaffCursor(bad, sort), undefined, `${bad} as ${sort}`);
    // The order received keeps the two-value cursors the list wrote before sorts existed.
    assert.deepEqual(readStaffCursor(forge([c.createdAt, 'c1'])), { sort: 'received', createdAt: c.createdAt, id: 'c1' });
  });
});
