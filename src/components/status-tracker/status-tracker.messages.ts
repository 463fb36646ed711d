// The words of <so-status-tracker>, in English (Canadian French in its own module). Status labels and "what
// happens next" come from the core (`statusText`); record kinds from `recordKindText`.
import { ElementWords } from '../shared/i18n/element-words.js';

/** Every user-facing string <so-status-tracker> owns. Each catalogue defines every key. */
export interface TrackerMessages {
  trackerHeading: string;
  /** "Request SO-1234": the case reference, never a name. */
  caseReference: (reference: string) => string;
  currentStatus: string;
  whatHappensNext: string;
  timelineHeading: string;
  stepSubmitted: string;
  stepTriage: string;
  stepAccepted: string;
  stepInReview: string;
  stepOpinionReady: string;
  stepDeclined: string;
  stepWithdrawn: string;
  /** Read after a step by screen readers. */
  stepDone: string;
  stepCurrent: string;
  stepUpcoming: string;
  stepWaiting: string;
  /** When a step was reached, e.g. "March 27, 2026". */
  stepOn: (date: string) => string;
  /** A reply on the timeline: its date and the titles of the records it sent (a list in words, or ''). */
  stepReplied: (date: string, records: string) => string;
  expectedBy: (date: string) => string;
  clockNotStarted: string;
  /** The paused clock, naming what is wanted ("your pathology report and your imaging"). */
  clockPausedFor: (wanted: string) => string;
  clockPausedReply: string;
  declinedReason: string;
  actionsHeading: string;
  actionFrom: (date: string) => string;
  actionRecordsWanted: string;
  replyLabel: string;
  replyHint: string;
  replyRequired: string;
  replyRecordsAttached: (count: number) => string;
  replySend: string;
  replySending: string;
  replySent: string;
  withdrawButton: string;
  withdrawHeading: string;
  withdrawWarning: string;
  withdrawReasonLabel: string;
  withdrawConfirm: string;
  withdrawCancel: string;
  withdrawn: string;
  actionFailed: string;
  loading: string;
  loadError: string;
  retry: string;
  reconnecting: string;
  /** Announced politely when the status changes. */
  statusChanged: (label: string) => string;
  listHeading: string;
  listEmpty: string;
  listCreated: (date: string) => string;
  listActionNeeded: string;
  listPrevious: string;
  listNext: string;
  listPage: (page: number) => string;
  listNavigation: string;
}

/** English. */
export const trackerEn: TrackerMessages = {
  trackerHeading: 'Your request',
  caseReference: (r) => `Request ${r}`,
  currentStatus: 'Where your request is now',
  whatHappensNext: 'What happens next',
  timelineHeading: 'Steps of your request',
  stepSubmitted: 'Sent',
  stepTriage: 'Checked by a care coordinator',
  stepAccepted: 'Accepted by a specialist',
  stepInReview: 'In review',
  stepOpinionReady: 'Opinion ready',
  stepDeclined: 'Not accepted',
  stepWithdrawn: 'Withdrawn',
  stepDone: 'done',
  stepCurrent: 'current step',
  stepUpcoming: 'to come',
  stepWaiting: 'waiting for you',
  stepOn: (d) => d,
  stepReplied: (d, records) => (records ? `You replied on ${d} and sent ${records}.` : `You replied on ${d}.`),
  expectedBy: (d) => `Expected by ${d}`,
  clockNotStarted: 'You will get an expected date once a specialist accepts your request.',
  clockPausedFor: (w) => `Paused: waiting for ${w}`,
  clockPausedReply: 'Paused: waiting for your reply',
  declinedReason: 'Why it was not accepted',
  actionsHeading: 'What we need from you',
  actionFrom: (d) => `Asked on ${d}`,
  actionRecordsWanted: 'Records to add',
  replyLabel: 'Your reply',
  replyHint: 'Answer the question above. Add the records it asks for before you send your reply.',
  replyRequired: 'Enter a reply before you send it.',
  replyRecordsAttached: (n) => (n === 1 ? '1 record you added will go with your reply.' : `${n} records you added will go with your reply.`),
  replySend: 'Send my reply',
  replySending: 'Sending…',
  replySent: 'Your reply was sent. A care coordinator will check it.',
  withdrawButton: 'Withdraw this request',
  withdrawHeading: 'Withdraw your request?',
  withdrawWarning: 'If you withdraw, nothing more will happen with this request and you cannot undo it. You can start a new request at any time.',
  withdrawReasonLabel: 'Tell us why (optional)',
  withdrawConfirm: 'Yes, withdraw my request',
  withdrawCancel: 'No, keep my request',
  withdrawn: 'Your request was withdrawn.',
  actionFailed: 'That did not work. Check your connection and try again.',
  loading: 'Loading your request…',
  loadError: 'We could not load your request. Check your connection and try again.',
  retry: 'Try again',
  reconnecting: 'Updates are paused while we reconnect. What you see may not be the latest.',
  statusChanged: (l) => `Your request’s status is now: ${l}`,
  listHeading: 'Your requests',
  listEmpty: 'You have no requests yet.',
  listCreated: (d) => `Started ${d}`,
  listActionNeeded: 'We need something from you',
  listPrevious: 'Previous page',
  listNext: 'Next page',
  listPage: (p) => `Page ${p}`,
  listNavigation: 'Pages of your requests',
};

/** The tracker's catalogues: English here, Canadian French loaded when a tracker first speaks it. */
export const TRACKER_WORDS = new ElementWords<TrackerMessages>(trackerEn, {
  'fr-CA': () => import('./status-tracker.messages.fr-CA.js').then((m) => m.trackerFrCA),
});
