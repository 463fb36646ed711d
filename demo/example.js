// A made-up request for the "fill with an example" button: every step complete except consent,
// which the person ticks themselves on the last step.

/** A complete example request (a fictional Quebec patient), without consent. */
export function exampleRequest() {
  return {
    patient: {
      givenName: 'Camille', familyName: 'Exemple', birthDate: '1971-06-03', jurisdiction: 'CA-QC',
      email: 'camille@example.ca', phone: '514 555 0142', preferredLanguage: 'fr-CA', healthCardNumber: 'EXEC 7106 0399',
    },
    requester: { relationship: 'self' },
    reasons: ['treatment_options', 'confirm_before_treatment'],
    specialty: 'oncology',
    diagnosis: { description: 'Breast cancer, stage II', diagnosedOn: '2026-01-15' },
    proposedTreatment: 'Mastectomy, then chemotherapy',
    treatingPhysician: { name: 'Dr. Gagnon', specialty: 'Surgery', clinic: 'Example Hospital' },
    questions: ['Is surgery the best first step?', 'What are the risks of waiting a month?'],
    urgency: 'routine',
    consultationMode: 'records_review',
    referral: { path: 'family_doctor' },
    coverage: { kind: 'public', plan: 'CA-QC' },
    careTeam: { share: true, name: 'Dr. Roy', email: 'clinic@example.ca' },
  };
}
