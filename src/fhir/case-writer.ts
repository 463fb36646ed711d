// The case -> FHIR writes: what a transaction must contain after a move (ServiceRequest, Task,
// Provenance per timeline entry, and the request's parts when the request changed).
import type { Case } from '../core/model/case.js';
import type { RequestDraft } from '../core/model/request.js';
import { CASE_STATUS_CODES, OUTCOME_CODES, SERVICE_CODES, kitCoding } from './codesystems.js';
import { CASE_EXT, REFERENCE_SYSTEM, REQUEST_PATIENT_ID, provenanceFor, specialistRole, type CaseResources } from './case-mapping.js';
import { requestStatusFor, taskStatusFor, type FhirProfile } from './profile.js';
import {
  EXT, careTeamResource, conditionResource, consentResource, coverageResource, patientResource, requesterResource, serviceRequestFields,
} from './request-mapping.js';
import { KIT_FHIR_BASE } from './codesystems.js';
import type { Annotation, BundleEntry, Reference, Resource } from './types.js';

/** The identifier system of the idempotency key a case was created with. */
export const CREATE_KEY_SYSTEM = `${KIT_FHIR_BASE}/sid/create-key`;
/** ServiceRequest.category: SNOMED CT 11429006 |Consultation (procedure)|. */
export const CONSULTATION_CATEGORY = { coding: [{ system: 'http://snomed.info/sct', code: '11429006', display: 'Consultation' }] };
/** ServiceRequest.code: the kit's own second-opinion concept. */
export const SECOND_OPINION_CODE = { coding: [kitCoding(SERVICE_CODES, 'second-opinion')] };

const weak = (r: Resource) => `W/"${r.meta?.versionId ?? ''}"`;
const urn = () => `urn:uuid:${crypto.randomUUID()}`;
const ref = (r: Resource): Reference => ({ reference: `${r.resourceType}/${r.id}` });

/** References the ServiceRequest holds to the request's parts. */
export interface RequestRefs {
  subject: Reference;
  requester?: Reference;
  condition?: Reference;
  coverage?: Reference;
  consent?: Reference;
  careTeam?: Reference;
}

/** Collects transaction entries; new resources get `urn:uuid` full URLs the server rewrites. */
export class Transaction {
  readonly entries: BundleEntry[] = [];

  /** Creates a resource (only if none matches `ifNoneExist`, when given); returns the reference other entries use. */
  create(resource: Resource, fullUrl = urn(), ifNoneExist?: string): Reference {
    this.entries.push({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType, ...(ifNoneExist ? { ifNoneExist } : {}) } });
    return { reference: fullUrl };
  }

  /** Updates a resource, guarded by the version it was read at. */
  update(resource: Resource, base: Resource | undefined, guard = true): Reference {
    const url = `${resource.resourceType}/${resource.id}`;
    const { meta: _meta, ...body } = resource;
    this.entries.push({ fullUrl: url, resource: body as Resource, request: { method: 'PUT', url, ...(guard && base ? { ifMatch: weak(base) } : {}) } });
    return { reference: url };
  }

  /** Deletes a resource. */
  remove(resource: Resource): void {
    this.entries.push({ request: { method: 'DELETE', url: `${resource.resourceType}/${resource.id}` } });
  }

  /** Puts a part of the request in place: update it, replace it (other type), create it, or delete it. */
  slot(existing: Resource | undefined, desired: Resource | undefined): Reference | undefined {
    if (desired && existing?.id && existing.resourceType === desired.resourceType) return this.update({ ...desired, id: existing.id }, existing);
    if (existing?.id) this.remove(existing);
    return desired ? this.create(desired) : undefined;
  }
}

/**
 * Writes the request's parts (requester, Condition, Coverage, Consent, CareTeam) and, when the kit
 * owns the subject Patient (no `subjectPatientId`), that Patient's details too.
 */
export function writeRequestParts(tx: Transaction, request: RequestDraft, existing: Partial<CaseResources>, subject: Resource | undefined, ownsSubject: boolean): RequestRefs {
  const subjectRef = !subject?.id
    ? tx.create(patientResource(undefined, request.patient ?? {}))
    : ownsSubject ? tx.update({ ...patientResource(subject, request.patient ?? {}), id: subject.id }, subject) : { reference: `Patient/${subject.id}` };
  return {
    subject: subjectRef,
    requester: request.requester?.relationship === 'self' ? subjectRef : tx.slot(existing.requester, requesterResource(request.requester, subjectRef)),
    condition: tx.slot(existing.condition, conditionResource(request, subjectRef)),
    coverage: tx.slot(existing.coverage, coverageResource(request.coverage, subjectRef)),
    consent: tx.slot(existing.consent, consentResource(request.consent, subjectRef)),
    careTeam: tx.slot(existing.careTeam, careTeamResource(request.careTeam, subjectRef)),
  };
}

/** The references an existing ServiceRequest already holds. */
export function existingRefs(r: CaseResources): RequestRefs {
  const refOf = (x: Resource | undefined) => (x ? ref(x) : undefined);
  return {
    subject: r.sr.subject as Reference,
    requester: r.sr.requester as Reference | undefined,
    condition: refOf(r.condition),
    coverage: refOf(r.coverage),
    consent: refOf(r.consent),
    careTeam: refOf(r.careTeam),
  };
}

/** The ServiceRequest for a case. */
export function serviceRequest(c: Case, refs: RequestRefs, records: Reference[], extra: { id?: string; createKey?: string; previous?: Reference }): Resource {
  const notes: Annotation[] = c.status === 'draft'
    ? (c.request.questions ?? []).map((text) => ({ text }))
    : c.questions.map((q) => ({
        id: q.id,
        time: q.askedAt,
        authorReference: refs.subject,
        text: q.text,
        ...(q.followUp ? { extension: [{ url: EXT.followUp, valueBoolean: true }] } : {}),
      }));
  // The patient's details as the request gives them: a snapshot, whatever the Patient record says later.
  const snapshot = c.request.patient ? { ...patientResource(undefined, c.request.patient), id: REQUEST_PATIENT_ID } : undefined;
  const supportingInfo = [snapshot ? { reference: `#${REQUEST_PATIENT_ID}` } : undefined, refs.consent, refs.careTeam, ...records].filter((x): x is Reference => !!x);
  return {
    resourceType: 'ServiceRequest',
    ...(extra.id ? { id: extra.id } : {}),
    ...(snapshot ? { contained: [snapshot] } : {}),
    identifier: [{ system: REFERENCE_SYSTEM, value: c.reference }, ...(extra.createKey ? [{ system: CREATE_KEY_SYSTEM, value: extra.createKey }] : [])],
    ...(extra.previous ? { basedOn: [extra.previous] } : {}),
    status: requestStatusFor(c.status),
    intent: 'proposal',
    category: [CONSULTATION_CATEGORY],
    code: SECOND_OPINION_CODE,
    subject: refs.subject,
    authoredOn: c.createdAt,
    ...(refs.requester ? { requester: refs.requester } : {}),
    ...(refs.condition ? { reasonReference: [refs.condition] } : {}),
    ...(refs.coverage ? { insurance: [refs.coverage] } : {}),
    ...(supportingInfo.length ? { supportingInfo } : {}),
    ...serviceRequestFields(c.request, notes),
  };
}

/** The Task for a case, or undefined when this server has no Task status for it (a draft). */
export function task(c: Case, profile: FhirProfile, sr: Reference, refs: RequestRefs, extra: { id?: string; report?: Reference }): Resource | undefined {
  const status = taskStatusFor(c.status, profile);
  if (!status) return undefined;
  const accepted = c.timeline.find((e) => e.status === 'accepted');
  const last = c.timeline.at(-1);
  const reason = c.status === 'declined' ? c.declineReason : c.status === 'withdrawn' ? last?.message : undefined;
  return {
    resourceType: 'Task',
    ...(extra.id ? { id: extra.id } : {}),
    ...(c.specialist ? { contained: [specialistRole(c.specialist)] } : {}),
    status,
    ...(reason ? { statusReason: { text: reason } } : {}),
    businessStatus: { coding: [kitCoding(CASE_STATUS_CODES, c.status)] },
    intent: 'order',
    priority: c.request.urgency === 'soon' ? 'urgent' : 'routine',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: sr,
    for: refs.subject,
    authoredOn: c.submittedAt ?? c.createdAt,
    lastModified: c.updatedAt,
    ...(refs.requester ? { requester: refs.requester } : {}),
    ...(c.specialist ? { owner: { reference: '#specialist' } } : {}),
    ...(accepted && c.expectedBy ? { restriction: { period: { start: accepted.at, end: c.expectedBy } } } : {}),
    ...(extra.report ? { output: [{ type: { coding: [kitCoding(SERVICE_CODES, 'opinion')] }, valueReference: extra.report }] } : {}),
  };
}

/** The opinion as a DiagnosticReport (coded outcome in conclusionCode). */
export function opinionReport(c: Case, sr: Reference, subject: Reference, existing: Resource | undefined): Resource | undefined {
  const o = c.opinion;
  if (!o) return undefined;
  const answered = new Map(c.questions.filter((q) => q.answer).map((q) => [q.id, q.answer!.answeredAt]));
  return {
    resourceType: 'DiagnosticReport',
    ...(existing?.id ? { id: existing.id } : {}),
    contained: [specialistRole(o.specialist)],
    extension: [
      ...(o.diagnosis ? [{ url: CASE_EXT.diagnosis, valueString: o.diagnosis }] : []),
      ...o.recommendations.map((r) => ({ url: CASE_EXT.recommendation, valueString: r })),
      ...o.answers.map((a) => ({
        url: CASE_EXT.answer,
        extension: [
          { url: 'question', valueString: a.questionId },
          { url: 'text', valueString: a.text },
          ...(answered.get(a.questionId) ? [{ url: 'answered', valueDateTime: answered.get(a.questionId) }] : []),
        ],
      })),
      ...(o.reportRecordId ? [{ url: CASE_EXT.report, valueReference: { reference: `DocumentReference/${o.reportRecordId}` } }] : []),
    ],
    basedOn: [sr],
    status: existing ? 'amended' : 'final',
    code: { coding: [kitCoding(SERVICE_CODES, 'second-opinion-report')] },
    subject,
    issued: o.issuedAt,
    performer: [{ reference: '#specialist' }],
    conclusion: o.summary,
    conclusionCode: [{ coding: [kitCoding(OUTCOME_CODES, o.outcome)] }],
  };
}

/** Provenance for every timeline entry not yet stored. */
export function writeEvents(tx: Transaction, c: Case, stored: number, sr: Reference, subject: Reference, idempotencyKey?: string, records: Map<string, Reference> = new Map()): void {
  for (const e of c.timeline.filter((x) => x.id > stored)) {
    const record = e.recordId ? (records.get(e.recordId) ?? { reference: `DocumentReference/${e.recordId}` }) : undefined;
    tx.create(provenanceFor(e, [sr], subject, record, idempotencyKey));
  }
}
