// FHIR resources -> the core Case: the timeline from Provenance, records from DocumentReference,
// questions from ServiceRequest.note, the opinion from DiagnosticReport, the status from Task.
import { derive, type EngineContext } from '../core/lifecycle/engine.js';
import type { Outcome, RecordKind, RecordStatus, Status } from '../core/model/codes.js';
import { OUTCOMES, RECORD_KINDS, RECORD_STATUSES, ROLES, STATUSES } from '../core/model/codes.js';
import type { Case, CaseEvent, CaseRecord, Opinion, Question, Specialist } from '../core/model/case.js';
import type { RequestDraft } from '../core/model/request.js';
import { CASE_STATUS_CODES, EVENT_CODES, KIT_FHIR_BASE, OUTCOME_CODES, RECORD_KIND_CODES, ROLE_CODES, extUrl, kitCode, kitCoding } from './codesystems.js';
import { TASK_STATUS_CROSSWALK, statusFromTask } from './profile.js';
import {
  EXT, readCareTeam, readCondition, readConsent, readCoverage, readPatient, readRequester, readServiceRequest,
} from './request-mapping.js';
import { ext, exts, refId, refType, type Annotation, type Attachment, type CodeableConcept, type Extension, type Reference, type Resource } from './types.js';

/** Extension URLs of the case mapping. */
export const CASE_EXT = {
  event: extUrl('case-event'),
  sha256: extUrl('sha256'),
  recordStatus: extUrl('record-status'),
  rejectionReason: extUrl('rejection-reason'),
  verifiedAt: extUrl('verified-at'),
  diagnosis: extUrl('opinion-diagnosis'),
  recommendation: extUrl('opinion-recommendation'),
  answer: extUrl('opinion-answer'),
  report: extUrl('opinion-report'),
  credentials: extUrl('credentials'),
  requestedRecordKind: extUrl('requested-record-kind'),
} as const;

/** Every resource a case is made of, as read from the server. */
export interface CaseResources {
  sr: Resource;
  task?: Resource;
  patient?: Resource;
  requester?: Resource;
  condition?: Resource;
  coverage?: Resource;
  consent?: Resource;
  careTeam?: Resource;
  provenance: Resource[];
  documents: Resource[];
  report?: Resource;
}

const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined => values.find((x) => x === v);
const sub = (e: Extension | undefined, url: string) => e?.extension?.filter((x) => x.url === url) ?? [];

/** A timeline entry as a Provenance extension (the Provenance carries time, actor and activity). */
export function eventExtension(e: CaseEvent, idempotencyKey?: string): Extension {
  const parts: Extension[] = [
    { url: 'sequence', valueInteger: e.id },
    { url: 'kind', valueCode: e.kind },
    { url: 'status', valueCode: e.status },
  ];
  if (e.previousStatus) parts.push({ url: 'previousStatus', valueCode: e.previousStatus });
  if (e.action) parts.push({ url: 'action', valueCode: e.action });
  if (e.message) parts.push({ url: 'message', valueString: e.message });
  for (const k of e.recordKinds ?? []) parts.push({ url: 'recordKind', valueCode: k });
  for (const id of e.recordIds ?? []) parts.push({ url: 'record', valueReference: { reference: `DocumentReference/${id}` } });
  if (idempotencyKey) parts.push({ url: 'idempotencyKey', valueString: idempotencyKey });
  return { url: CASE_EXT.event, extension: parts };
}

/** The Provenance that records one timeline entry. */
export function provenanceFor(e: CaseEvent, target: Reference[], patient: Reference, record?: Reference, idempotencyKey?: string): Resource {
  return {
    resourceType: 'Provenance',
    extension: [eventExtension(e, idempotencyKey)],
    target,
    recorded: e.at,
    activity: { coding: [kitCoding(EVENT_CODES, e.action ?? e.kind)] },
    agent: [{ type: { coding: [kitCoding(ROLE_CODES, e.actor)] }, who: e.actor === 'patient' ? patient : { display: ROLE_CODES.concept.find((c) => c.code === e.actor)?.display ?? e.actor } }],
    ...(record ? { entity: [{ role: 'source', what: record }] } : {}),
  };
}

/** The timeline entry a Provenance records, or undefined when it is not one of the kit's. */
export function readEvent(p: Resource): (CaseEvent & { idempotencyKey?: string }) | undefined {
  const e = ext(p, CASE_EXT.event);
  const seq = sub(e, 'sequence')[0]?.valueInteger;
  const status = oneOf(STATUSES, sub(e, 'status')[0]?.valueCode);
  const kind = sub(e, 'kind')[0]?.valueCode as CaseEvent['kind'] | undefined;
  const actor = oneOf(ROLES, kitCode(ROLE_CODES, (p.agent as { type?: CodeableConcept }[] | undefined)?.[0]?.type));
  if (seq === undefined || !status || !kind || !actor) return undefined;
  const previousStatus = oneOf(STATUSES, sub(e, 'previousStatus')[0]?.valueCode);
  const recordKinds = sub(e, 'recordKind').map((x) => oneOf(RECORD_KINDS, x.valueCode)).filter((k): k is RecordKind => !!k);
  const record = refId((p.entity as { what?: Reference }[] | undefined)?.[0]?.what, 'DocumentReference');
  const out: CaseEvent & { idempotencyKey?: string } = { id: seq, kind, at: p.recorded as string, actor, status };
  if (previousStatus) out.previousStatus = previousStatus;
  const action = sub(e, 'action')[0]?.valueCode;
  if (action) out.action = action;
  const message = sub(e, 'message')[0]?.valueString;
  if (message) out.message = message;
  if (recordKinds.length || kind === 'record_added' || kind === 'record_updated' || action === 'request_info') out.recordKinds = recordKinds;
  if (record) out.recordId = record;
  const recordIds = sub(e, 'record').map((x) => refId(x.valueReference, 'DocumentReference')).filter((id): id is string => !!id);
  if (recordIds.length) out.recordIds = recordIds;
  const key = sub(e, 'idempotencyKey')[0]?.valueString;
  if (key) out.idempotencyKey = key;
  return out;
}

/** A record from its DocumentReference. */
export function readRecord(d: Resource): CaseRecord {
  const a = ((d.content as { attachment?: Attachment }[] | undefined)?.[0]?.attachment) ?? {};
  const r: CaseRecord = {
    id: d.id as string,
    kind: oneOf(RECORD_KINDS, kitCode(RECORD_KIND_CODES, d.type as CodeableConcept)) ?? 'other',
    title: a.title ?? (d.description as string | undefined) ?? '',
    mediaType: a.contentType ?? 'application/octet-stream',
    size: a.size ?? 0,
    status: oneOf(RECORD_STATUSES, ext(d, CASE_EXT.recordStatus)?.valueCode) ?? (d.docStatus === 'final' ? 'verified' : 'received') as RecordStatus,
    source: refType((d.author as Reference[] | undefined)?.[0]) === 'Patient' ? 'patient' : 'staff',
    createdAt: d.date as string,
  };
  const sha = ext(a, CASE_EXT.sha256)?.valueString;
  if (sha) r.sha256 = sha;
  const why = ext(d, CASE_EXT.rejectionReason)?.valueString;
  if (why) r.rejectionReason = why;
  const verifiedAt = ext(d, CASE_EXT.verifiedAt)?.valueDateTime;
  if (verifiedAt) r.verifiedAt = verifiedAt;
  return r;
}

/** The specialist from a contained (or displayed) PractitionerRole reference. */
export function readSpecialist(holder: Resource, ref: Reference | undefined): Specialist | undefined {
  if (!ref) return undefined;
  const role = ref.reference?.startsWith('#') ? holder.contained?.find((r) => `#${r.id}` === ref.reference) : undefined;
  const name = (role?.practitioner as Reference | undefined)?.display ?? ref.display;
  const specialty = (role?.specialty as CodeableConcept[] | undefined)?.[0]?.text;
  if (!name || !specialty) return undefined;
  const credentials = ext(role, CASE_EXT.credentials)?.valueString;
  return { name, specialty, ...(credentials ? { credentials } : {}) };
}

/** The specialist as a contained PractitionerRole (`#<id>`), for Task.owner and DiagnosticReport.performer. */
export function specialistRole(s: Specialist, id = 'specialist'): Resource {
  return {
    resourceType: 'PractitionerRole',
    id,
    ...(s.credentials ? { extension: [{ url: CASE_EXT.credentials, valueString: s.credentials }] } : {}),
    practitioner: { display: s.name },
    specialty: [{ text: s.specialty }],
  };
}

function readOpinion(report: Resource, timeline: CaseEvent[], fallback: Specialist | undefined): Opinion | undefined {
  const outcome = oneOf(OUTCOMES, kitCode(OUTCOME_CODES, (report.conclusionCode as CodeableConcept[] | undefined)?.[0])) as Outcome | undefined;
  const specialist = readSpecialist(report, (report.performer as Reference[] | undefined)?.[0]) ?? fallback;
  if (!outcome || !specialist) return undefined;
  const o: Opinion = {
    outcome,
    summary: (report.conclusion as string | undefined) ?? '',
    recommendations: exts(report, CASE_EXT.recommendation).map((e) => e.valueString ?? ''),
    answers: exts(report, CASE_EXT.answer).map((e) => ({ questionId: sub(e, 'question')[0]?.valueString ?? '', text: sub(e, 'text')[0]?.valueString ?? '' })),
    specialist,
    issuedAt: report.issued as string,
  };
  const diagnosis = ext(report, CASE_EXT.diagnosis)?.valueString;
  if (diagnosis) o.diagnosis = diagnosis;
  const reportId = refId(ext(report, CASE_EXT.report)?.valueReference, 'DocumentReference');
  if (reportId) o.reportRecordId = reportId;
  const shared = timeline.filter((e) => e.kind === 'shared').at(-1);
  if (shared) o.sharedWithCareTeamAt = shared.at;
  return o;
}

/** The answers' times, per question, from the DiagnosticReport. */
function answerTimes(report: Resource | undefined): Map<string, { text: string; at: string }> {
  const out = new Map<string, { text: string; at: string }>();
  for (const e of exts(report, CASE_EXT.answer)) {
    const q = sub(e, 'question')[0]?.valueString;
    if (q) out.set(q, { text: sub(e, 'text')[0]?.valueString ?? '', at: sub(e, 'answered')[0]?.valueDateTime ?? (report?.issued as string) });
  }
  return out;
}

/** The case status: Task.businessStatus, else the crosswalk from Task.status, else the ServiceRequest's. */
export function readStatus(r: Pick<CaseResources, 'sr' | 'task'>): Status {
  if (r.task) {
    const business = oneOf(STATUSES, kitCode(CASE_STATUS_CODES, r.task.businessStatus as CodeableConcept));
    // Task.status is the filler's word: a businessStatus it contradicts was left behind by another client.
    if (business && TASK_STATUS_CROSSWALK[business].some((s) => s === r.task?.status)) return business;
    return statusFromTask(r.task.status as string) ?? business ?? 'submitted';
  }
  return r.sr.status === 'revoked' ? 'withdrawn' : 'draft';
}

/** The timeline as stored, in order, plus an entry for a status change made outside the kit. */
export function readTimeline(r: CaseResources, status: Status): CaseEvent[] {
  const events = r.provenance.map(readEvent).filter((e): e is NonNullable<typeof e> => !!e).sort((a, b) => a.id - b.id)
    .map(({ idempotencyKey: _k, ...e }) => e);
  const last = events.at(-1);
  if (last && last.status !== status) {
    // Another FHIR client moved the Task (a vendor's staff tool): show it, acted by the backend.
    events.push({ id: last.id + 1, kind: 'status_changed', at: (r.task?.meta?.lastUpdated ?? last.at), actor: 'system', status, previousStatus: last.status });
  }
  return events;
}

/** Builds the core Case from its FHIR resources; the engine derives the clock and actions. */
export function toCase(r: CaseResources, ctx: EngineContext): Case {
  const status = readStatus(r);
  const timeline = readTimeline(r, status);
  const snapshot = r.sr.contained?.find((x) => x.resourceType === 'Patient' && x.id === REQUEST_PATIENT_ID);
  const request: RequestDraft = {
    ...readServiceRequest(r.sr),
    ...(snapshot ? { patient: readPatient(snapshot) } : {}),
    ...(r.condition ? readCondition(r.condition) : {}),
  };
  const requester = readRequester(refType(r.sr.requester as Reference), r.requester);
  if (requester) request.requester = requester;
  if (r.coverage) request.coverage = readCoverage(r.coverage);
  if (r.consent) request.consent = readConsent(r.consent);
  if (r.careTeam) request.careTeam = readCareTeam(r.careTeam);
  const previousCaseId = refId((r.sr.basedOn as Reference[] | undefined)?.[0], 'ServiceRequest');
  if (previousCaseId) request.previousCaseId = previousCaseId;

  const answers = answerTimes(r.report);
  const questions: Question[] = status === 'draft' ? [] : ((r.sr.note as Annotation[] | undefined) ?? []).filter((n) => n.id).map((n) => {
    const a = answers.get(n.id as string);
    return { id: n.id as string, text: n.text, askedAt: n.time as string, followUp: !!ext(n, EXT.followUp)?.valueBoolean, ...(a ? { answer: { text: a.text, answeredAt: a.at } } : {}) };
  });
  const order = new Map(timeline.filter((e) => e.recordId).map((e) => [e.recordId as string, e.id]));
  const records = r.documents.map(readRecord).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const specialist = r.task ? readSpecialist(r.task, r.task.owner as Reference | undefined) : undefined;
  const opinion = r.report ? readOpinion(r.report, timeline, specialist) : undefined;
  const first = timeline[0]?.at ?? (r.sr.authoredOn as string);
  const submitted = timeline.find((e) => e.action === 'submit');
  const declineReason = status === 'declined' ? (r.task?.statusReason as CodeableConcept | undefined)?.text : undefined;

  const c = {
    id: r.sr.id as string,
    reference: (r.sr.identifier as { system?: string; value?: string }[] | undefined)?.find((i) => i.system === REFERENCE_SYSTEM)?.value ?? (r.sr.id as string),
    version: timeline.length,
    status,
    createdAt: first,
    updatedAt: timeline.at(-1)?.at ?? first,
    ...(submitted ? { submittedAt: submitted.at } : {}),
    request,
    records,
    questions,
    timeline,
    actionsRequired: [],
    clock: { state: 'not_started', businessDays: ctx.config.turnaroundBusinessDays, businessDaysUsed: 0 },
    followUpsRemaining: ctx.config.followUpLimit,
    ...(previousCaseId ? { previousCaseId } : {}),
    ...(opinion ? { opinion } : {}),
    ...(specialist ? { specialist } : {}),
    ...(declineReason ? { declineReason } : {}),
  } as Case;
  return derive(c, ctx);
}

/** The id of the contained Patient that holds the request's patient details. */
export const REQUEST_PATIENT_ID = 'request-patient';

/** The identifier system of the human-readable case reference (`SO-XXXX-XXXX`). */
export const REFERENCE_SYSTEM = `${KIT_FHIR_BASE}/sid/case-reference`;
