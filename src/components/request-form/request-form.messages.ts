// The words of <so-request-form>: the catalogue's shape and the English copy. Each language is loaded
// on demand (FORM_WORDS in request-form.i18n.ts): a page downloads the copy of the language it shows, and another
// only when it switches. Record kinds come from the core's `recordKindText`.
import type { IssueCode } from '../../core/model/codes.js';
import { ISSUE_MESSAGES_EN, type IssueCatalogue, type IssueParams } from '../../core/i18n/issues-en.js';
import type { ChecklistReason, StepId } from './request-form.model.js';
import { BOOT } from './request-form.boot.js';

/** What a field's message may refer to: the numbers of the rule, and the chosen province's example card number. */
export type FieldIssueParams = IssueParams & { example?: string };
/** A field's own message for one issue code, with or without the rule's numbers. */
export type FieldIssueText = string | ((p: FieldIssueParams) => string);


/** Every user-facing string <so-request-form> owns. Each catalogue defines every key. */
export interface FormMessages {
  stepOf: (n: number, total: number) => string;
  steps: Record<StepId, string>;
  stepIntro: Record<StepId, string>;
  emergency: string;
  optional: string;
  back: string;
  next: string;
  submit: string;
  submitting: string;
  errorSummaryTitle: string;
  errorAnnounce: (count: number) => string;
  /** A problem on a field the host filled in and hid. */
  hiddenProblem: (label: string, message: string) => string;
  submitFailed: string;
  loadingConfig: string;
  configFailed: string;
  retry: string;
  /** Field labels by field name. */
  labels: Record<string, string>;
  /** Hint text under labels, by field name. */
  hints: Record<string, string>;
  patientHeading: string;
  requesterHeading: string;
  physicianHeading: string;
  relationship: Record<string, string>;
  reasons: Record<string, string>;
  urgency: Record<string, string>;
  consultationMode: Record<string, string>;
  referralPath: Record<string, string>;
  coverageKind: Record<string, string>;
  referralMatters: string;
  healthCardExample: (example: string) => string;
  chooseOne: string;
  canada: string;
  unitedStates: string;
  questionLabel: (n: number) => string;
  questionExamplesTitle: string;
  questionExamples: string[];
  addQuestion: string;
  removeQuestion: (n: number) => string;
  moveUp: (n: number) => string;
  moveDown: (n: number) => string;
  questionMoved: (n: number) => string;
  questionRemoved: (n: number) => string;
  checklistIntro: string;
  checklistAfter: string;
  checklistWhy: Record<ChecklistReason, string>;
  reviewIntro: string;
  change: string;
  changeSection: (section: string) => string;
  notGiven: string;
  yes: string;
  no: string;
  careTeamHeading: string;
  consentHeading: string;
  consentVersion: (version: string) => string;
  consentAgree: string;
  confirmationTitle: string;
  confirmationReference: string;
  confirmationExpectedBy: (date: string) => string;
  confirmationTurnaround: (days: number) => string;
  confirmationNext: string;
  confirmationNextBody: string;
  draftSaved: string;
  /**
   * What is wrong and how to fix it, by field then issue code ("Enter a date of birth in the past").
   * A code a field does not list falls back to `issues`.
   */
  fieldIssues: Record<string, Partial<Record<IssueCode, FieldIssueText>>>;
  /** The core's generic message for each issue code, in this language. */
  issues: IssueCatalogue;
  /** Provinces, territories and states as [code, name], in this language's alphabetical order. */
  jurisdictionNames: readonly (readonly [string, string])[];
  /** Names of the offered preferred languages, by BCP 47 tag, as a list shows them. */
  languageNames: Record<string, string>;
}

/** The English catalogue. */
export const FORM_MESSAGES_EN: FormMessages = {
  stepOf: (n, total) => `Step ${n} of ${total}`,
  steps: {
    who: 'Who this request is for',
    diagnosis: 'Diagnosis and treatment',
    questions: 'Your questions for the specialist',
    coverage: 'Referral and coverage',
    records: 'Records you will need',
    review: 'Check your answers and send',
  },
  stepIntro: {
    who: 'Tell us about the person the second opinion is for, and who is filling in this form.',
    diagnosis: 'Describe what you were told, in your own words. You do not need medical terms.',
    questions: 'Write down what you want the specialist to answer. There are no wrong questions.',
    coverage: 'This tells us how the opinion will be paid for.',
    records: 'The specialist will need copies of these records. You can start gathering them now and send them after you submit this request. You have a right to copies of your records.',
    review: 'Check what you entered. You can change anything before you send it.',
  },
  emergency: 'This service is not for emergencies. If you need help right away, call 911 or go to the nearest emergency department.',
  optional: '(optional)',
  back: 'Back',
  next: 'Continue',
  submit: 'Send my request',
  submitting: 'Sending your request…',
  errorSummaryTitle: 'There is a problem',
  errorAnnounce: (count) => (count === 1 ? 'There is 1 problem to fix.' : `There are ${count} problems to fix.`),
  hiddenProblem: (label, message) => `${label}: ${message} This was filled in for you. Contact the organization that sent you here to correct it.`,
  submitFailed: 'Your request was not sent. Nothing you entered has been lost. Try again.',
  loadingConfig: BOOT.en.loading,
  configFailed: BOOT.en.failed,
  retry: BOOT.en.retry,
  labels: {
    'requester.relationship': 'Who is filling in this form?',
    'requester.givenName': 'Your first name',
    'requester.familyName': 'Your last name',
    'requester.organization': 'Your organization or clinic',
    'requester.email': 'Your email address',
    'requester.phone': 'Your phone number',
    'patient.givenName': 'First name',
    'patient.familyName': 'Last name',
    'patient.birthDate': 'Date of birth',
    'patient.jurisdiction': 'Province, territory or state where the patient lives',
    'patient.email': 'Email address',
    'patient.phone': 'Phone number',
    'patient.preferredLanguage': 'Preferred language',
    'diagnosis.description': 'What is the current diagnosis?',
    'diagnosis.diagnosedOn': 'When was it given?',
    'treatingPhysician.name': 'Doctor’s name',
    'treatingPhysician.specialty': 'Their specialty',
    'treatingPhysician.clinic': 'Clinic or hospital',
    proposedTreatment: 'What treatment has been proposed?',
    specialty: 'Which kind of specialist should review it?',
    reasons: 'Why do you want a second opinion?',
    reasonDetails: 'Tell us more about why',
    urgency: 'How soon do you need it?',
    consultationMode: 'How would you like to hear from the specialist?',
    previousCaseId: 'Earlier request number, if this is a third opinion',
    questions: 'Questions',
    'referral.path': 'Who referred you?',
    'referral.referrerName': 'Name of the person who referred you',
    'coverage.kind': 'How will the second opinion be paid for?',
    'coverage.plan': 'Provincial or territorial health plan',
    'patient.healthCardNumber': 'Health card number',
    'coverage.insurer': 'Insurance company',
    'coverage.memberNumber': 'Member or certificate number',
    'coverage.policyNumber': 'Policy or group number',
    'coverage.preAuthorizationNumber': 'Pre-authorization number',
    'careTeam.share': 'Should we send the opinion to the patient’s own doctor or care team?',
    'careTeam.name': 'Doctor or care team name',
    'careTeam.clinic': 'Clinic',
    'careTeam.email': 'Their email address',
    'careTeam.phone': 'Their phone number',
    'consent.scopes': 'Consent',
  },
  hints: {
    'patient.birthDate': 'For example, 1980-03-27 (year, month, day).',
    'patient.email': 'We use this only to send news about this request. Give an email or a phone number, or both.',
    'requester.email': 'Give an email or a phone number, or both.',
    'diagnosis.description': 'For example: “Stage II breast cancer” or “a slipped disc in my lower back”.',
    'diagnosis.diagnosedOn': 'For example, 2026-09-15. An approximate date is fine.',
    proposedTreatment: 'For example: surgery, a new medicine, or “wait and see”.',
    reasons: 'Choose all that apply. Asking for a second opinion is your right, and doctors expect it.',
    consultationMode: 'Most second opinions are a review of your records, with a written report.',
    previousCaseId: 'You can find it in the message we sent about your earlier request.',
    'coverage.preAuthorizationNumber': 'Only if your insurer gave you one.',
    'careTeam.share': 'Sharing helps your own doctor and the specialist agree on a plan. You can also share it later.',
  },
  patientHeading: 'About the patient',
  requesterHeading: 'About you',
  physicianHeading: 'The doctor who gave the diagnosis',
  relationship: {
    self: 'I am the patient',
    caregiver: 'A family member or caregiver',
    advocate: 'A patient advocate',
    physician: 'The patient’s doctor',
  },
  reasons: {
    diagnosis_uncertain: 'I am not sure the diagnosis is right',
    treatment_options: 'I want to understand my treatment options',
    confirm_before_treatment: 'I want to confirm before a major treatment, such as surgery',
    communication: 'I did not get clear explanations, or felt unheard',
    recovery_concern: 'My recovery is not going as expected',
    reassurance: 'I would like reassurance',
    other: 'Another reason',
  },
  urgency: {
    routine: 'In the usual time',
    soon: 'Soon: a treatment decision is coming up',
  },
  consultationMode: {
    records_review: 'A written opinion after a review of my records',
    video: 'A video call with the specialist',
    in_person: 'An in-person visit',
  },
  referralPath: {
    family_doctor: 'My family doctor',
    specialist: 'The specialist I already see',
    walk_in: 'A walk-in or urgent care clinic',
    insurer: 'My insurance program',
    self: 'No one: I am asking on my own',
  },
  coverageKind: {
    public: 'Provincial or territorial health plan',
    private: 'Private insurance',
    self_pay: 'I will pay myself',
  },
  referralMatters: 'Provincial health plans usually cover a second opinion only with a referral from a doctor. If you have no family doctor, a walk-in clinic can refer you. Private insurance and paying yourself do not need one.',
  healthCardExample: (example) => `For example, ${example}.`,
  chooseOne: 'Choose one',
  canada: 'Canada',
  unitedStates: 'United States',
  questionLabel: (n) => `Question ${n}`,
  questionExamplesTitle: 'Ideas to get you started',
  questionExamples: [
    'Do you agree with the diagnosis?',
    'What are my treatment options, and what are the risks of each?',
    'What happens if I wait before starting treatment?',
    'Are there tests I should have before deciding?',
  ],
  addQuestion: 'Add another question',
  removeQuestion: (n) => `Remove question ${n}`,
  moveUp: (n) => `Move question ${n} up`,
  moveDown: (n) => `Move question ${n} down`,
  questionMoved: (n) => `Moved to question ${n}.`,
  questionRemoved: (n) => `Question ${n} removed.`,
  checklistIntro: 'Based on your answers, these records will help the specialist:',
  checklistAfter: 'You will be able to send them, even large scans, after you send this request.',
  checklistWhy: {
    always: 'Needed for every review.',
    diagnosis_uncertain: 'Helps the specialist check the diagnosis.',
    tissue: 'Often needed to confirm this kind of diagnosis.',
    imaging_specialty: 'This kind of specialist usually looks at scans.',
    treatment: 'So the specialist can comment on the proposed treatment.',
    recovery: 'Shows what treatment you have had so far.',
    referral: 'Your referral may be needed for coverage.',
  },
  reviewIntro: 'Check your answers before you send your request.',
  change: 'Change',
  changeSection: (section) => `Change: ${section}`,
  notGiven: 'Not given',
  yes: 'Yes',
  no: 'No',
  careTeamHeading: 'Sharing the opinion',
  consentHeading: 'Your consent',
  consentVersion: (version) => `Consent version ${version}`,
  consentAgree: 'I have read this and I agree',
  confirmationTitle: 'Your request has been sent',
  confirmationReference: 'Your reference number',
  confirmationExpectedBy: (date) => `You can expect the opinion by ${date}.`,
  confirmationTurnaround: (days) => `Once a specialist accepts your request, the opinion usually takes about ${days} business days.`,
  confirmationNext: 'What to do next',
  confirmationNextBody: 'Send your records so the specialist can start. We will also tell you by email or phone if anything else is needed.',
  draftSaved: 'Your answers are saved on this device.',
  fieldIssues: {
    'requester.relationship': { required: 'Choose who is filling in this form', invalid_choice: 'Choose who is filling in this form' },
    'requester.givenName': { required: 'Enter your first name', invalid_name: 'Enter your first name using only letters, spaces, hyphens or apostrophes' },
    'requester.familyName': { required: 'Enter your last name', invalid_name: 'Enter your last name using only letters, spaces, hyphens or apostrophes' },
    'requester.email': { contact_required: 'Enter your email address or phone number', invalid_email: 'Enter your email address in the right format, like name@example.com' },
    'requester.phone': { invalid_phone: 'Enter your phone number in the right format, like 416 555 0123' },
    'patient.givenName': { required: 'Enter the patient’s first name', invalid_name: 'Enter the patient’s first name using only letters, spaces, hyphens or apostrophes' },
    'patient.familyName': { required: 'Enter the patient’s last name', invalid_name: 'Enter the patient’s last name using only letters, spaces, hyphens or apostrophes' },
    'patient.birthDate': {
      required: 'Enter the patient’s date of birth',
      invalid_date: 'Enter a real date of birth, for example 1980-03-27',
      date_in_future: 'Enter a date of birth in the past',
      date_implausible: 'Check the year of birth: it is more than 130 years ago',
    },
    'patient.jurisdiction': {
      required: 'Choose the province, territory or state where the patient lives',
      invalid_jurisdiction: 'Choose the province, territory or state where the patient lives',
    },
    'patient.email': { contact_required: 'Enter your email address or phone number', invalid_email: 'Enter the email address in the right format, like name@example.com' },
    'patient.phone': { invalid_phone: 'Enter the phone number in the right format, like 416 555 0123' },
    'patient.preferredLanguage': { required: 'Choose the patient’s preferred language', invalid_format: 'Choose the patient’s preferred language' },
    'diagnosis.description': { required: 'Enter the current diagnosis, in your own words' },
    'diagnosis.diagnosedOn': { invalid_date: 'Enter a real date for the diagnosis, for example 2026-09-15', date_in_future: 'Enter a diagnosis date in the past' },
    'treatingPhysician.name': { required: 'Enter the name of the doctor who gave the diagnosis' },
    specialty: { required: 'Choose the kind of specialist who should review it', invalid_choice: 'Choose the kind of specialist who should review it' },
    reasons: { required: 'Choose at least one reason for a second opinion', invalid_choice: 'Choose at least one reason for a second opinion' },
    reasonDetails: { required: 'Tell us more about why you want a second opinion' },
    urgency: { required: 'Choose how soon you need the opinion', invalid_choice: 'Choose how soon you need the opinion' },
    consultationMode: { required: 'Choose how you would like to hear from the specialist', invalid_choice: 'Choose how you would like to hear from the specialist' },
    previousCaseId: { invalid_format: 'Enter the earlier request number as it is written in our message' },
    questions: { required: 'Add at least one question for the specialist', too_few: 'Add at least one question for the specialist' },
    'referral.path': { required: 'Choose who referred you', invalid_choice: 'Choose who referred you' },
    'coverage.kind': { required: 'Choose how the second opinion will be paid for', invalid_choice: 'Choose how the second opinion will be paid for' },
    'coverage.plan': { required: 'Choose the province or territory', invalid_jurisdiction: 'Choose the province or territory' },
    'patient.healthCardNumber': {
      health_card_required: 'Enter the health card number',
      invalid_health_card: (p) => (p.example ? `Enter the health card number as it is on the card, like ${p.example}` : 'Enter the health card number as it is on the card'),
    },
    'coverage.insurer': { required: 'Enter the name of the insurance company' },
    'coverage.memberNumber': { required: 'Enter the member or certificate number', invalid_member_number: 'Enter the member or certificate number as it is on the card: 3 to 30 letters and numbers' },
    'careTeam.share': { required: 'Choose whether to send the opinion to the patient’s doctor or care team', invalid_type: 'Choose whether to send the opinion to the patient’s doctor or care team' },
    'careTeam.email': { contact_required: 'Enter an email address or a phone number for the doctor or care team', invalid_email: 'Enter their email address in the right format, like name@example.com' },
    'consent.scopes': { required: 'Tick the box to agree, so we can send your request' },
  },
  issues: ISSUE_MESSAGES_EN,
  jurisdictionNames: [
    ['US-AL', 'Alabama'], ['US-AK', 'Alaska'], ['CA-AB', 'Alberta'], ['US-AS', 'American Samoa'], ['US-AZ', 'Arizona'], ['US-AR', 'Arkansas'],
    ['CA-BC', 'British Columbia'], ['US-CA', 'California'], ['US-CO', 'Colorado'], ['US-CT', 'Connecticut'], ['US-DE', 'Delaware'],
    ['US-DC', 'District of Columbia'], ['US-FL', 'Florida'], ['US-GA', 'Georgia'], ['US-GU', 'Guam'], ['US-HI', 'Hawaii'], ['US-ID', 'Idaho'],
    ['US-IL', 'Illinois'], ['US-IN', 'Indiana'], ['US-IA', 'Iowa'], ['US-KS', 'Kansas'], ['US-KY', 'Kentucky'], ['US-LA', 'Louisiana'],
    ['US-ME', 'Maine'], ['CA-MB', 'Manitoba'], ['US-MD', 'Maryland'], ['US-MA', 'Massachusetts'], ['US-MI', 'Michigan'], ['US-MN', 'Minnesota'],
    ['US-MS', 'Mississippi'], ['US-MO', 'Missouri'], ['US-MT', 'Montana'], ['US-NE', 'Nebraska'], ['US-NV', 'Nevada'], ['CA-NB', 'New Brunswick'],
    ['US-NH', 'New Hampshire'], ['US-NJ', 'New Jersey'], ['US-NM', 'New Mexico'], ['US-NY', 'New York'], ['CA-NL', 'Newfoundland and Labrador'],
    ['US-NC', 'North Carolina'], ['US-ND', 'North Dakota'], ['US-MP', 'Northern Mariana Islands'], ['CA-NT', 'Northwest Territories'],
    ['CA-NS', 'Nova Scotia'], ['CA-NU', 'Nunavut'], ['US-OH', 'Ohio'], ['US-OK', 'Oklahoma'], ['CA-ON', 'Ontario'], ['US-OR', 'Oregon'],
    ['US-PA', 'Pennsylvania'], ['CA-PE', 'Prince Edward Island'], ['US-PR', 'Puerto Rico'], ['CA-QC', 'Quebec'], ['US-RI', 'Rhode Island'],
    ['CA-SK', 'Saskatchewan'], ['US-SC', 'South Carolina'], ['US-SD', 'South Dakota'], ['US-TN', 'Tennessee'], ['US-TX', 'Texas'],
    ['US-UM', 'U.S. Minor Outlying Islands'], ['US-VI', 'U.S. Virgin Islands'], ['US-UT', 'Utah'], ['US-VT', 'Vermont'], ['US-VA', 'Virginia'],
    ['US-WA', 'Washington'], ['US-WV', 'West Virginia'], ['US-WI', 'Wisconsin'], ['US-WY', 'Wyoming'], ['CA-YT', 'Yukon'],
  ],
  languageNames: {
    en: 'English', 'fr-CA': 'Canadian French', zh: 'Chinese', pa: 'Punjabi', es: 'Spanish', ar: 'Arabic', tl: 'Filipino', it: 'Italian',
    de: 'German', pt: 'Portuguese', fa: 'Persian', ur: 'Urdu', ru: 'Russian', vi: 'Vietnamese', ko: 'Korean', hi: 'Hindi', ta: 'Tamil',
    uk: 'Ukrainian', pl: 'Polish',
  },
};

/** The English catalogue by locale, for tests and hosts that read the words (the form itself fetches it through `FORM_WORDS`, request-form.i18n.ts). */
export const FORM_MESSAGES: { en: FormMessages } = { en: FORM_MESSAGES_EN };
