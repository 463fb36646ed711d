// The request form without pixels: its steps, which field belongs where, hidden pre-filled fields,
// the checklist and the final request. The checks through the core schema are request-form.validation
// (zod), which the element loads on demand; this file imports the core's types only.
import { CONSENT_SCOPES, RECORD_KINDS, type RecordKind } from '../../core/model/codes.js';
import type { FieldIssue } from '../../core/model/parse.js';
import type { RequestInput } from '../../core/model/request.js';

/** The six steps, in order. */
export const STEPS = ['who', 'diagnosis', 'questions', 'coverage', 'records', 'review'] as const;
/** One step of the form. */
export type StepId = (typeof STEPS)[number];

/**
 * The fields each step asks, as dotted request paths. The health-card number lives on `patient`
 * but is asked with coverage; the consent box stands for every `consent.*` path.
 */
export const STEP_FIELDS: Record<StepId, readonly string[]> = {
  who: [
    'requester.relationship', 'requester.givenName', 'requester.familyName', 'requester.organization', 'requester.email', 'requester.phone',
    'patient.givenName', 'patient.familyName', 'patient.birthDate', 'patient.jurisdiction', 'patient.email', 'patient.phone',
    'patient.preferredLanguage',
  ],
  diagnosis: [
    'diagnosis.description', 'diagnosis.diagnosedOn', 'treatingPhysician.name', 'treatingPhysician.specialty', 'treatingPhysician.clinic',
    'proposedTreatment', 'specialty', 'reasons', 'reasonDetails', 'urgency', 'consultationMode', 'previousCaseId',
  ],
  questions: ['questions'],
  coverage: [
    'referral.path', 'referral.referrerName', 'coverage.kind', 'coverage.plan', 'patient.healthCardNumber', 'coverage.insurer',
    'coverage.memberNumber', 'coverage.policyNumber', 'coverage.preAuthorizationNumber',
  ],
  records: [],
  review: ['careTeam.share', 'careTeam.name', 'careTeam.clinic', 'careTeam.email', 'careTeam.phone', 'consent.scopes'],
};

/** What a person has typed so far: the request's shape, loosely typed, never thrown away. */
export interface FormValues {
  patient: Record<string, string | undefined>;
  requester: Record<string, string | undefined>;
  reasons: string[];
  reasonDetails?: string;
  specialty?: string;
  diagnosis: Record<string, string | undefined>;
  proposedTreatment?: string;
  treatingPhysician: Record<string, string | undefined>;
  questions: string[];
  urgency?: string;
  consultationMode?: string;
  referral: Record<string, string | undefined>;
  coverage: Record<string, string | undefined>;
  careTeam: { share?: boolean } & Record<string, string | boolean | undefined>;
  /** Ticked consent: when, and which text version. */
  consent: { acceptedAt?: string; version?: string };
  previousCaseId?: string;
}

/** An empty form with one question slot. */
export function emptyValues(): FormValues {
  return {
    patient: {}, requester: {}, reasons: [], diagnosis: {}, treatingPhysician: {}, questions: [''],
    referral: {}, coverage: {}, careTeam: {}, consent: {},
  };
}

/** A value at a dotted path (`patient.birthDate`, `questions.2`). */
export function getValue(values: FormValues, path: string): unknown {
  let node: unknown = values;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of `values` with `value` at a dotted path; the original is untouched. */
export function setValue(values: FormValues, path: string, value: unknown): FormValues {
  const keys = path.split('.');
  const write = (node: unknown, i: number): unknown => {
    const key = keys[i]!;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(node) ? [...node] : { ...(node as Record<string, unknown> | undefined) };
    const slot = copy as Record<string, unknown>;
    slot[key] = i === keys.length - 1 ? value : write(slot[key], i + 1);
    return copy;
  };
  return write(values, 0) as FormValues;
}

// Host pre-fill: only known fields with the right types are taken, so a bad `.initial` cannot break the form.
function pickStrings(input: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (input && typeof input === 'object') {
    for (const [k, v] of Object.entries(input)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}
const strings = (input: unknown): string[] => (Array.isArray(input) ? input.filter((v): v is string => typeof v === 'string') : []);

/** Form values from a host's pre-fill (an `.initial` partial request, or a saved draft). */
export function valuesFrom(initial: unknown): FormValues {
  const base = emptyValues();
  if (!initial || typeof initial !== 'object') return base;
  const i = initial as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const questions = strings(i.questions);
  const careTeam = pickStrings(i.careTeam) as FormValues['careTeam'];
  const share = (i.careTeam as { share?: unknown } | undefined)?.share;
  delete careTeam.share;
  if (typeof share === 'boolean') careTeam.share = share;
  const consent = pickStrings(i.consent);
  return {
    ...base,
    patient: pickStrings(i.patient),
    requester: pickStrings(i.requester),
    reasons: strings(i.reasons),
    reasonDetails: str(i.reasonDetails),
    specialty: str(i.specialty),
    diagnosis: pickStrings(i.diagnosis),
    proposedTreatment: str(i.proposedTreatment),
    treatingPhysician: pickStrings(i.treatingPhysician),
    questions: questions.length ? questions : [''],
    urgency: str(i.urgency),
    consultationMode: str(i.consultationMode),
    referral: pickStrings(i.referral),
    coverage: pickStrings(i.coverage),
    careTeam,
    consent: { acceptedAt: consent.acceptedAt, version: consent.version },
    previousCaseId: str(i.previousCaseId),
  };
}

/** A request built from the values, and where each sent question came from. */
export interface BuiltRequest {
  request: RequestInput;
  /** `questionSlots[n]` is the form slot of the request's `questions.n` (blank slots are not sent). */
  questionSlots: number[];
}

// Blank answers count as unanswered, as the schema's optional fields expect.
function clean(record: Record<string, unknown>, keys?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (keys && !keys.includes(k)) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    if (v !== undefined) out[k] = v;
  }
  return out;
}

const COVERAGE_KEYS: Record<string, readonly string[]> = {
  public: ['kind', 'plan'],
  private: ['kind', 'insurer', 'memberNumber', 'policyNumber', 'preAuthorizationNumber'],
  self_pay: ['kind'],
};

/** The scopes a ticked consent grants: review always, the care team only when chosen. */
export function consentScopes(share: boolean | undefined): string[] {
  return CONSENT_SCOPES.filter((s) => s !== 'share_with_care_team' || share === true);
}

/**
 * The request as it would be sent. Only what the chosen options ask is included (a health-card
 * number only with public coverage, the requester's name only when someone else fills in).
 */
export function buildRequest(values: FormValues, consentVersion?: string): BuiltRequest {
  const questionSlots: number[] = [];
  const questions: string[] = [];
  values.questions.forEach((q, slot) => {
    if (q.trim() === '') return;
    questionSlots.push(slot);
    questions.push(q);
  });
  const kind = values.coverage.kind ?? '';
  const patient = clean(values.patient);
  if (kind !== 'public') delete patient.healthCardNumber;
  const self = values.requester.relationship === 'self';
  const requester = clean(values.requester, self ? ['relationship'] : undefined);
  const share = values.careTeam.share;
  const careTeam = clean(values.careTeam, share ? undefined : ['share']);
  const consent = clean({ version: values.consent.version ?? consentVersion, acceptedAt: values.consent.acceptedAt }) as Record<string, unknown>;
  consent.scopes = values.consent.acceptedAt ? consentScopes(share) : [];
  const request = clean({
    patient, requester, reasons: values.reasons, reasonDetails: values.reasonDetails, specialty: values.specialty,
    diagnosis: clean(values.diagnosis), proposedTreatment: values.proposedTreatment, treatingPhysician: clean(values.treatingPhysician),
    questions, urgency: values.urgency, consultationMode: values.consultationMode, referral: clean(values.referral),
    coverage: clean(values.coverage, COVERAGE_KEYS[kind]), careTeam, consent, previousCaseId: values.previousCaseId,
  });
  return { request: request as unknown as RequestInput, questionSlots };
}

/** The step that asks a form field; undefined for a path the form does not know. */
export function stepOfField(field: string): StepId | undefined {
  const base = field.startsWith('questions') ? 'questions' : field;
  return STEPS.find((s) => STEP_FIELDS[s].includes(base));
}

/** One problem, placed on a form field. */
export interface FormIssue extends FieldIssue {
  /** The form field the problem shows on (`questions.1` is the second question box). */
  field: string;
}

/** Whether a field is hidden by the host: an exact name or a group (`coverage` hides every `coverage.*`). */
export function isHidden(field: string, hidden: readonly string[]): boolean {
  return hidden.some((h) => field === h || field.startsWith(`${h}.`));
}

/** Parses the `hidden-fields` attribute: names separated by spaces or commas. */
export function parseHiddenFields(attr: string | null | undefined): string[] {
  return (attr ?? '').split(/[\s,]+/).filter(Boolean);
}

// Words that point to tissue samples, in both languages: pathology reports then matter.
const TISSUE = /cancer|tumou?r|tumeur|biops|lymphom|carcinom|sarcom|melanom|m[ée]lanom|malign|leuk|leuc|n[ée]oplas|polyp|l[ée]sion|lesion|mass\b|masse\b/i;
const IMAGING_SPECIALTIES = ['oncology', 'neurology', 'orthopedics', 'cardiology', 'gastroenterology', 'rheumatology'];

/** Why a record kind is on the checklist, as a code the UI words. */
export type ChecklistReason = 'always' | 'diagnosis_uncertain' | 'tissue' | 'imaging_specialty' | 'treatment' | 'recovery' | 'referral';

/** One line of the step-5 checklist. */
export interface ChecklistItem {
  kind: RecordKind;
  reason: ChecklistReason;
}

/** The record kinds this request calls for, in the model's order, each with why. */
export function recordsChecklist(values: FormValues): ChecklistItem[] {
  const reasons = new Set(values.reasons);
  const text = `${values.diagnosis.description ?? ''} ${values.proposedTreatment ?? ''}`;
  const why: Partial<Record<RecordKind, ChecklistReason>> = { diagnostic_report: 'always', lab_result: 'always' };
  if (reasons.has('diagnosis_uncertain')) why.imaging = 'diagnosis_uncertain';
  else if (IMAGING_SPECIALTIES.includes(values.specialty ?? '')) why.imaging = 'imaging_specialty';
  if (TISSUE.test(text) || values.specialty === 'oncology' || values.specialty === 'pathology') why.pathology = 'tissue';
  if (values.proposedTreatment?.trim() || reasons.has('treatment_options') || reasons.has('confirm_before_treatment')) why.treatment_plan = 'treatment';
  if (reasons.has('recovery_concern')) why.treatment_summary = 'recovery';
  const path = values.referral.path;
  if (path && path !== 'self') why.referral_letter = 'referral';
  return RECORD_KINDS.filter((k) => why[k]).map((kind) => ({ kind, reason: why[kind]! }));
}

/** Moves the question in `slot` by `delta` places; returns the new values and where it landed. */
export function moveQuestion(values: FormValues, slot: number, delta: number): { values: FormValues; slot: number } {
  const to = Math.max(0, Math.min(values.questions.length - 1, slot + delta));
  if (to === slot) return { values, slot };
  const questions = [...values.questions];
  const [q] = questions.splice(slot, 1);
  questions.splice(to, 0, q!);
  return { values: { ...values, questions }, slot: to };
}

/** Adds an empty question at the end (up to 20, the model's limit). */
export function addQuestion(values: FormValues): FormValues {
  if (values.questions.length >= 20) return values;
  return { ...values, questions: [...values.questions, ''] };
}

/** Removes a question; the last one left is emptied instead, so there is always a box to type in. */
export function removeQuestion(values: FormValues, slot: number): FormValues {
  const questions = values.questions.filter((_, i) => i !== slot);
  return { ...values, questions: questions.length ? questions : [''] };
}
