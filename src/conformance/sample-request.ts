// A complete, fictitious request that any backend's config accepts: what the suite creates cases with.
import type { BackendConfig, RequestInput } from '../core/index.js';

/** A valid request made only of fictitious data, fitted to the server's offer. */
export function sampleRequest(config: BackendConfig): RequestInput {
  const jurisdiction = config.jurisdictions.includes('CA-ON') ? 'CA-ON' : (config.jurisdictions[0] ?? 'CA-ON');
  return {
    patient: {
      givenName: 'Conformance', familyName: 'Check', birthDate: '1980-01-01', jurisdiction,
      email: 'conformance@example.org', preferredLanguage: 'en',
    },
    requester: { relationship: 'self' },
    reasons: ['reassurance'],
    specialty: config.specialties[0]?.code ?? 'oncology',
    diagnosis: { description: 'A fictitious diagnosis for a protocol check' },
    treatingPhysician: { name: 'Dr. Example' },
    questions: ['Is this a fictitious question?'],
    urgency: 'routine',
    consultationMode: 'records_review',
    referral: { path: 'self' },
    coverage: { kind: 'self_pay' },
    careTeam: { share: false },
    consent: { version: config.consent.version, acceptedAt: '2026-01-01T00:00:00Z', scopes: ['collect_and_review', 'share_with_specialist'] },
  };
}
