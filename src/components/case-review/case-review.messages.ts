// The words of <so-case-review>, in English (Canadian French in its own module). Status labels and
// record kinds come from the core (`statusText`, `recordKindText`); the request's codes are here.
import type { ConsentScope, ConsultationMode, Reason, ReferralPath, Relationship } from '../../core/model/codes.js';
import { ElementWords } from '../shared/i18n/element-words.js';
import { staffCommonEn, type StaffCommonMessages } from '../shared/i18n/staff.messages.js';

/** Every user-facing string <so-case-review> owns. Each catalogue defines every key. */
export interface ReviewMessages extends StaffCommonMessages {
  heading: (reference: string) => string;
  statusLabel: string;
  expectedBy: (date: string) => string;
  specialistLabel: string;
  requestHeading: string;
  patient: string;
  birthDate: string;
  jurisdiction: string;
  email: string;
  phone: string;
  preferredLanguage: string;
  healthCard: string;
  requester: string;
  reasons: string;
  reasonDetails: string;
  specialty: string;
  diagnosis: string;
  diagnosedOn: string;
  proposedTreatment: string;
  treatingPhysician: string;
  questions: string;
  urgency: string;
  urgencySoon: string;
  urgencyRoutine: string;
  consultationMode: string;
  referral: string;
  coverage: string;
  coveragePublic: (plan: string) => string;
  coveragePrivate: (insurer: string) => string;
  coverageSelfPay: string;
  memberNumber: string;
  policyNumber: string;
  preAuthorization: string;
  careTeam: string;
  careTeamNo: string;
  consent: string;
  consentVersion: (version: string, date: string) => string;
  none: string;
  relationship: Record<Relationship, string>;
  reason: Record<Reason, string>;
  mode: Record<ConsultationMode, string>;
  referralPath: Record<ReferralPath, string>;
  scope: Record<ConsentScope, string>;
  recordsHeading: string;
  recordsEmpty: string;
  colKind: string;
  colTitle: string;
  colSize: string;
  colState: string;
  colActions: string;
  recordState: Record<'uploading' | 'received' | 'verified' | 'rejected', string>;
  fromStaff: string;
  download: (title: string) => string;
  preview: (title: string) => string;
  previewHeading: (title: string) => string;
  closePreview: string;
  previewFailed: string;
  downloadFailed: string;
  timelineHeading: string;
  actor: Record<'patient' | 'coordinator' | 'specialist' | 'system', string>;
  eventStatus: (status: string, actor: string) => string;
  eventRecord: (title: string, actor: string) => string;
  eventReply: (actor: string) => string;
  eventFollowUp: string;
  eventShared: string;
  eventUpdated: (actor: string) => string;
  wantedRecords: (kinds: string) => string;
  /** Under a reply: the records the patient sent with it. */
  replyRecords: (titles: string) => string;
  movesHeading: string;
  movesNone: string;
  moveTriage: string;
  moveRequestInfo: string;
  moveAccept: string;
  moveDecline: string;
  moveStartReview: string;
  requestInfoHeading: string;
  requestInfoMessage: string;
  requestInfoHint: string;
  requestInfoKinds: string;
  requestInfoRequired: string;
  acceptHeading: string;
  specialistName: string;
  specialistSpecialty: string;
  specialistCredentials: string;
  acceptRequired: string;
  declineHeading: string;
  declineReason: string;
  declineHint: string;
  declineRequired: string;
  send: string;
  sending: string;
  cancel: string;
  done: Record<'triage' | 'request_info' | 'accept' | 'decline' | 'start_review', string>;
  /** A move refused because the case moved on (someone else acted first, or the move is no longer open). */
  movedOn: string;
  moveForbidden: string;
  moveFailed: string;
  loading: string;
  loadError: string;
  noCase: string;
  reconnecting: string;
}

/** English. */
export const reviewEn: ReviewMessages = {
  ...staffCommonEn,
  heading: (r) => `Case ${r}`,
  statusLabel: 'Status',
  expectedBy: (d) => `Expected by ${d}`,
  specialistLabel: 'Specialist',
  requestHeading: 'The request',
  patient: 'Patient',
  birthDate: 'Date of birth',
  jurisdiction: 'Province or territory',
  email: 'Email',
  phone: 'Phone',
  preferredLanguage: 'Preferred language',
  healthCard: 'Health card number',
  requester: 'Requested by',
  reasons: 'Why a second opinion',
  reasonDetails: 'In their words',
  specialty: 'Specialty',
  diagnosis: 'Diagnosis',
  diagnosedOn: 'Diagnosed on',
  proposedTreatment: 'Proposed treatment',
  treatingPhysician: 'Treating doctor',
  questions: 'Questions for the specialist',
  urgency: 'Urgency',
  urgencySoon: 'Soon: a treatment decision is coming up',
  urgencyRoutine: 'Routine',
  consultationMode: 'Consultation',
  referral: 'Referred by',
  coverage: 'Coverage',
  coveragePublic: (p) => `Public plan (${p})`,
  coveragePrivate: (i) => `Private insurer: ${i}`,
  coverageSelfPay: 'The patient pays',
  memberNumber: 'Member number',
  policyNumber: 'Policy number',
  preAuthorization: 'Pre-authorization number',
  careTeam: 'Care team to share the opinion with',
  careTeamNo: 'The patient did not ask to share the opinion.',
  consent: 'Consent',
  consentVersion: (v, d) => `Version ${v}, given on ${d}`,
  none: '—',
  relationship: { self: 'The patient', caregiver: 'A family member or caregiver', advocate: 'A patient advocate', physician: 'A physician' },
  reason: {
    diagnosis_uncertain: 'Unsure the diagnosis is right', treatment_options: 'To understand the treatment options',
    confirm_before_treatment: 'To confirm before a major treatment', communication: 'Unclear explanations, or felt unheard',
    recovery_concern: 'Recovery not going as expected', reassurance: 'Reassurance', other: 'Another reason',
  },
  mode: { records_review: 'Written opinion from the records', video: 'Video call', in_person: 'In person' },
  referralPath: { family_doctor: 'Their family doctor', specialist: 'A specialist', walk_in: 'A walk-in or urgent care clinic', insurer: 'Their insurance program', self: 'Themselves' },
  scope: {
    collect_and_review: 'Collect and review their health information', share_with_specialist: 'Share it with the reviewing specialist',
    share_with_care_team: 'Send the opinion to their care team', contact: 'Contact them about the request',
  },
  recordsHeading: 'Records',
  recordsEmpty: 'No records yet.',
  colKind: 'Kind',
  colTitle: 'Title',
  colSize: 'Size',
  colState: 'State',
  colActions: 'Open',
  recordState: { uploading: 'Uploading', received: 'Received, being checked', verified: 'Verified', rejected: 'Rejected' },
  fromStaff: '(from staff)',
  download: (t) => `Download ${t}`,
  preview: (t) => `Preview ${t}`,
  previewHeading: (t) => `Preview: ${t}`,
  closePreview: 'Close the preview',
  previewFailed: 'We could not open this record. Try downloading it.',
  downloadFailed: 'We could not download this record. Check your connection and try again.',
  timelineHeading: 'Timeline',
  actor: { patient: 'the patient', coordinator: 'a coordinator', specialist: 'the specialist', system: 'the system' },
  eventStatus: (s, a) => `${s}, by ${a}`,
  eventRecord: (t, a) => `Record added by ${a}: ${t}`,
  eventReply: (a) => `Reply from ${a}`,
  eventFollowUp: 'Follow-up question from the patient',
  eventShared: 'Opinion sent to the care team',
  eventUpdated: (a) => `Updated by ${a}`,
  wantedRecords: (k) => `Records asked for: ${k}`,
  replyRecords: (t) => `Sent with it: ${t}`,
  movesHeading: 'What you can do',
  movesNone: 'There is nothing for your role to do on this case now.',
  moveTriage: 'Start triage',
  moveRequestInfo: 'Ask the patient for information',
  moveAccept: 'Accept and assign a specialist',
  moveDecline: 'Decline the request',
  moveStartReview: 'Start the review',
  requestInfoHeading: 'Ask the patient for information',
  requestInfoMessage: 'Your message to the patient',
  requestInfoHint: 'Say plainly what you need and why. The patient sees this message.',
  requestInfoKinds: 'Records you need (optional)',
  requestInfoRequired: 'Write a message to the patient before you send it.',
  acceptHeading: 'Accept and assign a specialist',
  specialistName: 'Specialist’s name',
  specialistSpecialty: 'Specialty',
  specialistCredentials: 'Credentials (optional)',
  acceptRequired: 'Enter the specialist’s name and specialty.',
  declineHeading: 'Decline the request',
  declineReason: 'Reason for the patient',
  declineHint: 'The patient sees this reason. Say what they can do next.',
  declineRequired: 'Write the reason before you decline.',
  send: 'Confirm',
  sending: 'Sending…',
  cancel: 'Cancel',
  done: {
    triage: 'Triage started.', request_info: 'Your request was sent to the patient.', accept: 'The case was accepted and assigned.',
    decline: 'The request was declined.', start_review: 'The review started.',
  },
  movedOn: 'Someone else changed this case first, so that is no longer possible. We reloaded the case: check what it shows now.',
  moveForbidden: 'Your role cannot do that on this case.',
  moveFailed: 'That did not work. Check your connection and try again.',
  loading: 'Loading the case…',
  loadError: 'We could not load this case. Check your connection and try again.',
  noCase: 'Choose a case to review.',
  reconnecting: 'Updates are paused while we reconnect. What you see may not be the latest.',
};

/** The review's catalogues: English here, Canadian French loaded when a review first speaks it. */
export const REVIEW_WORDS = new ElementWords<ReviewMessages>(reviewEn, {
  'fr-CA': () => import('./case-review.messages.fr-CA.js').then((m) => m.reviewFrCA),
});
