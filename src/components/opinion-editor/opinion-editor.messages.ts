// The words of <so-opinion-editor>, in English (Canadian French in its own module).
import type { Outcome } from '../../core/model/codes.js';
import { ElementWords } from '../shared/i18n/element-words.js';
import { staffCommonEn, type StaffCommonMessages } from '../shared/i18n/staff.messages.js';

/** Every user-facing string <so-opinion-editor> owns. Each catalogue defines every key. */
export interface EditorMessages extends StaffCommonMessages {
  heading: (reference: string) => string;
  followUpHeading: (reference: string) => string;
  outcomeLabel: string;
  outcomeChoose: string;
  outcome: Record<Outcome, string>;
  summaryLabel: string;
  summaryHint: string;
  diagnosisLabel: string;
  recommendationsLabel: string;
  recommendationsHint: string;
  answersHeading: string;
  question: (n: number) => string;
  followUp: string;
  reportLabel: string;
  reportHint: string;
  reportAttached: string;
  reportUploading: string;
  reportFailed: string;
  preview: string;
  previewHeading: string;
  previewIntro: string;
  previewNeedsOutcome: string;
  issue: string;
  issuing: string;
  /** Why Issue is closed: what is still missing. */
  blockedHeading: string;
  needOutcome: string;
  needSummary: string;
  needAnswers: (numbers: string) => string;
  issued: string;
  movedOn: string;
  issueFailed: string;
  notReady: string;
  alreadyIssued: string;
  loading: string;
  loadError: string;
}

/** English. */
export const editorEn: EditorMessages = {
  ...staffCommonEn,
  heading: (r) => `Write the opinion for case ${r}`,
  followUpHeading: (r) => `Answer the follow-up questions for case ${r}`,
  outcomeLabel: 'Outcome',
  outcomeChoose: 'Choose an outcome',
  outcome: {
    confirmed: 'Diagnosis and plan confirmed', refined: 'Diagnosis or plan refined', different_diagnosis: 'A different diagnosis',
    treatment_change: 'A change of treatment', insufficient_information: 'Not enough information to give an opinion',
  },
  summaryLabel: 'Summary for the patient',
  summaryHint: 'Plain words: the patient reads this first.',
  diagnosisLabel: 'Diagnosis (optional)',
  recommendationsLabel: 'Recommendations (optional)',
  recommendationsHint: 'One a line.',
  answersHeading: 'Answers to the patient’s questions',
  question: (n) => `Question ${n}`,
  followUp: '(follow-up)',
  reportLabel: 'Report (PDF, optional)',
  reportHint: 'The patient can download it with the opinion.',
  reportAttached: 'The report is attached.',
  reportUploading: 'Attaching the report…',
  reportFailed: 'We could not attach this file. Choose a PDF and try again.',
  preview: 'Preview',
  previewHeading: 'What the patient will see',
  previewIntro: 'Nothing is sent until you issue the opinion.',
  previewNeedsOutcome: 'Choose an outcome to preview.',
  issue: 'Issue the opinion',
  issuing: 'Issuing…',
  blockedHeading: 'Before you can issue the opinion',
  needOutcome: 'Choose an outcome.',
  needSummary: 'Write the summary.',
  needAnswers: (n) => `Answer question ${n}.`,
  issued: 'The opinion was issued. The patient can read it now.',
  movedOn: 'This case changed while you were writing, so the opinion was not issued. We reloaded the case: your text is still here.',
  issueFailed: 'That did not work. Check your connection and try again.',
  notReady: 'An opinion can be written once the review has started.',
  alreadyIssued: 'The opinion was issued. This opens again if the patient asks a follow-up question.',
  loading: 'Loading the case…',
  loadError: 'We could not load this case. Check your connection and try again.',
};

/** The editor's catalogues: English here, Canadian French loaded when an editor first speaks it. */
export const EDITOR_WORDS = new ElementWords<EditorMessages>(editorEn, {
  'fr-CA': () => import('./opinion-editor.messages.fr-CA.js').then((m) => m.editorFrCA),
});
