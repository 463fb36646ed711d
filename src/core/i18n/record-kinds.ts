// Plain-language names of record kinds, in English and Canadian French, as a label ("Pathology
// report") and as the thing a patient is asked for ("your pathology report").
import type { Locale, RecordKind } from '../model/codes.js';
import { resolveLocale } from './statuses.js';

/** How a record kind reads to a patient. */
export interface RecordKindText {
  /** A short label, sentence case. */
  label: string;
  /** The kind as something asked of the patient, with a possessive ("your pathology report"). */
  yours: string;
}

const en: Record<RecordKind, RecordKindText> = {
  diagnostic_report: { label: 'Diagnostic report', yours: 'your diagnostic report' },
  lab_result: { label: 'Lab results', yours: 'your lab results' },
  imaging: { label: 'Imaging', yours: 'your imaging (scans or X-rays)' },
  pathology: { label: 'Pathology report', yours: 'your pathology report' },
  treatment_summary: { label: 'Treatment summary', yours: 'your treatment summary' },
  treatment_plan: { label: 'Treatment plan', yours: 'your treatment plan' },
  referral_letter: { label: 'Referral letter', yours: 'your referral letter' },
  other: { label: 'Other record', yours: 'another record' },
};

const fr: Record<RecordKind, RecordKindText> = {
  diagnostic_report: { label: 'Rapport diagnostique', yours: 'votre rapport diagnostique' },
  lab_result: { label: 'Résultats de laboratoire', yours: 'vos résultats de laboratoire' },
  imaging: { label: 'Imagerie', yours: 'vos examens d’imagerie (radiographies ou autres)' },
  pathology: { label: 'Rapport de pathologie', yours: 'votre rapport de pathologie' },
  treatment_summary: { label: 'Résumé de traitement', yours: 'votre résumé de traitement' },
  treatment_plan: { label: 'Plan de traitement', yours: 'votre plan de traitement' },
  referral_letter: { label: 'Lettre de recommandation', yours: 'votre lettre de recommandation' },
  other: { label: 'Autre dossier', yours: 'un autre dossier' },
};

/** Record kind words by locale. */
export const RECORD_KIND_TEXT: Record<Locale, Record<RecordKind, RecordKindText>> = { en, 'fr-CA': fr };

/** The plain-language words for a record kind. */
export function recordKindText(kind: RecordKind, locale: string = 'en'): RecordKindText {
  return RECORD_KIND_TEXT[resolveLocale(locale)][kind];
}
