// The status table, who may move, the words for each status, and the turnaround clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACTIONS, STATUSES, STATUS_TEXT, TRANSITIONS, addBusinessDays, availableActions, businessDaysBetween, canadianFederalHolidays,
  checkTransition, holidaysFrom, isFinal, noHolidays, readClock, statusText, type ClockEvent,
} from '../../src/index.js';

describe('the status table', () => {
  it('matches ARCHITECTURE.md move for move', () => {
    const next = (s: string) => [...new Set(TRANSITIONS.filter((t) => t.from === s).map((t) => t.to))].sort();
    assert.deepEqual(next('draft'), ['submitted', 'withdrawn']);
    assert.deepEqual(next('submitted'), ['triage', 'withdrawn']);
    assert.deepEqual(next('triage'), ['accepted', 'declined', 'info_requested', 'withdrawn']);
    assert.deepEqual(next('info_requested'), ['declined', 'triage', 'withdrawn']);
    assert.deepEqual(next('accepted'), ['in_review', 'withdrawn']);
    assert.deepEqual(next('in_review'), ['info_requested', 'opinion_ready', 'withdrawn']);
    assert.deepEqual(next('opinion_ready'), ['in_review']);
    assert.deepEqual(next('declined'), []);
    assert.deepEqual(next('withdrawn'), []);
  });

  it('knows the endings', () => {
    assert.deepEqual(STATUSES.filter(isFinal), ['declined', 'withdrawn']);
  });

  it('lets each role make only its own moves', () => {
    assert.deepEqual(checkTransition('triage', 'accept', 'coordinator'), { ok: true, to: 'accepted' });
    assert.deepEqual(checkTransition('triage', 'accept', 'patient'), { ok: false, reason: 'not_allowed_for_role' });
    assert.deepEqual(checkTransition('in_review', 'issue_opinion', 'coordinator'), { ok: false, reason: 'not_allowed_for_role' });
    assert.deepEqual(checkTransition('in_review', 'withdraw', 'specialist'), { ok: false, reason: 'not_allowed_for_role' });
    assert.deepEqual(checkTransition('opinion_ready', 'follow_up', 'patient'), { ok: true, to: 'in_review' });
  });

  it('refuses every move that is not in the table', () => {
    for (const from of STATUSES) {
      for (const action of ACTIONS) {
        const listed = TRANSITIONS.some((t) => t.from === from && t.action === action);
        const res = checkTransition(from, action, 'patient');
        if (!listed) assert.deepEqual(res, { ok: false, reason: 'illegal_transition' }, `${from} -${action}->`);
      }
    }
  });

  it('lists the moves open to a role', () => {
    assert.deepEqual(availableActions('triage', 'patient'), ['withdraw']);
    assert.deepEqual(availableActions('triage', 'coordinator').sort(), ['accept', 'decline', 'request_info']);
  });
});

describe('status words', () => {
  it('has a label and a next step for every status in both languages', () => {
    for (const locale of ['en', 'fr-CA'] as const) {
      for (const s of STATUSES) {
        const t = STATUS_TEXT[locale][s];
        assert.ok(t.label.length > 2 && t.next.length > 20, `${locale} ${s}`);
      }
    }
    const fr = new Set(STATUSES.map((s) => STATUS_TEXT['fr-CA'][s].next));
    assert.ok(STATUSES.every((s) => !fr.has(STATUS_TEXT.en[s].next)), 'French is not the English copied');
  });

  it('resolves any French tag to Canadian French and everything else to English', () => {
    assert.equal(statusText('opinion_ready', 'fr').label, 'Avis prêt');
    assert.equal(statusText('opinion_ready', 'fr-FR').label, 'Avis prêt');
    assert.equal(statusText('opinion_ready', 'de').label, 'Opinion ready');
  });
});

describe('holidays', () => {
  it('knows the 2026 federal statutory holidays as observed', () => {
    assert.deepEqual(canadianFederalHolidays(2026), [
      '2026-01-01', '2026-04-03', '2026-05-18', '2026-07-01', '2026-09-07', '2026-09-30', '2026-10-12', '2026-11-11', '2026-12-25', '2026-12-28',
    ]);
  });

  it('moves a weekend Christmas and Boxing Day to the next free weekdays', () => {
    // 2027: Christmas on a Saturday, Boxing Day on a Sunday.
    const h = canadianFederalHolidays(2027);
    assert.ok(h.includes('2027-12-27') && h.includes('2027-12-28'));
    assert.ok(!h.includes('2027-12-25'));
  });

  it('finds Easter right across the years (Good Friday)', () => {
    assert.ok(canadianFederalHolidays(2025).includes('2025-04-18'));
    assert.ok(canadianFederalHolidays(2027).includes('2027-03-26'));
    assert.ok(canadianFederalHolidays(2030).includes('2030-04-19'));
  });
});

describe('business days', () => {
  it('skip weekends and holidays', () => {
    assert.equal(addBusinessDays('2026-12-23', 3), '2026-12-30'); // 24; 25 and 28 (Boxing Day observed) off; 29, 30
    assert.equal(addBusinessDays('2026-11-20', 1), '2026-11-23');
    assert.equal(addBusinessDays('2026-11-20', 1, noHolidays), '2026-11-23');
    assert.equal(addBusinessDays('2026-11-10', 1), '2026-11-12');
    assert.equal(addBusinessDays('2026-11-10', 1, noHolidays), '2026-11-11');
  });

  it('take a host calendar', () => {
    const cal = holidaysFrom(['2026-11-23']);
    assert.equal(addBusinessDays('2026-11-20', 1, cal), '2026-11-24');
  });

  it('count between two dates', () => {
    assert.equal(businessDaysBetween('2026-11-20', '2026-11-27'), 5);
    assert.equal(businessDaysBetween('2026-11-27', '2026-11-20'), 0);
  });
});

describe('the turnaround clock', () => {
  const ev = (at: string, status: ClockEvent['status']): ClockEvent => ({ at, status });
  const opts = { businessDays: 10, timeZone: 'America/Toronto' };

  it('has not started before acceptance', () => {
    const r = readClock([ev('2026-11-02T14:00:00Z', 'submitted'), ev('2026-11-03T14:00:00Z', 'triage')], { ...opts, now: new Date('2026-11-10T12:00:00Z') });
    assert.deepEqual(r, { state: 'not_started', businessDays: 10, businessDaysUsed: 0 });
  });

  it('counts business days from acceptance, skipping Remembrance Day', () => {
    const r = readClock([ev('2026-11-02T14:00:00Z', 'triage'), ev('2026-11-02T15:00:00Z', 'accepted'), ev('2026-11-03T15:00:00Z', 'in_review')], { ...opts, now: new Date('2026-11-06T17:00:00Z') });
    assert.equal(r.state, 'running');
    assert.equal(r.businessDaysUsed, 4);
    assert.equal(r.expectedBy, '2026-11-17'); // 10 business days after Mon 2 Nov, with 11 Nov off
  });

  it('counts the day in the clinic’s time zone, not UTC', () => {
    // 02:00 UTC on 3 Nov is still 2 Nov in Toronto.
    const r = readClock([ev('2026-11-03T02:00:00Z', 'accepted')], { ...opts, now: new Date('2026-11-03T03:00:00Z') });
    assert.equal(r.expectedBy, '2026-11-17');
    const utc = readClock([ev('2026-11-03T02:00:00Z', 'accepted')], { ...opts, timeZone: 'UTC', now: new Date('2026-11-03T03:00:00Z') });
    assert.equal(utc.expectedBy, '2026-11-18');
  });

  it('pauses while waiting on the patient, and pushes the date back by the pause', () => {
    const events = [
      ev('2026-11-02T15:00:00Z', 'accepted'), ev('2026-11-03T15:00:00Z', 'in_review'),
      ev('2026-11-04T15:00:00Z', 'info_requested'),
    ];
    const paused = readClock(events, { ...opts, now: new Date('2026-11-09T15:00:00Z') });
    assert.equal(paused.state, 'paused');
    assert.equal(paused.businessDaysUsed, 2, 'Tue and Wed ran; the clock stopped Wednesday');
    assert.equal(paused.expectedBy, '2026-11-20', '8 business days left from Mon 9 Nov, with 11 Nov off');
    const resumed = readClock([...events, ev('2026-11-09T16:00:00Z', 'triage'), ev('2026-11-09T17:00:00Z', 'accepted')], { ...opts, now: new Date('2026-11-10T15:00:00Z') });
    assert.equal(resumed.state, 'running');
    assert.equal(resumed.expectedBy, '2026-11-20', 'Thu, Fri and Mon of the pause are added back');
  });

  it('does not count a pause before acceptance', () => {
    const r = readClock([ev('2026-11-02T15:00:00Z', 'info_requested'), ev('2026-11-05T15:00:00Z', 'triage'), ev('2026-11-06T15:00:00Z', 'accepted')], { ...opts, now: new Date('2026-11-06T16:00:00Z') });
    assert.equal(r.expectedBy, addBusinessDays('2026-11-06', 10));
  });

  it('stops at the opinion and keeps the date', () => {
    const r = readClock([ev('2026-11-02T15:00:00Z', 'accepted'), ev('2026-11-05T15:00:00Z', 'opinion_ready')], { ...opts, now: new Date('2026-12-20T15:00:00Z') });
    assert.deepEqual(r, { state: 'stopped', businessDays: 10, businessDaysUsed: 3, expectedBy: '2026-11-17' });
  });
});
