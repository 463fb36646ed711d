// A first guess at what kind of record a file is, from its name and declared type, read in the
// browser only (the name never leaves it), and from what the case still needs.
import type { RecordKind } from '../../core/model/codes.js';

// Words in file names, English and French, most specific first.
const HINTS: readonly [RegExp, RecordKind][] = [
  [/patho|biops/i, 'pathology'],
  [/\blab|blood|sang|analyse|bilan|cbc\b/i, 'lab_result'],
  [/\bmri\b|\birm\b|\bct\b|scan|x-?ray|radio|[ée]cho|ultrasound|mammo|\bpet\b|dicom|\.dcm$|^i[m_]?\d+$/i, 'imaging'],
  [/referr|recommandation|r[ée]f[ée]rence/i, 'referral_letter'],
  [/plan/i, 'treatment_plan'],
  [/summary|r[ée]sum[ée]|discharge|cong[ée]/i, 'treatment_summary'],
  [/report|rapport|consult/i, 'diagnostic_report'],
];

/**
 * The likely kind of a file: DICOM and files from a dropped folder are imaging; otherwise a hint
 * in the name; otherwise the one kind still needed, if there is exactly one; otherwise `other`.
 */
export function guessKind(file: { name: string; type: string }, context: { fromFolder?: boolean; stillNeeded?: readonly RecordKind[] } = {}): RecordKind {
  if (file.type === 'application/dicom' || context.fromFolder) return 'imaging';
  for (const [re, kind] of HINTS) if (re.test(file.name)) return kind;
  if (context.stillNeeded?.length === 1) return context.stillNeeded[0] as RecordKind;
  return 'other';
}
