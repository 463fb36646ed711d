// FhirBackend's writes. Every move runs the core case engine on the case as read, then writes its
// result as one FHIR transaction guarded by If-Match; a concurrent change (412) re-reads and re-runs
// the move a few times before it is reported. Calls with one idempotency key share one answer.
import type { CallContext, CreateCaseInput, MessageInput, ShareInput, UpdateCaseInput } from '../core/backend.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import {
  applyAction, createCase, earlierCaseOf, linkEarlier, newReference, shareOpinion, updateDraft, type ActionInputs, type EngineContext, type EngineResult,
} from '../core/lifecycle/engine.js';
import type { Action } from '../core/lifecycle/transitions.js';
import type { Role } from '../core/model/codes.js';
import type { Case } from '../core/model/case.js';
import { readEvent, toCase } from './case-mapping.js';
import {
  CREATE_KEY_SYSTEM, Transaction, existingRefs, opinionReport, serviceRequest, task, writeEvents, writeRequestParts, type RequestRefs,
} from './case-writer.js';
import { writeCommunications, writeOpinionShare } from './communications.js';
import type { FhirReads, Loaded } from './reads.js';
import { patientResource } from './request-mapping.js';
import { engineOf, type FhirSetup } from './setup.js';
import { refId, type Bundle, type Reference } from './types.js';

// A concurrent change makes If-Match fail; the move is re-read and re-applied a few times, then reported.
const MAX_ATTEMPTS = 3;

/** What a move adds to its transaction beside the case's own resources. */
export interface MoveExtras {
  /** New DocumentReferences the ServiceRequest lists. */
  records?: Reference[];
  /** The request changed: its parts (Patient, Condition, Coverage...) are written again. */
  requestChanged?: boolean;
  /** The transaction references of new records, by the record id the engine saw. */
  recordRefs?: Map<string, Reference>;
}

/** Adds a move's own resources to its transaction. */
export type WriteExtras = (tx: Transaction, next: Case, loaded: Loaded, refs: RequestRefs, sr: Reference) => MoveExtras;

/** What a move wrote: the case read back, and (unless it was a replay) the transaction and its answer. */
export interface Mutation {
  case: Case;
  response?: Bundle;
  tx?: Transaction;
}

/** Writes cases to the FHIR server. */
export class FhirWrites {
  // Concurrent or repeated calls with one idempotency key share one answer (a double click, a retry).
  private readonly inFlight = new Map<string, { body: string; answer: Promise<unknown> }>();

  constructor(private readonly setup: FhirSetup, private readonly reads: FhirReads) {}

  /** Runs `run` once per idempotency key and scope; the same key with another body is a conflict. */
  once(ctx: CallContext, scope: string, body: unknown, run: () => Promise<unknown>): Promise<unknown> {
    if (!ctx.idempotencyKey) return run();
    const slot = `${scope}|${ctx.idempotencyKey}`;
    const text = JSON.stringify(body ?? null);
    const prior = this.inFlight.get(slot);
    if (prior) return prior.body === text ? prior.answer : Promise.reject(new ConflictError('idempotency_mismatch', { status: 422 }));
    const answer = run();
    this.inFlight.set(slot, { body: text, answer });
    if (this.inFlight.size > 500) this.inFlight.delete(this.inFlight.keys().next().value as string);
    answer.catch(() => this.inFlight.delete(slot));
    return answer;
  }

  /** A new draft case (linked to the earlier case it names); with an idempotency key, made exactly once. */
  async create(input: CreateCaseInput, ctx: CallContext): Promise<Case> {
    const { fhir, profile, subjectPatientId } = this.setup;
    const key = ctx.idempotencyKey;
    const result = createCase(input, { ...engineOf(this.setup), reference: newReference() });
    if (!result.ok) throw result.error;
    const earlier = earlierCaseOf(input);
    const c = earlier ? linkEarlier(result.case, await this.reads.earlierCaseId(earlier, ctx)) : result.case;
    if (key) return this.createOnce(c, key, ctx);
    const subject = subjectPatientId ? await fhir.read('Patient', subjectPatientId, ctx) : undefined;
    const tx = new Transaction();
    const refs = writeRequestParts(tx, c.request, {}, subject, !subjectPatientId);
    const srUrl = `urn:uuid:${crypto.randomUUID()}`;
    const previous = c.previousCaseId ? { reference: `ServiceRequest/${c.previousCaseId}` } : undefined;
    tx.create(serviceRequest(c, refs, [], previous ? { previous } : {}), srUrl);
    const t = task(c, profile, { reference: srUrl }, refs, {});
    if (t) tx.create(t);
    writeEvents(tx, c, 0, { reference: srUrl }, refs.subject, key);
    const response = await fhir.transaction(tx.entries, ctx);
    const id = locationId(response, tx.entries.findIndex((e) => e.fullUrl === srUrl));
    return this.reads.read(id, ctx, true);
  }

  /**
   * A create that holds across backend instances, reloads and lost answers, in two transactions:
   * 1. claim: a conditional create (`ifNoneExist` on the key's identifier) of a bare ServiceRequest
   *    (and, when the kit owns the subject, of its Patient): the server makes exactly one per key;
   * 2. complete: the case's resources, and the ServiceRequest put in full, guarded by If-Match on
   *    the claim's version, so a second completer (a retry, another tab) gets 412 and reads the case.
   * The claim has no second-opinion code, so until it is complete no search or read shows it.
   */
  private async createOnce(c: Case, key: string, ctx: CallContext): Promise<Case> {
    const { fhir, profile, subjectPatientId } = this.setup;
    const keyed = { system: CREATE_KEY_SYSTEM, value: key };
    const ifNoneExist = `identifier=${encodeURIComponent(`${CREATE_KEY_SYSTEM}|${key}`)}`;
    const claim = new Transaction();
    const subjectRef = subjectPatientId
      ? { reference: `Patient/${subjectPatientId}` }
      : claim.create({ ...patientResource(undefined, {}), identifier: [keyed] }, undefined, ifNoneExist);
    const srUrl = `urn:uuid:${crypto.randomUUID()}`;
    claim.create({ resourceType: 'ServiceRequest', identifier: [keyed], status: 'draft', intent: 'proposal', subject: subjectRef }, srUrl, ifNoneExist);
    const claimed = await fhir.transaction(claim.entries, ctx);
    const id = locationId(claimed, claim.entries.findIndex((e) => e.fullUrl === srUrl));
    for (let attempt = 1; ; attempt++) {
      const sr = await fhir.read('ServiceRequest', id, ctx);
      if (sr.code) return this.reads.read(id, ctx, true);
      const subject = await fhir.read('Patient', refId(sr.subject as Reference, 'Patient') ?? '', ctx);
      const tx = new Transaction();
      const refs = writeRequestParts(tx, c.request, {}, subject, !subjectPatientId);
      const srRef = { reference: `ServiceRequest/${id}` };
      const previous = c.previousCaseId ? { reference: `ServiceRequest/${c.previousCaseId}` } : undefined;
      tx.update(serviceRequest(c, refs, [], { id, createKey: key, ...(previous ? { previous } : {}) }), sr);
      const t = task(c, profile, srRef, refs, {});
      if (t) tx.create(t);
      writeEvents(tx, c, 0, srRef, refs.subject, key);
      try {
        await fhir.transaction(tx.entries, ctx);
        return await this.reads.read(id, ctx, true);
      } catch (e) {
        // 412: another completer (or this one, whose answer was lost and whose retry was refused) won.
        if (e instanceof ConflictError && e.reason === 'stale_version' && attempt < MAX_ATTEMPTS) continue;
        throw e;
      }
    }
  }

  /**
   * Loads a case, runs a move on it, and writes the result in one transaction guarded by If-Match.
   * A concurrent change (412) re-reads and re-runs the move; the same idempotency key replays.
   */
  async mutate(
    caseId: string,
    ctx: CallContext,
    scoped: boolean,
    move: (c: Case, loaded: Loaded, engine: EngineContext) => EngineResult,
    extra?: WriteExtras,
  ): Promise<Mutation> {
    const { fhir, profile, subjectPatientId } = this.setup;
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.reads.load(caseId, ctx, scoped);
      const engine = engineOf(this.setup);
      const current = toCase(loaded, engine);
      if (ctx.idempotencyKey && loaded.keys.has(ctx.idempotencyKey)) return { case: current };
      const result = move(current, loaded, engine);
      if (!result.ok) throw result.error;
      const next = result.case;
      const tx = new Transaction();
      const srRef: Reference = { reference: `ServiceRequest/${loaded.sr.id}` };
      const added = extra?.(tx, next, loaded, existingRefs(loaded), srRef) ?? {};
      const refs = added.requestChanged
        ? writeRequestParts(tx, next.request, loaded, loaded.patient, !subjectPatientId)
        : existingRefs(loaded);
      const records = [...loaded.documents.map((d) => ({ reference: `DocumentReference/${d.id}` })), ...(added.records ?? [])];
      const previous = (loaded.sr.basedOn as Reference[] | undefined)?.[0];
      const createKey = (loaded.sr.identifier as { system?: string; value?: string }[] | undefined)?.find((i) => i.system === CREATE_KEY_SYSTEM)?.value;
      tx.update(serviceRequest(next, refs, records, { id: loaded.sr.id as string, ...(previous ? { previous } : {}), ...(createKey ? { createKey } : {}) }), loaded.sr);
      const report = next.opinion && next.opinion.issuedAt !== current.opinion?.issuedAt
        ? opinionReport(next, srRef, refs.subject, loaded.report)
        : undefined;
      const reportRef = report ? (loaded.report ? tx.update(report, loaded.report) : tx.create(report)) : loaded.report ? { reference: `DiagnosticReport/${loaded.report.id}` } : undefined;
      const t = task(next, profile, srRef, refs, { ...(loaded.task?.id ? { id: loaded.task.id } : {}), ...(reportRef ? { report: reportRef } : {}) });
      if (t && loaded.task) tx.update(t, loaded.task);
      else if (t) tx.create(t);
      const stored = Math.max(0, ...loaded.provenance.map((p) => readEvent(p)?.id ?? 0));
      writeEvents(tx, next, stored, srRef, refs.subject, ctx.idempotencyKey, added.recordRefs);
      try {
        const response = await fhir.transaction(tx.entries, ctx);
        return { case: await this.reads.read(caseId, ctx, scoped), response, tx };
      } catch (e) {
        if (e instanceof ConflictError && e.reason === 'stale_version' && attempt < MAX_ATTEMPTS) continue;
        throw e;
      }
    }
  }

  /** A lifecycle move (submit, withdraw, a staff move, a reply...), with the Communications it writes. */
  async act<A extends Action>(caseId: string, ctx: CallContext, scoped: boolean, action: A, role: Role | ((c: Case) => Role), input: ActionInputs[A]): Promise<Case> {
    const out = await this.mutate(caseId, ctx, scoped, (c, _l, engine) => applyAction(c, action, typeof role === 'function' ? role(c) : role, input, engine), (tx, next, loaded, refs, sr) => {
      writeCommunications(tx, action, next, loaded, refs, sr, input);
      return { requestChanged: action === 'submit' };
    });
    return out.case;
  }

  /** A draft's request changed, at the version the caller edited. */
  async update(caseId: string, input: UpdateCaseInput, ctx: CallContext): Promise<Case> {
    const out = await this.mutate(caseId, ctx, true, (c, _l, engine) => {
      if (c.version !== input.version) return { ok: false, error: new ConflictError('stale_version', { status: 412 }) };
      return updateDraft(c, input.request, engine);
    }, () => ({ requestChanged: true }));
    return out.case;
  }

  /** The patient's message: a follow-up question, or a reply to an information request. */
  message(caseId: string, input: MessageInput, ctx: CallContext): Promise<Case> {
    return input.kind === 'follow_up'
      ? this.act(caseId, ctx, true, 'follow_up', 'patient', { text: input.text })
      : this.act(caseId, ctx, true, 'reply', 'patient', { text: input.text, ...(input.recordIds ? { recordIds: input.recordIds } : {}) });
  }

  /** The opinion shared with the care team. */
  async share(caseId: string, input: ShareInput, ctx: CallContext): Promise<Case> {
    const out = await this.mutate(caseId, ctx, true, (c, _l, engine) => shareOpinion(c, engine, input.note), (tx, next, loaded, refs, sr) => {
      writeOpinionShare(tx, next, loaded, refs, sr, input.note);
      return {};
    });
    return out.case;
  }
}

/** The id the server gave the entry at `index` of a transaction. */
export function locationId(response: Bundle, index: number): string {
  const location = response.entry?.[index]?.response?.location ?? '';
  const id = refId({ reference: location });
  if (!id) throw new NotFoundError();
  return id;
}
