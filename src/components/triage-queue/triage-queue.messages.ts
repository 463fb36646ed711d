// The words of <so-triage-queue>, in English (Canadian French in its own module). Status labels come
// from the core (`statusText`). Never a patient's name: a case is named by its reference.
import { ElementWords } from '../shared/i18n/element-words.js';
import { staffCommonEn, type StaffCommonMessages } from '../shared/i18n/staff.messages.js';
import type { QueueSort } from './triage-queue.model.js';

/** Every user-facing string <so-triage-queue> owns. Each catalogue defines every key. */
export interface QueueMessages extends StaffCommonMessages {
  heading: string;
  filtersHeading: string;
  showLabel: string;
  showOpen: string;
  showAll: string;
  showOverdue: string;
  specialtyLabel: string;
  urgencyLabel: string;
  urgencyAny: string;
  urgencyRoutine: string;
  urgencySoon: string;
  dueByLabel: string;
  referenceLabel: string;
  referenceHint: string;
  referenceInvalid: string;
  apply: string;
  sortLabel: string;
  sortBy: Record<QueueSort, string>;
  sortedBy: (order: string) => string;
  clear: string;
  colReference: string;
  colStatus: string;
  colNeeds: string;
  colSpecialty: string;
  colUrgency: string;
  colDue: string;
  /** The button that opens a case: its reference, said in full to screen readers. */
  openCase: (reference: string) => string;
  needNew: string;
  /** Waiting on the patient for this many whole days. */
  needWaiting: (days: number) => string;
  /** The patient's reply came on this date. */
  needReplied: (date: string) => string;
  /** Past the expected date by this many days. */
  needOverdue: (days: number) => string;
  none: string;
  /** How many cases this page shows. */
  count: (shown: number, page: number) => string;
  empty: string;
  previous: string;
  next: string;
  pageOf: (page: number) => string;
  pagination: string;
  loading: string;
  loadError: string;
  /** Announced when a live re-read brings changes. */
  updated: string;
  staleUpdates: string;
}

/** English. */
export const queueEn: QueueMessages = {
  ...staffCommonEn,
  heading: 'Cases to review',
  filtersHeading: 'Filter the cases',
  showLabel: 'Show',
  showOpen: 'Open cases',
  showAll: 'All cases',
  showOverdue: 'Overdue cases',
  specialtyLabel: 'Specialty',
  urgencyLabel: 'Urgency',
  urgencyAny: 'Any urgency',
  urgencyRoutine: 'Routine',
  urgencySoon: 'Soon',
  dueByLabel: 'Due on or before',
  referenceLabel: 'Find by reference',
  referenceHint: 'The start of the reference is enough, for example SO-7K2M.',
  referenceInvalid: 'A reference has only letters, numbers and dashes, for example SO-7K2M.',
  apply: 'Apply filters',
  sortLabel: 'Sort by',
  sortBy: { received: 'Date received', due: 'Due date', urgency: 'Urgency' },
  sortedBy: (o) => `Cases sorted by ${o.toLowerCase()}.`,
  clear: 'Clear filters',
  colReference: 'Reference',
  colStatus: 'Status',
  colNeeds: 'Needs action',
  colSpecialty: 'Specialty',
  colUrgency: 'Urgency',
  colDue: 'Expected by',
  openCase: (r) => `Open case ${r}`,
  needNew: 'New: to triage',
  needWaiting: (d) => (d === 0 ? 'Waiting on the patient since today' : d === 1 ? 'Waiting on the patient for 1 day' : `Waiting on the patient for ${d} days`),
  needReplied: (d) => `The patient replied on ${d}`,
  needOverdue: (d) => (d === 1 ? 'Overdue by 1 day' : `Overdue by ${d} days`),
  none: '—',
  count: (n, p) => (n === 0 ? `No cases on page ${p}` : n === 1 ? `1 case on page ${p}` : `${n} cases on page ${p}`),
  empty: 'No case matches these filters.',
  previous: 'Previous page',
  next: 'Next page',
  pageOf: (p) => `Page ${p}`,
  pagination: 'Pages of cases',
  loading: 'Loading the cases…',
  loadError: 'We could not load the cases. Check your connection and try again.',
  updated: 'The list of cases was updated.',
  staleUpdates: 'Updates are paused: we could not reach the server. What you see may not be the latest.',
};

/** The queue's catalogues: English here, Canadian French loaded when a queue first speaks it. */
export const QUEUE_WORDS = new ElementWords<QueueMessages>(queueEn, {
  'fr-CA': () => import('./triage-queue.messages.fr-CA.js').then((m) => m.queueFrCA),
});
