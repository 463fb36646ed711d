// A made-up request for the "fill with an example" button: every step complete except consent,
// which the person ticks themselves on the last step.

// The free text in the page's language (the French page fills French, issue 16); the rest is codes.
const TEXT = {
  en: {
    diagnosis: 'Breast cancer, stage II', treatment: 'Mastectomy, then chemotherapy', physicianSpecialty: 'Surgery', clinic: 'Example Hospital',
    questions: ['Is surgery the best first step?', 'What are the risks of waiting a month?'],
  },
  fr: {
    diagnosis: 'Cancer du sein, stade II', treatment: 'Mastectomie, puis chimiothérapie', physicianSpecialty: 'Chirurgie', clinic: 'Hôpital Exemple',
    questions: ['La chirurgie est-elle la meilleure première étape?', 'Quels sont les risques d’attendre un mois?'],
  },
};

/** The example's questions in both languages, for the opinion example's canned answers. */
export const EXAMPLE_QUESTIONS = { en: TEXT.en.questions, fr: TEXT.fr.questions };

/** A complete example request (a fictional Quebec patient), without consent, its text in `lang`. */
export function exampleRequest(lang) {
  const t = /^fr\b/i.test(lang ?? '') ? TEXT.fr : TEXT.en;
  return {
    patient: {
      givenName: 'Camille', familyName: 'Exemple', birthDate: '1971-06-03', jurisdiction: 'CA-QC',
      email: 'camille@example.ca', phone: '514 555 0142', preferredLanguage: 'fr-CA', healthCardNumber: 'EXEC 7106 0399',
    },
    requester: { relationship: 'self' },
    reasons: ['treatment_options', 'confirm_before_treatment'],
    specialty: 'oncology',
    diagnosis: { description: t.diagnosis, diagnosedOn: '2026-01-15' },
    proposedTreatment: t.treatment,
    treatingPhysician: { name: 'Dr. Gagnon', specialty: t.physicianSpecialty, clinic: t.clinic },
    questions: [...t.questions],
    urgency: 'routine',
    consultationMode: 'records_review',
    referral: { path: 'family_doctor' },
    coverage: { kind: 'public', plan: 'CA-QC' },
    careTeam: { share: true, name: 'Dr. Roy', email: 'clinic@example.ca' },
  };
}
