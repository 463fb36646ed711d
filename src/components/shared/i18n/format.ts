// Dates, numbers and file sizes through Intl, in the element's locale.
import { resolveLocale } from '../../../core/i18n/statuses.js';

/** A date in the locale, long form by default ("March 27, 2026" / "27 mars 2026"). */
export function formatDate(value: Date | string | number, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
  return new Intl.DateTimeFormat(resolveLocale(locale), options).format(new Date(value));
}

/** A number in the locale ("1,234.5" / "1 234,5"). */
export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(resolveLocale(locale), options).format(value);
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A file size with SI units, matching Intl's unit names ("1.5 MB" / "1,5 Mo"). */
export function formatFileSize(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1000 && i < UNITS.length - 1) {
    value /= 1000;
    i++;
  }
  return new Intl.NumberFormat(resolveLocale(locale), {
    style: 'unit', unit: UNITS[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(value);
}

/** A date in the locale's words; a bare YYYY-MM-DD is a calendar day, formatted in UTC so no time zone moves it a day. */
export function calendarDate(value: string, locale: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, locale, { dateStyle: 'long', timeZone: 'UTC' }) : formatDate(value, locale);
}

/** A list in the locale's words ("a, b and c" / "a, b et c"). */
export function formatList(items: string[], locale: string): string {
  return new Intl.ListFormat(resolveLocale(locale), { style: 'long', type: 'conjunction' }).format(items);
}
