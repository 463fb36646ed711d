// Phone numbers are normalised to E.164 without a metadata library: North American numbers
// (the kit's home) get the NANP rules; other countries must be written with their + prefix.

const NANP = /^([2-9]\d{2})([2-9]\d{2})(\d{4})$/;

/**
 * Normalises a phone number to E.164 (`+15145550123`), or returns `undefined` when it cannot be one.
 * Accepts the usual punctuation, `00` and `+` prefixes, and bare 10-digit North American numbers.
 */
export function toE164(input: string): string | undefined {
  const trimmed = input.trim();
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return undefined;
  let digits = trimmed.replace(/\D/g, '');
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  if (!international) {
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    if (digits.length !== 10) return undefined;
    digits = `1${digits}`;
  }
  if (digits.startsWith('1')) return NANP.test(digits.slice(1)) && digits.length === 11 ? `+${digits}` : undefined;
  if (digits.startsWith('0') || digits.length < 8 || digits.length > 15) return undefined;
  return `+${digits}`;
}

/** E.164 as stored: a plus, a country code that does not start with 0, up to 15 digits. */
export const E164 = /^\+[1-9]\d{7,14}$/;
