// The words of <so-opinion-summary>, in English (Canadian French in its own module).
import type { Outcome } from '../../core/model/codes.js';
import { ElementWords } from '../shared/i18n/element-words.js';

/** How an outcome reads: a headline and one or two sentences. "confirmed" reads as the good news it is. */
export interface OutcomeWords {
  headline: string;
  detail: string;
}

/** Every user-facing string <so-opinion-summary> owns. Each catalogue defines every key. */
export interface OpinionMessages {
  summaryHeading: string;
  notReady: string;
  loading: string;
  loadError: string;
  retry: string;
  firstOpinion: string;
  secondOpinion: string;
  firstDiagnosis: string;
  firstTreatment: string;
  firstFrom: string;
  noTreatment: string;
  outcome: Record<Outcome, OutcomeWords>;
  secondDiagnosis: string;
  secondSummary: string;
  recommendations: string;
  specialist: string;
  issuedOn: (date: string) => string;
  questionsHeading: string;
  followUpTag: string;
  noAnswer: string;
  reportHeading: string;
  reportDownload: string;
  reportDownloading: string;
  /** The saved file's name (no personal data in it). */
  reportFileName: string;
  shareHeading: string;
  shareIntro: string;
  shareTo: (who: string) => string;
  shareConsent: string;
  shareConsentRequired: string;
  shareButton: string;
  shareSending: string;
  sharedOn: (date: string) => string;
  shareNotConsented: string;
  /** Care-team delivery, on backends that deliver the opinion themselves. */
  sentTo: (who: string, date: string) => string;
  deliverySending: string;
  deliveryDelivered: (date: string) => string;
  deliveryRetrying: string;
  deliveryFailed: string;
  sendAgain: string;
  followUpHeading: string;
  followUpIntro: (remaining: number) => string;
  followUpLabel: string;
  followUpRequired: string;
  followUpSend: string;
  followUpSent: string;
  anotherHeading: string;
  anotherIntro: string;
  /** The opinions of the requests this one follows (third and fourth opinions). */
  earlierHeading: string;
  /** "Request SO-1234" for an earlier request. */
  earlierRequest: (reference: string) => string;
  earlierNoOpinion: string;
  anotherButton: string;
  actionFailed: string;
}

/** English. */
export const opinionEn: OpinionMessages = {
  summaryHeading: 'Your second opinion',
  notReady: 'Your second opinion is not ready yet. We will show it here as soon as the specialist sends it.',
  loading: 'Loading your opinion…',
  loadError: 'We could not load your opinion. Check your connection and try again.',
  retry: 'Try again',
  firstOpinion: 'First opinion',
  secondOpinion: 'Second opinion',
  firstDiagnosis: 'Diagnosis',
  firstTreatment: 'Proposed treatment',
  firstFrom: 'From',
  noTreatment: 'None given',
  outcome: {
    confirmed: { headline: 'Good news: your diagnosis is confirmed', detail: 'The specialist agrees with the diagnosis and plan you already have. You can go ahead with confidence.' },
    refined: { headline: 'Your diagnosis is confirmed, with more detail', detail: 'The specialist agrees with your diagnosis and adds details that can help you and your doctor plan.' },
    different_diagnosis: { headline: 'The specialist sees a different diagnosis', detail: 'Talk about this opinion with your doctor before you decide on treatment. Sharing it with your care team helps.' },
    treatment_change: { headline: 'The specialist suggests a change to your treatment', detail: 'The diagnosis stands, but another treatment may suit you better. Talk about it with your doctor.' },
    insufficient_information: { headline: 'The specialist needs more information', detail: 'The records were not enough for a full opinion. The specialist explains below what would help.' },
  },
  secondDiagnosis: 'Diagnosis',
  secondSummary: 'In short',
  recommendations: 'Recommendations',
  specialist: 'Specialist',
  issuedOn: (d) => `Written on ${d}`,
  questionsHeading: 'Your questions and the answers',
  followUpTag: 'Follow-up question',
  noAnswer: 'The specialist did not answer this question separately. See the summary above.',
  reportHeading: 'The full report',
  reportDownload: 'Download the report',
  reportDownloading: 'Preparing the download…',
  reportFileName: 'second-opinion-report',
  shareHeading: 'Share with my care team',
  shareIntro: 'Your doctor and the specialist can then agree on the next steps together.',
  shareTo: (w) => `It will be sent to ${w}.`,
  shareConsent: 'I agree to send this opinion to my care team.',
  shareConsentRequired: 'Tick the box to agree before you share the opinion.',
  shareButton: 'Share with my care team',
  shareSending: 'Sharing…',
  sharedOn: (d) => `Shared with your care team on ${d}.`,
  shareNotConsented: 'When you made your request, you chose not to share the opinion with your care team. You can download the report and give it to your doctor.',
  sentTo: (w, d) => `Sent to ${w} on ${d}.`,
  deliverySending: 'Sending…',
  deliveryDelivered: (d) => `Delivered on ${d}.`,
  deliveryRetrying: 'Not delivered yet. We will keep trying, or you can send it again.',
  deliveryFailed: 'It could not be delivered. Check the address with your care team, then send it again.',
  sendAgain: 'Send again',
  followUpHeading: 'Ask a follow-up question',
  followUpIntro: (n) => (n === 1 ? 'You can ask the specialist 1 more question about this opinion.' : `You can ask the specialist ${n} more questions about this opinion.`),
  followUpLabel: 'Your question',
  followUpRequired: 'Enter your question before you send it.',
  followUpSend: 'Send my question',
  followUpSent: 'Your question was sent. The specialist will answer it here.',
  anotherHeading: 'Still unsure?',
  anotherIntro: 'You have the right to another opinion. A new request will be linked to this one.',
  anotherButton: 'Ask for another opinion',
  earlierHeading: 'Earlier opinions',
  earlierRequest: (r) => `Request ${r}`,
  earlierNoOpinion: 'No opinion was given on this request.',
  actionFailed: 'That did not work. Check your connection and try again.',
};

/** The summary's catalogues: English here, Canadian French loaded when a summary first speaks it. */
export const OPINION_WORDS = new ElementWords<OpinionMessages>(opinionEn, {
  'fr-CA': () => import('./opinion-summary.messages.fr-CA.js').then((m) => m.opinionFrCA),
});
