// FhirBackend's reads: one case from its ServiceRequest and everything that points at it, a case
// named by its reference, and the pages of a case list.
import type { CallContext, ListCasesQuery, StaffListQuery } from '../core/backend.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { caseReference, summarize } from '../core/lifecycle/engine.js';
import type { Case } from '../core/model/case.js';
import {
  compareForStaffSort, isAfterStaffCursor, matchesStaffQuery, readStaffCursor, staffCursorAfter, type StaffFilterSubject,
} from '../core/model/staff-query.js';
import { REFERENCE_SYSTEM, readEvent, readStatus, toCase, type CaseResources } from './case-mapping.js';
import { SECOND_OPINION_CODE } from './case-writer.js';
import { SERVICE_CODES } from './codesystems.js';
import { readServiceRequest } from './request-mapping.js';
import { engineOf, type FhirSetup } from './setup.js';
import { refId, refType, type Reference, type Resource } from './types.js';

const SEARCH_MAX = '1000';
/**
 * How many of the newest cases a filtered or sorted staff list reads to filter and order them: a
 * FHIR search cannot, as the status and the due date live in the Task and the specialty in an
 * extension. The unfiltered list in the received order pages through every case.
 */
export const STAFF_SCAN_MAX = 1000;
const SCAN_PAGE = 100;

/** A case's resources as read, with its open CommunicationRequests and the idempotency keys it has seen. */
export interface Loaded extends CaseResources {
  commRequests: Resource[];
  keys: Set<string>;
}

/** Reads cases from the FHIR server. `scoped`: as the setup's patient (another patient's case is not found). */
export class FhirReads {
  constructor(private readonly setup: FhirSetup) {}

  /** The case's resources, read in one round of parallel requests after its ServiceRequest. */
  async load(caseId: string, ctx: CallContext, scoped: boolean): Promise<Loaded> {
    const { fhir, subjectPatientId } = this.setup;
    const sr = await fhir.read('ServiceRequest', caseId, ctx);
    const isOurs = (sr.code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding?.some((c) => c.system === SERVICE_CODES.url && c.code === 'second-opinion');
    // Another patient's case is indistinguishable from a missing one.
    if (!isOurs || (scoped && subjectPatientId && refId(sr.subject as Reference, 'Patient') !== subjectPatientId)) throw new NotFoundError();
    const about = `ServiceRequest/${sr.id}`;
    const q = (type: string, params: Record<string, string>) => fhir.search(type, { ...params, _count: SEARCH_MAX }, ctx);
    const get = (r: Reference | undefined, type?: string) => {
      const id = refId(r, type);
      const t = refType(r);
      return id && t ? fhir.read(t, id, ctx).catch((e: unknown) => (e instanceof NotFoundError ? undefined : Promise.reject(e))) : Promise.resolve(undefined);
    };
    const supporting = (sr.supportingInfo as Reference[] | undefined) ?? [];
    const requesterRef = refType(sr.requester as Reference) === 'Patient' ? undefined : (sr.requester as Reference | undefined);
    const [tasks, provenance, documents, reports, commRequests, patient, requester, condition, coverage, consent, careTeam] = await Promise.all([
      q('Task', { focus: about }),
      q('Provenance', { target: about }),
      q('DocumentReference', { related: about }),
      q('DiagnosticReport', { 'based-on': about }),
      q('CommunicationRequest', { 'based-on': about, status: 'active' }),
      get(sr.subject as Reference, 'Patient'),
      get(requesterRef),
      get((sr.reasonReference as Reference[] | undefined)?.[0], 'Condition'),
      get((sr.insurance as Reference[] | undefined)?.[0], 'Coverage'),
      get(supporting.find((r) => refType(r) === 'Consent'), 'Consent'),
      get(supporting.find((r) => refType(r) === 'CareTeam'), 'CareTeam'),
    ]);
    const keys = new Set(provenance.map((p) => readEvent(p)?.idempotencyKey).filter((k): k is string => !!k));
    return {
      sr, provenance, documents, commRequests, keys, patient, requester, condition, coverage, consent, careTeam,
      task: tasks.find((t) => (t.code as { coding?: { code?: string }[] } | undefined)?.coding?.some((c) => c.code === 'fulfill')),
      report: reports[0],
    };
  }

  /** The case, as the core's model. */
  async read(caseId: string, ctx: CallContext, scoped: boolean): Promise<Case> {
    return toCase(await this.load(caseId, ctx, scoped), engineOf(this.setup));
  }

  /** The caller's case named by its id or its reference (the ServiceRequest's kit identifier); not found otherwise. */
  async earlierCaseId(idOrReference: string, ctx: CallContext): Promise<string> {
    const { fhir, subjectPatientId } = this.setup;
    const reference = caseReference(idOrReference);
    let id = idOrReference;
    if (reference) {
      const found = await fhir.search('ServiceRequest', {
        identifier: `${REFERENCE_SYSTEM}|${reference}`, ...(subjectPatientId ? { subject: `Patient/${subjectPatientId}` } : {}), _count: '2',
      }, ctx);
      const sr = found.find((r) => r.resourceType === 'ServiceRequest');
      if (!sr) throw new NotFoundError();
      id = sr.id as string;
    }
    return (await this.load(id, ctx, true)).sr.id as string;
  }

  /** One page of second-opinion ServiceRequests, newest first, as case summaries; the cursor is an offset. */
  async page(query: ListCasesQuery, ctx: CallContext, filter: Record<string, string>, scoped: boolean): Promise<unknown> {
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    const offset = query.cursor ? Number.parseInt(atob(query.cursor), 10) || 0 : 0;
    const code = SECOND_OPINION_CODE.coding[0]!;
    const bundle = await this.setup.fhir.searchBundle('ServiceRequest', {
      code: `${code.system}|${code.code}`, ...filter, _sort: '-authored', _count: String(limit), _offset: String(offset),
    }, ctx);
    const ids = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Resource => r?.resourceType === 'ServiceRequest').map((r) => r.id as string);
    const items = await Promise.all(ids.map((id) => this.read(id, ctx, scoped).then(summarize)));
    const more = bundle.link?.some((l) => l.relation === 'next') ?? (bundle.total !== undefined && bundle.total > offset + limit);
    return { items, nextCursor: more ? btoa(String(offset + limit)) : null };
  }

  /**
   * One page of the staff list. Unfiltered and newest first, the FHIR server pages it; filtered or
   * in another sort, the newest `STAFF_SCAN_MAX` cases are read with their Tasks (one search per
   * hundred), filtered and ordered as every backend does, and paged by the shared keyset cursor.
   */
  async staffPage(query: StaffListQuery, ctx: CallContext): Promise<unknown> {
    const sort = query.sort ?? 'received';
    const filtered = sort !== 'received' || !!query.status?.length || !!query.specialty || !!query.urgency || !!query.dueBy || !!query.reference;
    if (!filtered) return this.page(query, ctx, { status: 'active,completed,revoked' }, false);
    const at = query.cursor ? readStaffCursor(query.cursor, sort) : undefined;
    if (query.cursor && !at) throw new ValidationError([{ path: 'cursor', code: 'invalid', message: 'Check this entry.' }]);
    const code = SECOND_OPINION_CODE.coding[0]!;
    const subjects: StaffFilterSubject[] = [];
    for (let offset = 0; offset < STAFF_SCAN_MAX; offset += SCAN_PAGE) {
      const bundle = await this.setup.fhir.searchBundle('ServiceRequest', {
        code: `${code.system}|${code.code}`, status: 'active,completed,revoked', _sort: '-authored', _revinclude: 'Task:focus',
        _count: String(SCAN_PAGE), _offset: String(offset),
      }, ctx);
      const resources = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Resource => !!r);
      const tasks = new Map<string, Resource>();
      for (const t of resources) {
        if (t.resourceType !== 'Task' || !(t.code as { coding?: { code?: string }[] } | undefined)?.coding?.some((c) => c.code === 'fulfill')) continue;
        const sr = refId(t.focus as Reference, 'ServiceRequest');
        if (sr) tasks.set(sr, t);
      }
      const srs = resources.filter((r) => r.resourceType === 'ServiceRequest');
      for (const sr of srs) subjects.push(listSubject(sr, tasks.get(sr.id as string)));
      if (srs.length < SCAN_PAGE || !bundle.link?.some((l) => l.relation === 'next')) break;
    }
    const all = subjects.filter((c) => c.status !== 'draft' && matchesStaffQuery(c, query) && (!at || isAfterStaffCursor(c, at)))
      .sort((a, b) => compareForStaffSort(a, b, sort));
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    const page = all.slice(0, limit);
    const items = await Promise.all(page.map((c) => this.read(c.id, ctx, false).then(summarize)));
    return { items, nextCursor: all.length > limit ? staffCursorAfter(page.at(-1)!, sort) : null };
  }
}

/** What the staff list filters and sorts by, from a ServiceRequest and its Task alone. */
function listSubject(sr: Resource, task: Resource | undefined): StaffFilterSubject {
  const request = readServiceRequest(sr);
  const expectedBy = (task?.restriction as { period?: { end?: string } } | undefined)?.period?.end;
  return {
    id: sr.id as string,
    createdAt: sr.authoredOn as string,
    reference: (sr.identifier as { system?: string; value?: string }[] | undefined)?.find((i) => i.system === REFERENCE_SYSTEM)?.value ?? (sr.id as string),
    status: readStatus({ sr, ...(task ? { task } : {}) }),
    ...(expectedBy ? { expectedBy } : {}),
    request: { specialty: request.specialty, urgency: request.urgency },
  };
}
