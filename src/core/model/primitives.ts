// Field-level schemas shared by the request, the case and the config. Each custom check names a
// stable IssueCode as its error, which parse.ts turns into a FieldIssue.
import * as z from 'zod/mini';
import { JURISDICTIONS } from './jurisdictions.js';
import { E164, toE164 } from './phone.js';

// NUL, and a UTF-16 surrogate without its pair: no database text type stores them (PostgreSQL
// answers 22P05), and no person types them. Written without lookbehind for older browsers.
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` holds a character no backend can store: NUL or a lone surrogate. */
export function hasUnstorableCharacters(s: string): boolean {
  return UNSTORABLE.test(s);
}

/** True when `s` holds a C0 control character or DEL (never part of an id, a path or a subject). */
export function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The check behind `text`: refuses NUL and lone surrogates (`invalid_characters`). */
export const storable = z.refine<string>((s) => !UNSTORABLE.test(s), 'invalid_characters');

/** Free text typed by a person: trimmed, required, bounded, storable. */
export function text(max: number) {
  return z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(max, 'too_long'), storable);
}

/** Optional free text: an empty string after trimming counts as absent. */
export function optionalText(max: number) {
  return z.optional(z.string().check(z.trim(), z.maxLength(max, 'too_long'), storable));
}

// Letters in any script with the marks, apostrophes, hyphens, periods and spaces real names carry.
const NAME = /^[\p{L}\p{M}](?:[\p{L}\p{M}'’. -]*[\p{L}\p{M}.])?$/u;

/** A person's given or family name. */
export const personName = z.string().check(
  z.trim(),
  z.overwrite((s) => s.replace(/\s+/g, ' ')),
  z.minLength(1, 'required'),
  z.maxLength(100, 'too_long'),
  z.regex(NAME, 'invalid_name'),
);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

// "Today" as late as it gets anywhere (UTC+14), so no one's real today is ever rejected.
function latestToday(now = Date.now()): string {
  return new Date(now + 14 * 3_600_000).toISOString().slice(0, 10);
}

// A date is ten characters; a longer entry is reported as too long only.
const dateOrTooLong = (s: string) => s.length > 10 || isCalendarDate(s);

/** A calendar date, YYYY-MM-DD. */
export const calendarDate = z.string().check(z.trim(), z.maxLength(10, 'too_long'), z.refine(dateOrTooLong, 'invalid_date'));

// Later checks pass on what an earlier one already refused, so each problem is reported once.
// (Not `abort`: an aborted field makes zod skip the cross-field rules of the whole request.)
const notFuture = (s: string) => !isCalendarDate(s) || s <= latestToday();

/** A calendar date that is not in the future (a diagnosis date, a consent date). */
export const pastDate = z.string().check(
  z.trim(),
  z.maxLength(10, 'too_long'),
  z.refine(dateOrTooLong, 'invalid_date'),
  z.refine(notFuture, 'date_in_future'),
);

/** A birth date: a real date, not in the future, and at most 130 years ago. */
export const birthDate = z.string().check(
  z.trim(),
  z.maxLength(10, 'too_long'),
  z.refine(dateOrTooLong, 'invalid_date'),
  z.refine(notFuture, 'date_in_future'),
  z.refine((s) => !isCalendarDate(s) || Number(s.slice(0, 4)) >= new Date().getUTCFullYear() - 130, 'date_implausible'),
);

/** An instant, ISO 8601 with an offset (what the backend stamps). */
export const timestamp = z.iso.datetime({ offset: true, error: 'invalid_date' }).check(z.maxLength(40, 'too_long'));

const EMAIL = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/** An e-mail address, trimmed and lower-cased. */
export const email = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.minLength(1, 'required'),
  z.maxLength(254, 'too_long'),
  z.refine((s) => s === '' || EMAIL.test(s), 'invalid_email'),
);

/** A phone number, stored as E.164 whatever way it was typed. */
export const phone = z.string().check(
  z.trim(),
  z.minLength(1, 'required'),
  z.maxLength(40, 'too_long'),
  z.overwrite((s) => (s.length > 40 ? s : (toE164(s) ?? s))),
  z.refine((s) => s === '' || s.length > 40 || E164.test(s), 'invalid_phone'),
);

/** ISO 3166-2 subdivision: a Canadian province or territory, or a US state. */
export const jurisdiction = z.string().check(
  z.trim(),
  z.toUpperCase(),
  z.maxLength(10, 'too_long'),
  z.refine((s) => s.length > 10 || (JURISDICTIONS as readonly string[]).includes(s), 'invalid_jurisdiction'),
);

/** A member, policy or pre-authorization number: 3 to 30 letters and digits, spaces and dashes allowed. */
export const memberNumber = z.string().check(
  z.trim(),
  z.toUpperCase(),
  z.minLength(1, 'required'),
  z.maxLength(30, 'invalid_member_number'),
  z.refine((s) => s === '' || s.length > 30 || /^[A-Z0-9](?:[A-Z0-9 -]{1,28})[A-Z0-9]$/.test(s), 'invalid_member_number'),
);

/** A BCP 47 language tag such as `en`, `fr-CA` or `pa`. */
export const languageTag = z.string().check(
  z.trim(),
  z.maxLength(35, 'too_long'),
  z.regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'invalid_format'),
);

const ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** True when `value` has the form of an identifier: what a backend can look up, never a stray byte. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

/** An opaque identifier issued by a backend. */
export const id = z.string().check(z.minLength(1, 'required'), z.maxLength(128, 'too_long'), z.regex(/^[A-Za-z0-9._:-]+$/, 'invalid_format'));

/** A lower-case hex SHA-256 digest. */
export const sha256 = z.string().check(z.toLowerCase(), z.maxLength(64, 'invalid_sha256'), z.regex(/^[0-9a-f]{64}$/, 'invalid_sha256'));

/** A whole number of bytes, counts, versions. */
export const count = z.int().check(z.gte(0, 'invalid'));
