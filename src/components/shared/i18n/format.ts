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
