// The English field-issue messages on their own: validation inside the core (parsing answers, problem
// details) always speaks English, so pages that never show French do not download its catalogue.
import type { IssueCode } from '../model/codes.js';

/** Numbers an issue message refers to. */
export type IssueParams = { minimum?: number; maximum?: number };
/** One language's messages, by issue code. */
export type IssueCatalogue = Record<IssueCode, string | ((p: IssueParams) => string)>;

/** Sizes in the units people know (MB, GB), in the locale's number format. */
export function formatSize(bytes: number | undefined, lang: 'en' | 'fr' = 'en'): string {
  if (bytes === undefined) return lang === 'fr' ? 'la taille permise' : 'the allowed size';
  const [value, unit] = bytes >= 1024 ** 3 ? [bytes / 1024 ** 3, lang === 'fr' ? 'Go' : 'GB'] : [bytes / 1024 ** 2, lang === 'fr' ? 'Mo' : 'MB'];
  return `${new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}

/** The English messages. */
export const ISSUE_MESSAGES_EN: IssueCatalogue = {
  required: 'This information is needed.',
  invalid_type: 'Enter this in the expected form.',
  too_short: (p) => `Enter at least ${p.minimum ?? 1} characters.`,
  too_long: (p) => `Shorten this to ${p.maximum ?? 'fewer'} characters or fewer.`,
  too_few: (p) => `Add at least ${p.minimum ?? 1}.`,
  too_many: (p) => `You can add up to ${p.maximum ?? 'a limited number'}.`,
  invalid_choice: 'Choose one of the options.',
  invalid_format: 'Check the format of this entry.',
  invalid_name: 'Enter a name using letters, spaces, hyphens or apostrophes.',
  invalid_date: 'Enter a real date, for example 1980-03-27.',
  date_in_future: 'Enter a date in the past.',
  date_implausible: 'Check the year: it is more than 130 years ago.',
  invalid_email: 'Enter an email address like name@example.com.',
  invalid_phone: 'Enter a phone number like 416 555 0123, or with a country code like +44 20 7946 0958.',
  invalid_jurisdiction: 'Choose a province, territory or state.',
  invalid_health_card: 'Check the health card number: it does not match that province’s format.',
  health_card_required: 'Enter the health card number for provincial coverage.',
  invalid_member_number: 'Enter the number as it appears on the card: 3 to 30 letters and numbers.',
  contact_required: 'Enter an email address or a phone number so the team can reach you.',
  invalid_sha256: 'The file’s fingerprint is not valid.',
  unknown_field: 'This field is not expected here.',
  invalid: 'Check this entry.',
  file_empty: 'This file is empty. Choose the file again, or another one.',
  file_too_large: (p) => `This file is too large. Choose a file smaller than ${formatSize(p.maximum)}.`,
  file_type_not_allowed: 'This type of file cannot be sent here. Choose a file of one of the accepted types.',
  invalid_characters: 'This text has a character that cannot be saved (often from pasting). Retype it.',
};

/** The message from a catalogue for an issue code. */
export function messageFrom(catalogue: IssueCatalogue, code: IssueCode, params: IssueParams = {}): string {
  const m = catalogue[code];
  return typeof m === 'function' ? m(params) : m;
}

/** The English message for an issue code. */
export function englishIssueMessage(code: IssueCode, params: IssueParams = {}): string {
  return messageFrom(ISSUE_MESSAGES_EN, code, params);
}
