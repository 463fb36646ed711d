// The turnaround clock: business days from acceptance, paused while the case waits on the patient.
import type { Status } from '../model/codes.js';
import { canadianFederal, type HolidayCalendar } from './holidays.js';

/** What the clock reads from a case: its status changes in order. */
export interface ClockEvent {
  at: string;
  status: Status;
}

export interface ClockOptions {
  /** Business days promised from acceptance. */
  businessDays: number;
  /** Which dates are holidays. Default: Canadian federal statutory holidays. */
  holidays?: HolidayCalendar;
  /** The time zone business days are counted in. Default: America/Toronto. */
  timeZone?: string;
  /** Now, for tests and replays. */
  now?: Date;
}

/** Where the clock stands. */
export interface ClockReading {
  state: 'not_started' | 'running' | 'paused' | 'stopped';
  businessDays: number;
  /** Business days the clock has run, pauses excluded. */
  businessDaysUsed: number;
  /** The date the opinion is expected, YYYY-MM-DD (projected from today while paused). */
  expectedBy?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone, YYYY-MM-DD. */
export function localDate(instant: Date | string, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  // From the parts: some engines' ICU data format en-CA as MM/DD/YYYY (WebKitGTK does).
  const parts = f.formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function nextDay(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** True for a weekday that is not a holiday. */
export function isBusinessDay(isoDate: string, holidays: HolidayCalendar = canadianFederal): boolean {
  const dow = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6 && !holidays(isoDate);
}

/** The date `n` business days after `isoDate`. */
export function addBusinessDays(isoDate: string, n: number, holidays: HolidayCalendar = canadianFederal): string {
  let d = isoDate;
  for (let left = n; left > 0; ) {
    d = nextDay(d);
    if (isBusinessDay(d, holidays)) left--;
  }
  return d;
}

/** Business days after `from` up to and including `to` (0 when `to` is not later). */
export function businessDaysBetween(from: string, to: string, holidays: HolidayCalendar = canadianFederal): number {
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (isBusinessDay(d, holidays)) n++;
  return n;
}

/**
 * Reads the turnaround clock from a case's status changes: it starts at the first acceptance,
 * pauses while `info_requested`, and stops at the opinion or an ending.
 */
export function readClock(events: readonly ClockEvent[], options: ClockOptions): ClockReading {
  const holidays = options.holidays ?? canadianFederal;
  const tz = options.timeZone ?? 'America/Toronto';
  const today = localDate(options.now ?? new Date(), tz);
  const total = options.businessDays;
  const startIndex = events.findIndex((e) => e.status === 'accepted');
  if (startIndex < 0) return { state: 'not_started', businessDays: total, businessDaysUsed: 0 };

  const start = localDate(events[startIndex]!.at, tz);
  let paused = 0;
  let pausedSince: string | undefined;
  let stoppedAt: string | undefined;
  for (const e of events.slice(startIndex + 1)) {
    const day = localDate(e.at, tz);
    if (e.status === 'info_requested') {
      pausedSince ??= day;
      continue;
    }
    if (pausedSince !== undefined) {
      paused += businessDaysBetween(pausedSince, day, holidays);
      pausedSince = undefined;
    }
    stoppedAt = e.status === 'opinion_ready' || e.status === 'declined' || e.status === 'withdrawn' ? day : undefined;
  }

  const end = stoppedAt ?? pausedSince ?? today;
  const used = Math.max(0, businessDaysBetween(start, end, holidays) - paused);
  if (pausedSince !== undefined) {
    return { state: 'paused', businessDays: total, businessDaysUsed: used, expectedBy: addBusinessDays(today, Math.max(0, total - used), holidays) };
  }
  const expectedBy = addBusinessDays(start, total + paused, holidays);
  return { state: stoppedAt ? 'stopped' : 'running', businessDays: total, businessDaysUsed: used, expectedBy };
}
