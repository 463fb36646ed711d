// The words of <so-request-form>, in English and Canadian French. Field problems come from the
// core (`issueMessage`), record kinds from `recordKindText`; everything else is here.
import type { Locale } from '../../core/model/codes.js';
import type { ChecklistReason, StepId } from './request-form.model.js';

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
}

const en: FormMessages = {
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
  loadingConfig: 'Loading the form…',
  configFailed: 'We could not load the form. Check your connection and try again.',
  retry: 'Try again',
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
};

const fr: FormMessages = {
  stepOf: (n, total) => `Étape ${n} sur ${total}`,
  steps: {
    who: 'Pour qui est cette demande',
    diagnosis: 'Diagnostic et traitement',
    questions: 'Vos questions pour le ou la spécialiste',
    coverage: 'Recommandation et couverture',
    records: 'Les dossiers dont vous aurez besoin',
    review: 'Vérifier vos réponses et envoyer',
  },
  stepIntro: {
    who: 'Parlez-nous de la personne qui demande le deuxième avis, et de qui remplit ce formulaire.',
    diagnosis: 'Décrivez ce qu’on vous a dit, dans vos mots. Pas besoin de termes médicaux.',
    questions: 'Écrivez ce à quoi vous voulez que le ou la spécialiste réponde. Aucune question n’est de trop.',
    coverage: 'Ces renseignements nous disent comment l’avis sera payé.',
    records: 'Le ou la spécialiste aura besoin de copies de ces dossiers. Vous pouvez commencer à les rassembler et les envoyer après avoir soumis cette demande. Vous avez le droit d’obtenir une copie de vos dossiers.',
    review: 'Vérifiez ce que vous avez entré. Vous pouvez tout modifier avant l’envoi.',
  },
  emergency: 'Ce service n’est pas destiné aux urgences. Si vous avez besoin d’aide tout de suite, composez le 911 ou rendez-vous à l’urgence la plus proche.',
  optional: '(facultatif)',
  back: 'Retour',
  next: 'Continuer',
  submit: 'Envoyer ma demande',
  submitting: 'Envoi de votre demande…',
  errorSummaryTitle: 'Il y a un problème',
  errorAnnounce: (count) => (count === 1 ? 'Il y a 1 problème à corriger.' : `Il y a ${count} problèmes à corriger.`),
  hiddenProblem: (label, message) => `${label} : ${message} Ce renseignement a été rempli pour vous. Communiquez avec l’organisme qui vous a dirigé ici pour le faire corriger.`,
  submitFailed: 'Votre demande n’a pas été envoyée. Rien de ce que vous avez entré n’est perdu. Réessayez.',
  loadingConfig: 'Chargement du formulaire…',
  configFailed: 'Nous n’avons pas pu charger le formulaire. Vérifiez votre connexion et réessayez.',
  retry: 'Réessayer',
  labels: {
    'requester.relationship': 'Qui remplit ce formulaire?',
    'requester.givenName': 'Votre prénom',
    'requester.familyName': 'Votre nom de famille',
    'requester.organization': 'Votre organisme ou clinique',
    'requester.email': 'Votre adresse courriel',
    'requester.phone': 'Votre numéro de téléphone',
    'patient.givenName': 'Prénom',
    'patient.familyName': 'Nom de famille',
    'patient.birthDate': 'Date de naissance',
    'patient.jurisdiction': 'Province, territoire ou État où vit la personne',
    'patient.email': 'Adresse courriel',
    'patient.phone': 'Numéro de téléphone',
    'patient.preferredLanguage': 'Langue préférée',
    'diagnosis.description': 'Quel est le diagnostic actuel?',
    'diagnosis.diagnosedOn': 'Quand a-t-il été posé?',
    'treatingPhysician.name': 'Nom du médecin',
    'treatingPhysician.specialty': 'Sa spécialité',
    'treatingPhysician.clinic': 'Clinique ou hôpital',
    proposedTreatment: 'Quel traitement vous a-t-on proposé?',
    specialty: 'Quel type de spécialiste devrait l’examiner?',
    reasons: 'Pourquoi voulez-vous un deuxième avis?',
    reasonDetails: 'Dites-nous-en plus',
    urgency: 'Dans quel délai en avez-vous besoin?',
    consultationMode: 'Comment voulez-vous recevoir l’avis du ou de la spécialiste?',
    previousCaseId: 'Numéro de la demande précédente, s’il s’agit d’un troisième avis',
    questions: 'Questions',
    'referral.path': 'Qui vous a recommandé?',
    'referral.referrerName': 'Nom de la personne qui vous a recommandé',
    'coverage.kind': 'Comment le deuxième avis sera-t-il payé?',
    'coverage.plan': 'Régime d’assurance maladie provincial ou territorial',
    'patient.healthCardNumber': 'Numéro d’assurance maladie',
    'coverage.insurer': 'Compagnie d’assurance',
    'coverage.memberNumber': 'Numéro de membre ou de certificat',
    'coverage.policyNumber': 'Numéro de police ou de groupe',
    'coverage.preAuthorizationNumber': 'Numéro d’autorisation préalable',
    'careTeam.share': 'Devons-nous envoyer l’avis au médecin ou à l’équipe soignante de la personne?',
    'careTeam.name': 'Nom du médecin ou de l’équipe',
    'careTeam.clinic': 'Clinique',
    'careTeam.email': 'Son adresse courriel',
    'careTeam.phone': 'Son numéro de téléphone',
    'consent.scopes': 'Consentement',
  },
  hints: {
    'patient.birthDate': 'Par exemple, 1980-03-27 (année, mois, jour).',
    'patient.email': 'Nous l’utilisons seulement pour vous donner des nouvelles de cette demande. Donnez un courriel, un numéro de téléphone, ou les deux.',
    'requester.email': 'Donnez un courriel, un numéro de téléphone, ou les deux.',
    'diagnosis.description': 'Par exemple : « cancer du sein de stade II » ou « hernie discale au bas du dos ».',
    'diagnosis.diagnosedOn': 'Par exemple, 2026-09-15. Une date approximative suffit.',
    proposedTreatment: 'Par exemple : une chirurgie, un nouveau médicament ou « attendre et surveiller ».',
    reasons: 'Cochez toutes les réponses qui s’appliquent. Demander un deuxième avis est votre droit, et les médecins s’y attendent.',
    consultationMode: 'La plupart des deuxièmes avis se font par l’examen de vos dossiers, avec un rapport écrit.',
    previousCaseId: 'Il figure dans le message que nous vous avons envoyé au sujet de votre demande précédente.',
    'coverage.preAuthorizationNumber': 'Seulement si votre assureur vous en a donné un.',
    'careTeam.share': 'Le partage aide votre médecin et le ou la spécialiste à s’entendre sur un plan. Vous pourrez aussi le partager plus tard.',
  },
  patientHeading: 'La personne qui demande l’avis',
  requesterHeading: 'À votre sujet',
  physicianHeading: 'Le médecin qui a posé le diagnostic',
  relationship: {
    self: 'C’est moi qui demande l’avis',
    caregiver: 'Un membre de la famille ou un proche aidant',
    advocate: 'Un défenseur des droits des patients',
    physician: 'Le médecin de la personne',
  },
  reasons: {
    diagnosis_uncertain: 'Je ne suis pas certain ou certaine que le diagnostic est juste',
    treatment_options: 'Je veux comprendre mes options de traitement',
    confirm_before_treatment: 'Je veux une confirmation avant un traitement important, comme une chirurgie',
    communication: 'Les explications n’étaient pas claires, ou je ne me suis pas senti écouté',
    recovery_concern: 'Mon rétablissement ne se passe pas comme prévu',
    reassurance: 'J’aimerais être rassuré ou rassurée',
    other: 'Une autre raison',
  },
  urgency: {
    routine: 'Dans le délai habituel',
    soon: 'Bientôt : une décision de traitement approche',
  },
  consultationMode: {
    records_review: 'Un avis écrit après l’examen de mes dossiers',
    video: 'Un appel vidéo avec le ou la spécialiste',
    in_person: 'Une consultation en personne',
  },
  referralPath: {
    family_doctor: 'Mon médecin de famille',
    specialist: 'Le ou la spécialiste qui me suit déjà',
    walk_in: 'Une clinique sans rendez-vous',
    insurer: 'Le programme de mon assureur',
    self: 'Personne : je fais la demande moi-même',
  },
  coverageKind: {
    public: 'Régime d’assurance maladie provincial ou territorial',
    private: 'Assurance privée',
    self_pay: 'Je paierai moi-même',
  },
  referralMatters: 'Les régimes provinciaux couvrent généralement un deuxième avis seulement sur recommandation d’un médecin. Si vous n’avez pas de médecin de famille, une clinique sans rendez-vous peut vous recommander. L’assurance privée et le paiement par vous-même n’en exigent pas.',
  healthCardExample: (example) => `Par exemple, ${example}.`,
  chooseOne: 'Choisissez une option',
  canada: 'Canada',
  unitedStates: 'États-Unis',
  questionLabel: (n) => `Question ${n}`,
  questionExamplesTitle: 'Quelques idées pour commencer',
  questionExamples: [
    'Êtes-vous d’accord avec le diagnostic?',
    'Quelles sont mes options de traitement, et quels sont les risques de chacune?',
    'Que se passe-t-il si j’attends avant de commencer le traitement?',
    'Y a-t-il des examens à faire avant de décider?',
  ],
  addQuestion: 'Ajouter une autre question',
  removeQuestion: (n) => `Retirer la question ${n}`,
  moveUp: (n) => `Monter la question ${n}`,
  moveDown: (n) => `Descendre la question ${n}`,
  questionMoved: (n) => `Déplacée à la question ${n}.`,
  questionRemoved: (n) => `Question ${n} retirée.`,
  checklistIntro: 'D’après vos réponses, ces dossiers aideront le ou la spécialiste :',
  checklistAfter: 'Vous pourrez les envoyer, même les images volumineuses, après l’envoi de cette demande.',
  checklistWhy: {
    always: 'Nécessaire pour chaque examen.',
    diagnosis_uncertain: 'Aide à vérifier le diagnostic.',
    tissue: 'Souvent nécessaire pour confirmer ce type de diagnostic.',
    imaging_specialty: 'Ce type de spécialiste consulte habituellement les images.',
    treatment: 'Pour que le ou la spécialiste puisse se prononcer sur le traitement proposé.',
    recovery: 'Montre les traitements reçus jusqu’ici.',
    referral: 'Votre recommandation peut être nécessaire pour la couverture.',
  },
  reviewIntro: 'Vérifiez vos réponses avant d’envoyer votre demande.',
  change: 'Modifier',
  changeSection: (section) => `Modifier : ${section}`,
  notGiven: 'Non fourni',
  yes: 'Oui',
  no: 'Non',
  careTeamHeading: 'Partage de l’avis',
  consentHeading: 'Votre consentement',
  consentVersion: (version) => `Version du consentement : ${version}`,
  consentAgree: 'J’ai lu ce texte et j’accepte',
  confirmationTitle: 'Votre demande a été envoyée',
  confirmationReference: 'Votre numéro de référence',
  confirmationExpectedBy: (date) => `Vous pouvez vous attendre à recevoir l’avis d’ici le ${date}.`,
  confirmationTurnaround: (days) => `Une fois votre demande acceptée par un ou une spécialiste, l’avis prend habituellement environ ${days} jours ouvrables.`,
  confirmationNext: 'La prochaine étape',
  confirmationNextBody: 'Envoyez vos dossiers pour que le ou la spécialiste puisse commencer. Nous vous dirons aussi par courriel ou par téléphone s’il manque quelque chose.',
  draftSaved: 'Vos réponses sont enregistrées sur cet appareil.',
};

/** The form's catalogues by locale. */
export const FORM_MESSAGES: Record<Locale, FormMessages> = { en, 'fr-CA': fr };
