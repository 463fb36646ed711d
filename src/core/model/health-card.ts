// Provincial health-card numbers. Formats and check digits are those the provinces publish
// (Ontario: Luhn on 10 digits plus an optional version code; BC PHN: mod 11 with leading 9;
// Quebec RAMQ: 4 letters + 8 digits with the birth month coded; Alberta PHN: 9 digits).
import type { CanadianJurisdiction } from './jurisdictions.js';

interface CardRule {
  /** Canonical shape after removing spaces and dashes and upper-casing. */
  pattern: RegExp;
  /** Extra arithmetic check, where the province publishes one. */
  check?: (compact: string) => boolean;
  /** Example shown in hints, in the province's usual written form. */
  example: string;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function bcMod11(digits: string): boolean {
  const weights = [2, 4, 8, 5, 10, 9, 7, 3];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ((Number(digits[i + 1]) * weights[i]!) % 11);
  const check = 11 - (sum % 11);
  return check < 10 && check === Number(digits[9]);
}

function ramqDate(compact: string): boolean {
  const month = Number(compact.slice(6, 8));
  const day = Number(compact.slice(8, 10));
  const m = month > 50 ? month - 50 : month;
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

const RULES: Partial<Record<CanadianJurisdiction, CardRule>> = {
  'CA-ON': { pattern: /^\d{10}([A-Z]{2})?$/, check: (c) => luhn(c.slice(0, 10)), example: '1234-567-897-AB' },
  'CA-QC': { pattern: /^[A-Z]{4}\d{8}$/, check: ramqDate, example: 'ABCD 1234 5678' },
  'CA-BC': { pattern: /^9\d{9}$/, check: bcMod11, example: '9876 543 218' },
  'CA-AB': { pattern: /^\d{9}$/, example: '12345-6789' },
  'CA-SK': { pattern: /^\d{9}$/, example: '123 456 789' },
  'CA-MB': { pattern: /^\d{9}$/, example: '123 456 789' },
  'CA-NB': { pattern: /^\d{9}$/, example: '123 456 789' },
  'CA-NS': { pattern: /^\d{10}$/, example: '1234 567 890' },
  'CA-PE': { pattern: /^\d{8}$/, example: '1234 5678' },
  'CA-NL': { pattern: /^\d{12}$/, example: '123 456 789 012' },
  'CA-YT': { pattern: /^\d{9}$/, example: '123 456 789' },
  'CA-NT': { pattern: /^[A-Z]\d{7}$/, example: 'N1234567' },
  'CA-NU': { pattern: /^1\d{8}$/, example: '123 456 789' },
};

/** Removes the spaces and dashes people type, and upper-cases letters. */
export function compactHealthCard(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** True when the number fits the province's published format (and check digit, where there is one). */
export function isValidHealthCard(province: string, input: string): boolean {
  const rule = RULES[province as CanadianJurisdiction];
  const compact = compactHealthCard(input);
  if (!rule) return /^[A-Z0-9]{6,15}$/.test(compact);
  return rule.pattern.test(compact) && (rule.check?.(compact) ?? true);
}

/** An example number in the province's written form, for hint text; undefined where none is published. */
export function healthCardExample(province: string): string | undefined {
  return RULES[province as CanadianJurisdiction]?.example;
}
