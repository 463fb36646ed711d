// Holidays for the turnaround clock. Canadian federal statutory holidays (Canada Labour Code,
// s. 166) are built in; hosts pass their own calendar for provinces or other countries.

/** Answers whether a calendar date (YYYY-MM-DD) is a holiday. */
export type HolidayCalendar = (isoDate: string) => boolean;

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
function easterSunday(y: number): [number, number] {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return [month, ((h + l - 7 * m + 114) % 31) + 1];
}

// The nth given weekday (0 = Sunday) of a month.
function nthWeekday(y: number, m: number, dow: number, n: number): number {
  const first = weekday(y, m, 1);
  return 1 + ((dow - first + 7) % 7) + (n - 1) * 7;
}

/** The federal statutory holidays of a year as observed (a weekend holiday moves to the next free weekday). */
export function canadianFederalHolidays(year: number): string[] {
  const fixed: [number, number][] = [[1, 1], [7, 1], [9, 30], [11, 11], [12, 25], [12, 26]];
  const [em, ed] = easterSunday(year);
  const goodFriday = new Date(Date.UTC(year, em - 1, ed - 2));
  // Victoria Day: the Monday before 25 May.
  const victoria = 24 - ((weekday(year, 5, 24) + 6) % 7);
  const moving = [
    goodFriday.toISOString().slice(0, 10),
    iso(year, 5, victoria),
    iso(year, 9, nthWeekday(year, 9, 1, 1)), // Labour Day
    iso(year, 10, nthWeekday(year, 10, 1, 2)), // Thanksgiving
  ];
  const taken = new Set(moving);
  for (const [m, d] of fixed) {
    let day = new Date(Date.UTC(year, m - 1, d));
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6 || taken.has(day.toISOString().slice(0, 10))) {
      day = new Date(day.getTime() + 86_400_000);
    }
    taken.add(day.toISOString().slice(0, 10));
  }
  return [...taken].sort();
}

const cache = new Map<number, Set<string>>();

/** The built-in calendar: Canadian federal statutory holidays. */
export const canadianFederal: HolidayCalendar = (isoDate) => {
  const year = Number(isoDate.slice(0, 4));
  let set = cache.get(year);
  if (!set) cache.set(year, (set = new Set(canadianFederalHolidays(year))));
  return set.has(isoDate);
};

/** A calendar from a fixed list of dates, for hosts with their own. */
export function holidaysFrom(dates: Iterable<string>): HolidayCalendar {
  const set = new Set(dates);
  return (d) => set.has(d);
}

/** No holidays: weekends only. */
export const noHolidays: HolidayCalendar = () => false;
