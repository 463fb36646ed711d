// The kit's own FHIR CodeSystems: the words of the case model (statuses, outcomes, reasons, record
// kinds...) as codes a FHIR server can store and search. Built from the core code lists, so there is
// one source of truth; published as JSON in docs/fhir/codesystems.json.
import type { OUTCOMES} from '../core/model/codes.js';
import {
  CONSENT_SCOPES, CONSULTATION_MODES, COVERAGE_KINDS, REASONS, RECORD_KINDS, RECORD_STATUSES, REFERRAL_PATHS,
  RELATIONSHIPS, ROLES, STATUSES,
} from '../core/model/codes.js';
import { ACTIONS } from '../core/lifecycle/transitions.js';
import { EVENT_KINDS } from '../core/model/case.js';
import { statusText } from '../core/i18n/statuses.js';

/** The kit's canonical base: every CodeSystem, extension and identifier system URL starts with it. */
export const KIT_FHIR_BASE = 'https://second-opinion-kit.org/fhir';

/** The URL of one of the kit's CodeSystems. */
export const csUrl = (name: string): string => `${KIT_FHIR_BASE}/CodeSystem/${name}`;
/** The URL of one of the kit's extensions. */
export const extUrl = (name: string): string => `${KIT_FHIR_BASE}/StructureDefinition/${name}`;

/** One concept of a CodeSystem. */
export interface Concept {
  code: string;
  display: string;
}

/** A FHIR R4 CodeSystem resource, as the kit publishes it. */
export interface KitCodeSystem {
  resourceType: 'CodeSystem';
  id: string;
  url: string;
  version: string;
  name: string;
  title: string;
  status: 'active';
  experimental: false;
  publisher: string;
  description: string;
  caseSensitive: true;
  content: 'complete' | 'example';
  concept: Concept[];
}

const humanize = (code: string): string => {
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

function codeSystem(id: string, title: string, description: string, concepts: readonly (string | Concept)[], content: 'complete' | 'example' = 'complete'): KitCodeSystem {
  return {
    resourceType: 'CodeSystem',
    id: `so-${id}`,
    url: csUrl(id),
    version: '1.0.0',
    name: title.split(/[^A-Za-z]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
    title,
    status: 'active',
    experimental: false,
    publisher: 'second-opinion-kit',
    description,
    caseSensitive: true,
    content,
    concept: concepts.map((c) => (typeof c === 'string' ? { code: c, display: humanize(c) } : c)),
  };
}

/** The service code: what a ServiceRequest asks for and what a Task fulfils. */
export const SERVICE_CODES = codeSystem('service', 'Second opinion service', 'What a request asks for: a second opinion, and the kinds of resources the kit writes for it. No verified SNOMED CT concept exists for "second opinion", so the kit ships its own.', [
  { code: 'second-opinion', display: 'Medical second opinion' },
  { code: 'second-opinion-report', display: 'Second opinion report' },
  { code: 'opinion', display: 'The second opinion (Task output)' },
  { code: 'information-request', display: 'Request for more information' },
  { code: 'information-reply', display: 'Reply to an information request' },
  { code: 'opinion-share', display: 'Opinion shared with the care team' },
  { code: 'follow-up', display: 'Follow-up question' },
]);

/** The patient-facing case status: carried in Task.businessStatus. */
export const CASE_STATUS_CODES = codeSystem('case-status', 'Second opinion case status', 'The patient-facing status of a case (Task.businessStatus). Task.status carries the nearest FHIR task status.', STATUSES.map((s) => ({ code: s, display: statusText(s, 'en').label })));

/** The coded outcome of a second opinion: the gap no standard fills (mission anchors, finding 6). */
export const OUTCOME_CODES = codeSystem('outcome', 'Second opinion outcome', 'What the second opinion concluded about the first one. "Confirmed" is a good outcome, not a non-event.', [
  { code: 'confirmed', display: 'First opinion confirmed' },
  { code: 'refined', display: 'Diagnosis refined' },
  { code: 'different_diagnosis', display: 'Different diagnosis' },
  { code: 'treatment_change', display: 'Treatment plan should change' },
  { code: 'insufficient_information', display: 'Not enough information to give an opinion' },
] satisfies { code: (typeof OUTCOMES)[number]; display: string }[]);

/** Why the patient asks for a second opinion: ServiceRequest.reasonCode. */
export const REASON_CODES = codeSystem('reason', 'Reason for a second opinion', 'Why a second opinion is asked for (ServiceRequest.reasonCode).', REASONS);
/** Kinds of records: DocumentReference.type. */
export const RECORD_KIND_CODES = codeSystem('record-kind', 'Record kind', 'The kind of a medical record sent with a case (DocumentReference.type).', RECORD_KINDS);
/** Where a record stands: the record-status extension. */
export const RECORD_STATUS_CODES = codeSystem('record-status', 'Record status', 'Where a record stands after upload.', RECORD_STATUSES);
/** How the patient wants the opinion: ServiceRequest.orderDetail. */
export const CONSULTATION_MODE_CODES = codeSystem('consultation-mode', 'Consultation mode', 'How the opinion is given (ServiceRequest.orderDetail).', CONSULTATION_MODES);
/** How the request came: ServiceRequest.orderDetail. */
export const REFERRAL_PATH_CODES = codeSystem('referral-path', 'Referral path', 'How the request reached the service (ServiceRequest.orderDetail).', REFERRAL_PATHS);
/** Who pays: Coverage.type. */
export const COVERAGE_KIND_CODES = codeSystem('coverage-kind', 'Coverage kind', 'Who pays for the opinion (Coverage.type).', COVERAGE_KINDS);
/** What the patient consented to: Consent.provision.action. */
export const CONSENT_SCOPE_CODES = codeSystem('consent-scope', 'Consent scope', 'What the patient agreed to (Consent.provision.action).', CONSENT_SCOPES);
/** Who fills in the request: RelatedPerson.relationship. */
export const RELATIONSHIP_CODES = codeSystem('relationship', 'Requester relationship', 'Who fills in the request, relative to the patient.', RELATIONSHIPS);
/** Who acted on a case: Provenance.agent.type. */
export const ROLE_CODES = codeSystem('role', 'Case role', 'Who acts on a case (Provenance.agent.type).', ROLES);
/** What happened on a case: Provenance.activity (lifecycle actions and other timeline entries). */
export const EVENT_CODES = codeSystem('event', 'Case event', 'One entry of a case timeline (Provenance.activity): a lifecycle action or another event.', [...new Set([...ACTIONS, ...EVENT_KINDS, 'create'])]);
/** The specialties a backend reviews: ServiceRequest.performerType. Defined by each deployment's config. */
export const SPECIALTY_CODES = codeSystem('specialty', 'Specialty', 'The specialty asked for (ServiceRequest.performerType). Codes come from the deployment configuration; these are the defaults.', [
  'oncology', 'cardiology', 'neurology', 'orthopedics', 'gastroenterology', 'rheumatology', 'endocrinology', 'pathology',
], 'example');

/** Every CodeSystem the kit ships. */
export const KIT_CODE_SYSTEMS: readonly KitCodeSystem[] = [
  SERVICE_CODES, CASE_STATUS_CODES, OUTCOME_CODES, REASON_CODES, RECORD_KIND_CODES, RECORD_STATUS_CODES, CONSULTATION_MODE_CODES,
  REFERRAL_PATH_CODES, COVERAGE_KIND_CODES, CONSENT_SCOPE_CODES, RELATIONSHIP_CODES, ROLE_CODES, EVENT_CODES, SPECIALTY_CODES,
];

/** A Coding in one of the kit's CodeSystems, with its display. */
export function kitCoding(cs: KitCodeSystem, code: string): { system: string; code: string; display?: string } {
  const display = cs.concept.find((c) => c.code === code)?.display;
  return { system: cs.url, code, ...(display ? { display } : {}) };
}

/** The code of the first coding in `cs` among `codings`, if any. */
export function kitCode(cs: KitCodeSystem, concept: { coding?: { system?: string; code?: string }[] } | undefined): string | undefined {
  return concept?.coding?.find((c) => c.system === cs.url)?.code;
}
