// FhirBackend: the Backend interface on any FHIR R4 server. Every move runs the core case engine
// (so the rules are exactly MemoryBackend's), then writes its result as one FHIR transaction
// guarded by If-Match, and reads the case back from the server.
import type {
  Backend, CallContext, CreateCaseInput, ListCasesQuery, MessageInput, RecordMeta, ShareInput, StaffBackend, UpdateCaseInput, WithdrawInput,
} from '../core/backend.js';
import type { RestRetryOptions } from '../core/backends/rest/retry-policy.js';
import { DEFAULT_CONFIG } from '../core/defaults.js';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.js';
import {
  applyAction, caseReference, createCase, earlierCaseOf, linkEarlier, newReference, putRecord, shareOpinion, summarize, updateDraft, type ActionInputs, type EngineContext, type EngineResult,
} from '../core/lifecycle/engine.js';
import type { Action } from '../core/lifecycle/transitions.js';
import type { Role } from '../core/model/codes.js';
import type { Case, CaseRecord } from '../core/model/case.js';
import type { BackendConfig } from '../core/model/config.js';
import { sha256Hex } from '../core/uploads/digest.js';
import { SNIFF_BYTES, sniffMediaType } from '../core/uploads/sniff.js';
import { CASE_EXT, REFERENCE_SYSTEM, readEvent, readRecord, toCase, type CaseResources } from './case-mapping.js';
import {
  CREATE_KEY_SYSTEM, SECOND_OPINION_CODE, Transaction, existingRefs, opinionReport, serviceRequest, task, writeEvents, writeRequestParts,
  type RequestRefs,
} from './case-writer.js';
import { RECORD_KIND_CODES, SERVICE_CODES, kitCoding } from './codesystems.js';
import { FHIR_ID, FhirHttp, fromBase64, toBase64 } from './fhir-http.js';
import { FULL_PROFILE, type FhirProfile } from './profile.js';
import { TimelineFeed, pollCase } from './poller.js';
import { patientResource } from './request-mapping.js';
import { watchBySocket, watchOffer } from './subscription.js';
import { refId, refType, type Attachment, type Bundle, type Reference, type Resource } from './types.js';

export interface FhirBackendOptions {
  /** The FHIR R4 base URL, e.g. `https://fhir.example.org/R4`. */
  baseUrl: string;
  /** A fetch to use instead of the global one (tests, proxies, SMART clients' fetch). */
  fetch?: typeof fetch;
  /** What the server supports. Default: every Task status, Subscriptions detected. */
  profile?: FhirProfile;
  /** The Patient this backend acts for: cases of other patients read as not found. Unset for staff or when the server's token scopes do it. */
  subjectPatientId?: string;
  /** Overrides of the default offer (specialties, limits...). */
  config?: Partial<BackendConfig>;
  /** How often `events.subscribe` polls Task by `_lastUpdated` (when the server has no Subscription websocket), in ms. Default 5000. */
  pollIntervalMs?: number;
  /** Retries of failed requests (as RestBackend). */
  retry?: RestRetryOptions;
  /** Per-request timeout in ms. Default 15000. */
  timeoutMs?: number;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
}

/** What a server's CapabilityStatement says about watching. */
export interface FhirCapabilities {
  /** The server lists the Subscription resource. */
  subscriptions: boolean;
  /** How `events.subscribe` follows a case on this server: a websocket Subscription, or polling. */
  watch: 'subscription' | 'poll';
}

/** Records travel base64 inside FHIR JSON, so the default limit is far lower than the REST protocol's. */
const DEFAULT_MAX_SIZE = 32 * 1024 ** 2;
const SEARCH_MAX = '1000';
// A concurrent change makes If-Match fail; the move is re-read and re-applied a few times, then reported.
const MAX_ATTEMPTS = 3;
// A Subscription left behind (a tab closed before its DELETE) ends on its own after a day.
const SUBSCRIPTION_LIFETIME_MS = 24 * 3600 * 1000;

interface Loaded extends CaseResources {
  commRequests: Resource[];
  keys: Set<string>;
}

/** The Backend interface over a FHIR R4 server (ServiceRequest + Task + DocumentReference/Binary + Consent + Communication). */
export class FhirBackend implements Backend {
  readonly kind = 'fhir';
  readonly config: BackendConfig;
  readonly profile: FhirProfile;
  readonly staff: StaffBackend;
  readonly uploads = { putRecord: this.putRecord.bind(this) };
  readonly events = { subscribe: this.subscribe.bind(this) };
  private readonly fhir: FhirHttp;
  private readonly subjectPatientId?: string;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  // The server's watch offer, read once (a failed read is tried again by the next watch).
  private offer?: Promise<{ subscriptions: boolean; socketUrl?: string }>;
  // Concurrent or repeated calls with one idempotency key share one answer (a double click, a retry).
  private readonly inFlight = new Map<string, { body: string; answer: Promise<unknown> }>();

  constructor(options: FhirBackendOptions) {
    this.fhir = new FhirHttp(options.baseUrl.replace(/\/+$/, ''), options.fetch, options.retry, options.timeoutMs);
    this.profile = options.profile ?? FULL_PROFILE;
    this.subjectPatientId = options.subjectPatientId;
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.config = {
      ...DEFAULT_CONFIG,
      ...options.config,
      uploads: { ...DEFAULT_CONFIG.uploads, maxSize: DEFAULT_MAX_SIZE, tusExtensions: [], ...options.config?.uploads },
    };
    this.staff = this.createStaff();
  }

  private once(ctx: CallContext, scope: string, body: unknown, run: () => Promise<unknown>): Promise<unknown> {
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

  private engine(): EngineContext {
    return { now: this.now(), newId: () => crypto.randomUUID(), config: this.config };
  }

  /** Reads the server's CapabilityStatement: does it offer Subscriptions, and how will watching work? */
  async capabilities(ctx: CallContext): Promise<FhirCapabilities> {
    const offer = await this.watchOffer(ctx);
    return { subscriptions: offer.subscriptions, watch: offer.socketUrl ? 'subscription' : 'poll' };
  }

  private watchOffer(ctx: CallContext): Promise<{ subscriptions: boolean; socketUrl?: string }> {
    if (this.profile.subscriptions === 'poll') return Promise.resolve({ subscriptions: false });
    // Shared by every watch of this backend, so one watch's stop does not cancel it for the others.
    this.offer ??= this.fhir.capabilities({ getAccessToken: ctx.getAccessToken }).then((cs) => watchOffer(cs, this.fhir.baseUrl));
    this.offer.catch(() => (this.offer = undefined));
    return this.offer;
  }

  async getConfig(): Promise<unknown> {
    return structuredClone(this.config);
  }

  // ---- reading ----------------------------------------------------------------------------

  private async load(caseId: string, ctx: CallContext, scoped: boolean): Promise<Loaded> {
    const sr = await this.fhir.read('ServiceRequest', caseId, ctx);
    const isOurs = (sr.code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding?.some((c) => c.system === SERVICE_CODES.url && c.code === 'second-opinion');
    // Another patient's case is indistinguishable from a missing one.
    if (!isOurs || (scoped && this.subjectPatientId && refId(sr.subject as Reference, 'Patient') !== this.subjectPatientId)) throw new NotFoundError();
    const about = `ServiceRequest/${sr.id}`;
    const q = (type: string, params: Record<string, string>) => this.fhir.search(type, { ...params, _count: SEARCH_MAX }, ctx);
    const get = (r: Reference | undefined, type?: string) => {
      const id = refId(r, type);
      const t = refType(r);
      return id && t ? this.fhir.read(t, id, ctx).catch((e: unknown) => (e instanceof NotFoundError ? undefined : Promise.reject(e))) : Promise.resolve(undefined);
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

  /** The caller's case named by its id or its reference (the ServiceRequest's kit identifier); not found otherwise. */
  private async earlierCaseId(idOrReference: string, ctx: CallContext): Promise<string> {
    const reference = caseReference(idOrReference);
    let id = idOrReference;
    if (reference) {
      const found = await this.fhir.search('ServiceRequest', {
        identifier: `${REFERENCE_SYSTEM}|${reference}`, ...(this.subjectPatientId ? { subject: `Patient/${this.subjectPatientId}` } : {}), _count: '2',
      }, ctx);
      const sr = found.find((r) => r.resourceType === 'ServiceRequest');
      if (!sr) throw new NotFoundError();
      id = sr.id as string;
    }
    return (await this.load(id, ctx, true)).sr.id as string;
  }

  private async read(caseId: string, ctx: CallContext, scoped: boolean): Promise<Case> {
    return toCase(await this.load(caseId, ctx, scoped), this.engine());
  }

  async getCase(caseId: string, ctx: CallContext): Promise<unknown> {
    return this.read(caseId, ctx, true);
  }

  async listCases(query: ListCasesQuery, ctx: CallContext): Promise<unknown> {
    return this.page(query, ctx, this.subjectPatientId ? { subject: `Patient/${this.subjectPatientId}` } : {}, true);
  }

  private async page(query: ListCasesQuery, ctx: CallContext, filter: Record<string, string>, scoped: boolean): Promise<unknown> {
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    const offset = query.cursor ? Number.parseInt(atob(query.cursor), 10) || 0 : 0;
    const code = SECOND_OPINION_CODE.coding[0]!;
    const bundle = await this.fhir.searchBundle('ServiceRequest', {
      code: `${code.system}|${code.code}`, ...filter, _sort: '-authored', _count: String(limit), _offset: String(offset),
    }, ctx);
    const ids = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Resource => r?.resourceType === 'ServiceRequest').map((r) => r.id as string);
    const items = await Promise.all(ids.map((id) => this.read(id, ctx, scoped).then(summarize)));
    const more = bundle.link?.some((l) => l.relation === 'next') ?? (bundle.total !== undefined && bundle.total > offset + limit);
    return { items, nextCursor: more ? btoa(String(offset + limit)) : null };
  }

  // ---- writing ----------------------------------------------------------------------------

  async createCase(input: CreateCaseInput, ctx: CallContext): Promise<unknown> {
    return this.once(ctx, 'create', input, () => this.create(input, ctx));
  }

  private async create(input: CreateCaseInput, ctx: CallContext): Promise<unknown> {
    const key = ctx.idempotencyKey;
    const result = createCase(input, { ...this.engine(), reference: newReference() });
    if (!result.ok) throw result.error;
    const earlier = earlierCaseOf(input);
    const c = earlier ? linkEarlier(result.case, await this.earlierCaseId(earlier, ctx)) : result.case;
    if (key) return this.createOnce(c, key, ctx);
    const subject = this.subjectPatientId ? await this.fhir.read('Patient', this.subjectPatientId, ctx) : undefined;
    const tx = new Transaction();
    const refs = writeRequestParts(tx, c.request, {}, subject, !this.subjectPatientId);
    const srUrl = `urn:uuid:${crypto.randomUUID()}`;
    const previous = c.previousCaseId ? { reference: `ServiceRequest/${c.previousCaseId}` } : undefined;
    tx.create(serviceRequest(c, refs, [], { ...(key ? { createKey: key } : {}), ...(previous ? { previous } : {}) }), srUrl);
    const t = task(c, this.profile, { reference: srUrl }, refs, {});
    if (t) tx.create(t);
    writeEvents(tx, c, 0, { reference: srUrl }, refs.subject, key);
    const response = await this.fhir.transaction(tx.entries, ctx);
    const id = locationId(response, tx.entries.findIndex((e) => e.fullUrl === srUrl));
    return this.read(id, ctx, true);
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
    const keyed = { system: CREATE_KEY_SYSTEM, value: key };
    const ifNoneExist = `identifier=${encodeURIComponent(`${CREATE_KEY_SYSTEM}|${key}`)}`;
    const claim = new Transaction();
    const subjectRef = this.subjectPatientId
      ? { reference: `Patient/${this.subjectPatientId}` }
      : claim.create({ ...patientResource(undefined, {}), identifier: [keyed] }, undefined, ifNoneExist);
    const srUrl = `urn:uuid:${crypto.randomUUID()}`;
    claim.create({ resourceType: 'ServiceRequest', identifier: [keyed], status: 'draft', intent: 'proposal', subject: subjectRef }, srUrl, ifNoneExist);
    const claimed = await this.fhir.transaction(claim.entries, ctx);
    const id = locationId(claimed, claim.entries.findIndex((e) => e.fullUrl === srUrl));
    for (let attempt = 1; ; attempt++) {
      const sr = await this.fhir.read('ServiceRequest', id, ctx);
      if (sr.code) return this.read(id, ctx, true);
      const subject = await this.fhir.read('Patient', refId(sr.subject as Reference, 'Patient') ?? '', ctx);
      const tx = new Transaction();
      const refs = writeRequestParts(tx, c.request, {}, subject, !this.subjectPatientId);
      const srRef = { reference: `ServiceRequest/${id}` };
      const previous = c.previousCaseId ? { reference: `ServiceRequest/${c.previousCaseId}` } : undefined;
      tx.update(serviceRequest(c, refs, [], { id, createKey: key, ...(previous ? { previous } : {}) }), sr);
      const t = task(c, this.profile, srRef, refs, {});
      if (t) tx.create(t);
      writeEvents(tx, c, 0, srRef, refs.subject, key);
      try {
        await this.fhir.transaction(tx.entries, ctx);
        return await this.read(id, ctx, true);
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
  private async mutate(
    caseId: string,
    ctx: CallContext,
    scoped: boolean,
    move: (c: Case, loaded: Loaded, engine: EngineContext) => EngineResult,
    extra?: (tx: Transaction, next: Case, loaded: Loaded, refs: RequestRefs, sr: Reference) => { records?: Reference[]; requestChanged?: boolean; recordRefs?: Map<string, Reference> },
  ): Promise<{ case: Case; response?: Bundle; tx?: Transaction }> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(caseId, ctx, scoped);
      const engine = this.engine();
      const current = toCase(loaded, engine);
      if (ctx.idempotencyKey && loaded.keys.has(ctx.idempotencyKey)) return { case: current };
      const result = move(current, loaded, engine);
      if (!result.ok) throw result.error;
      const next = result.case;
      const tx = new Transaction();
      const srRef: Reference = { reference: `ServiceRequest/${loaded.sr.id}` };
      const added = extra?.(tx, next, loaded, existingRefs(loaded), srRef) ?? {};
      const refs = added.requestChanged
        ? writeRequestParts(tx, next.request, loaded, loaded.patient, !this.subjectPatientId)
        : existingRefs(loaded);
      const records = [...loaded.documents.map((d) => ({ reference: `DocumentReference/${d.id}` })), ...(added.records ?? [])];
      const previous = (loaded.sr.basedOn as Reference[] | undefined)?.[0];
      const createKey = (loaded.sr.identifier as { system?: string; value?: string }[] | undefined)?.find((i) => i.system === CREATE_KEY_SYSTEM)?.value;
      tx.update(serviceRequest(next, refs, records, { id: loaded.sr.id as string, ...(previous ? { previous } : {}), ...(createKey ? { createKey } : {}) }), loaded.sr);
      const report = next.opinion && next.opinion.issuedAt !== current.opinion?.issuedAt
        ? opinionReport(next, srRef, refs.subject, loaded.report)
        : undefined;
      const reportRef = report ? (loaded.report ? tx.update(report, loaded.report) : tx.create(report)) : loaded.report ? { reference: `DiagnosticReport/${loaded.report.id}` } : undefined;
      const t = task(next, this.profile, srRef, refs, { ...(loaded.task?.id ? { id: loaded.task.id } : {}), ...(reportRef ? { report: reportRef } : {}) });
      if (t && loaded.task) tx.update(t, loaded.task);
      else if (t) tx.create(t);
      const stored = Math.max(0, ...loaded.provenance.map((p) => readEvent(p)?.id ?? 0));
      writeEvents(tx, next, stored, srRef, refs.subject, ctx.idempotencyKey, added.recordRefs);
      try {
        const response = await this.fhir.transaction(tx.entries, ctx);
        return { case: await this.read(caseId, ctx, scoped), response, tx };
      } catch (e) {
        if (e instanceof ConflictError && e.reason === 'stale_version' && attempt < MAX_ATTEMPTS) continue;
        throw e;
      }
    }
  }

  private async act<A extends Action>(caseId: string, ctx: CallContext, scoped: boolean, action: A, role: Role | ((c: Case) => Role), input: ActionInputs[A]): Promise<Case> {
    const out = await this.mutate(caseId, ctx, scoped, (c, _l, engine) => applyAction(c, action, typeof role === 'function' ? role(c) : role, input, engine), (tx, next, loaded, refs, sr) => {
      this.communications(tx, action, next, loaded, refs, sr, input);
      return { requestChanged: action === 'submit' };
    });
    return out.case;
  }

  /** CommunicationRequest for an information request; Communication for a reply; closing open requests. */
  private communications(tx: Transaction, action: Action, next: Case, loaded: Loaded, refs: RequestRefs, sr: Reference, input: unknown): void {
    const at = next.updatedAt;
    const event = next.timeline.at(-1);
    const openRequests = loaded.commRequests;
    if (action === 'request_info' && event) {
      const { message, recordKinds } = input as ActionInputs['request_info'];
      tx.create({
        resourceType: 'CommunicationRequest',
        extension: (recordKinds ?? []).map((k) => ({ url: CASE_EXT.requestedRecordKind, valueCode: k })),
        basedOn: [sr],
        status: 'active',
        category: [{ coding: [kitCoding(SERVICE_CODES, 'information-request')] }],
        subject: refs.subject,
        payload: [{ contentString: message.trim() }],
        authoredOn: at,
        recipient: [refs.subject],
        requester: { display: event.actor === 'specialist' ? 'Specialist' : 'Coordinator' },
      });
    }
    if (action === 'reply') {
      const { text, recordIds } = input as ActionInputs['reply'];
      tx.create({
        resourceType: 'Communication',
        basedOn: openRequests.length ? openRequests.map((r) => ({ reference: `CommunicationRequest/${r.id}` })) : [sr],
        partOf: [sr],
        status: 'completed',
        category: [{ coding: [kitCoding(SERVICE_CODES, 'information-reply')] }],
        subject: refs.subject,
        sent: at,
        sender: refs.subject,
        payload: [
          ...(text?.trim() ? [{ contentString: text.trim() }] : []),
          ...(recordIds ?? []).map((id) => ({ contentReference: { reference: `DocumentReference/${id}` } })),
        ],
      });
    }
    if (next.status !== 'info_requested') {
      for (const r of openRequests) tx.update({ ...r, status: action === 'reply' ? 'completed' : 'revoked' }, r);
    }
  }

  async updateCase(caseId: string, input: UpdateCaseInput, ctx: CallContext): Promise<unknown> {
    return this.once(ctx, `update:${caseId}`, input, () => this.update(caseId, input, ctx));
  }

  private async update(caseId: string, input: UpdateCaseInput, ctx: CallContext): Promise<unknown> {
    const out = await this.mutate(caseId, ctx, true, (c, _l, engine) => {
      if (c.version !== input.version) return { ok: false, error: new ConflictError('stale_version', { status: 412 }) };
      return updateDraft(c, input.request, engine);
    }, () => ({ requestChanged: true }));
    return out.case;
  }

  async submitCase(caseId: string, ctx: CallContext): Promise<unknown> {
    return this.once(ctx, `submit:${caseId}`, null, () => this.act(caseId, ctx, true, 'submit', 'patient', undefined));
  }

  async withdrawCase(caseId: string, input: WithdrawInput, ctx: CallContext): Promise<unknown> {
    return this.once(ctx, `withdraw:${caseId}`, input, () => this.act(caseId, ctx, true, 'withdraw', 'patient', input));
  }

  async postMessage(caseId: string, input: MessageInput, ctx: CallContext): Promise<unknown> {
    return this.once(ctx, `message:${caseId}`, input, () => this.message(caseId, input, ctx));
  }

  private message(caseId: string, input: MessageInput, ctx: CallContext): Promise<Case> {
    return input.kind === 'follow_up'
      ? this.act(caseId, ctx, true, 'follow_up', 'patient', { text: input.text })
      : this.act(caseId, ctx, true, 'reply', 'patient', { text: input.text, ...(input.recordIds ? { recordIds: input.recordIds } : {}) });
  }

  async shareOpinion(caseId: string, input: ShareInput, ctx: CallContext): Promise<unknown> {
    return this.once(ctx, `share:${caseId}`, input, () => this.share(caseId, input, ctx));
  }

  private async share(caseId: string, input: ShareInput, ctx: CallContext): Promise<unknown> {
    const out = await this.mutate(caseId, ctx, true, (c, _l, engine) => shareOpinion(c, engine, input.note), (tx, next, loaded, refs, sr) => {
      tx.create({
        resourceType: 'Communication',
        basedOn: [sr],
        status: 'completed',
        category: [{ coding: [kitCoding(SERVICE_CODES, 'opinion-share')] }],
        subject: refs.subject,
        sent: next.updatedAt,
        sender: refs.subject,
        ...(refs.careTeam ? { recipient: [refs.careTeam] } : {}),
        payload: [
          ...(loaded.report ? [{ contentReference: { reference: `DiagnosticReport/${loaded.report.id}` } }] : []),
          ...(input.note?.trim() ? [{ contentString: input.note.trim() }] : []),
        ],
      });
      return {};
    });
    return out.case;
  }

  // ---- records ----------------------------------------------------------------------------

  /** Stores a whole record as Binary + DocumentReference: sniffs its type, checks size and SHA-256. */
  async putRecord(caseId: string, content: Blob, meta: RecordMeta, ctx: CallContext): Promise<unknown> {
    return this.once(ctx, `record:${caseId}`, { ...meta, size: content.size }, () => this.storeRecord(caseId, content, meta, 'patient', ctx));
  }

  private async storeRecord(caseId: string, content: Blob, meta: RecordMeta, source: 'patient' | 'staff', ctx: CallContext): Promise<CaseRecord> {
    if (content.size > this.config.uploads.maxSize) {
      throw new ValidationError([{ path: 'content', code: 'too_long', message: 'This file is larger than the service accepts.', params: { maximum: this.config.uploads.maxSize } }]);
    }
    const bytes = new Uint8Array(await content.arrayBuffer());
    const mediaType = sniffMediaType(bytes.subarray(0, SNIFF_BYTES));
    if (!mediaType || !this.config.uploads.acceptedTypes.includes(mediaType)) {
      throw new ValidationError([{ path: 'content', code: 'invalid_format', message: 'This type of file is not accepted.' }]);
    }
    const digest = await sha256Hex(bytes);
    const sha1 = toBase64(new Uint8Array(await crypto.subtle.digest('SHA-1', bytes)));
    const matches = !meta.sha256 || meta.sha256.toLowerCase() === digest;
    const tmpId = crypto.randomUUID();
    const docUrl = `urn:uuid:${tmpId}`;
    let record: CaseRecord | undefined;
    const out = await this.mutate(caseId, ctx, source === 'patient', (c, _l, engine) => {
      const at = engine.now.toISOString();
      record = {
        id: tmpId, kind: meta.kind, title: meta.title, mediaType, size: content.size, sha256: digest, status: matches ? 'verified' : 'rejected', source, createdAt: at,
        ...(matches ? { verifiedAt: at } : { rejectionReason: 'hash_mismatch' }),
      };
      return putRecord(c, record, engine, source === 'staff' ? 'specialist' : 'patient');
    }, (tx, _next, _loaded, refs) => {
      const r = record!;
      const binary = matches ? tx.create({ resourceType: 'Binary', contentType: mediaType, data: toBase64(bytes) }) : undefined;
      const attachment: Attachment = {
        contentType: mediaType, size: r.size, hash: sha1, title: r.title, creation: r.createdAt,
        extension: [{ url: CASE_EXT.sha256, valueString: digest }],
        ...(binary ? { url: binary.reference } : {}),
      };
      tx.create({
        resourceType: 'DocumentReference',
        extension: [
          { url: CASE_EXT.recordStatus, valueCode: r.status },
          ...(r.verifiedAt ? [{ url: CASE_EXT.verifiedAt, valueDateTime: r.verifiedAt }] : []),
          ...(r.rejectionReason ? [{ url: CASE_EXT.rejectionReason, valueString: r.rejectionReason }] : []),
        ],
        status: 'current',
        docStatus: matches ? 'final' : 'preliminary',
        type: { coding: [kitCoding(RECORD_KIND_CODES, r.kind)] },
        subject: refs.subject,
        date: r.createdAt,
        author: [source === 'patient' ? refs.subject : { display: 'Specialist' }],
        description: r.title,
        content: [{ attachment }],
        context: { related: [{ reference: `ServiceRequest/${caseId}` }] },
      }, docUrl);
      return { records: [{ reference: docUrl }], recordRefs: new Map([[tmpId, { reference: docUrl }]]) };
    });
    if (!out.tx || !out.response) {
      // A replay: the record this key stored earlier.
      const event = [...out.case.timeline].reverse().find((e) => e.kind === 'record_added');
      const found = out.case.records.find((r) => r.id === event?.recordId);
      if (!found) throw new NotFoundError();
      return found;
    }
    const id = locationId(out.response, out.tx.entries.findIndex((e) => e.fullUrl === docUrl));
    const stored = out.case.records.find((r) => r.id === id);
    if (!stored) throw new NotFoundError();
    return stored;
  }

  async getRecordContent(caseId: string, recordId: string, ctx: CallContext): Promise<Blob> {
    const loaded = await this.load(caseId, ctx, true);
    const doc = loaded.documents.find((d) => d.id === recordId);
    const attachment = (doc?.content as { attachment?: Attachment }[] | undefined)?.[0]?.attachment;
    const binaryId = refId({ reference: attachment?.url ?? '' }, 'Binary');
    if (!doc || !binaryId) throw new NotFoundError();
    const binary = await this.fhir.read('Binary', binaryId, ctx);
    return new Blob([fromBase64((binary.data as string | undefined) ?? '')], { type: (binary.contentType as string | undefined) ?? readRecord(doc).mediaType });
  }

  // ---- events -----------------------------------------------------------------------------

  /**
   * Follows a case: through a websocket Subscription where the server offers one (and the profile
   * is `auto`), otherwise (or when the Subscription or its socket fails) by polling its Task (or,
   * for a draft without one, its ServiceRequest) by `_lastUpdated`.
   */
  subscribe(caseId: string, listener: (event: unknown) => void, outer: CallContext): () => void {
    // Stopping also cancels a read under way, so a hidden page makes no more requests.
    const abort = new AbortController();
    outer.signal?.addEventListener('abort', () => abort.abort(), { once: true });
    const ctx: CallContext = { ...outer, signal: abort.signal };
    // Creating and deleting the Subscription are not cancelled by a stop: one made is always deleted.
    const lasting: CallContext = { getAccessToken: outer.getAccessToken };
    const feed = new TimelineFeed(listener);
    const load = () => this.read(caseId, ctx, true);
    let stopped = false;
    let stopPoll: (() => void) | undefined;
    let stopSocket: (() => void) | undefined;
    const poll = () => {
      if (stopped || stopPoll) return;
      stopPoll = pollCase({ intervalMs: this.pollIntervalMs, load, changedSince: (since) => this.changedSince(caseId, since, ctx), feed });
    };
    void this.watchOffer(ctx).then(({ socketUrl }) => {
      if (stopped || !socketUrl) return poll();
      stopSocket = watchBySocket({
        socketUrl, load, feed, fallBack: poll,
        create: () => this.createSubscription(caseId, ctx, lasting),
        remove: (id) => this.fhir.delete('Subscription', id, lasting),
      });
    }, poll);
    return () => {
      stopped = true;
      feed.stop();
      stopSocket?.();
      stopPoll?.();
      abort.abort();
    };
  }

  /** The newest `meta.lastUpdated` of the case's Task and ServiceRequest after `since`. */
  private async changedSince(caseId: string, since: string, ctx: CallContext): Promise<string | undefined> {
    const params = { _lastUpdated: `gt${since}`, _count: '1' };
    const [tasks, requests] = await Promise.all([
      this.fhir.search('Task', { ...params, focus: `ServiceRequest/${caseId}` }, ctx),
      this.fhir.search('ServiceRequest', { ...params, _id: caseId }, ctx),
    ]);
    return [...tasks, ...requests].map((r) => r.meta?.lastUpdated).filter((x): x is string => !!x).sort().at(-1);
  }

  /** A websocket Subscription on the case's Task (a draft without one: on its ServiceRequest); resolves to its id. */
  private async createSubscription(caseId: string, ctx: CallContext, lasting: CallContext): Promise<string> {
    if (!FHIR_ID.test(caseId)) throw new NotFoundError();
    const tasks = await this.fhir.search('Task', { focus: `ServiceRequest/${caseId}`, _count: '1' }, ctx);
    const criteria = tasks.length ? `Task?focus=ServiceRequest/${caseId}` : `ServiceRequest?_id=${caseId}`;
    const made = await this.fhir.create({
      resourceType: 'Subscription',
      status: 'requested',
      reason: 'Status of a second-opinion case, for the patient or staff following it',
      criteria,
      channel: { type: 'websocket' },
      // The wall clock, not the case clock: this is the server's housekeeping.
      end: new Date(Date.now() + SUBSCRIPTION_LIFETIME_MS).toISOString(),
    }, lasting);
    if (!made.id) throw new NotFoundError();
    return made.id;
  }

  // ---- staff ------------------------------------------------------------------------------

  private createStaff(): StaffBackend {
    return {
      listCases: async (query, ctx) => this.page(query, ctx, { status: 'active,completed,revoked' }, false),
      triage: async (id, ctx) => this.act(id, ctx, false, 'triage', 'coordinator', undefined),
      requestInformation: async (id, input, ctx) => this.act(id, ctx, false, 'request_info', (c) => (c.status === 'in_review' ? 'specialist' : 'coordinator'), input),
      accept: async (id, input, ctx) => this.act(id, ctx, false, 'accept', 'coordinator', input),
      startReview: async (id, ctx) => this.act(id, ctx, false, 'start_review', 'specialist', undefined),
      issueOpinion: async (id, input, ctx) => this.act(id, ctx, false, 'issue_opinion', 'specialist', input),
      decline: async (id, input, ctx) => this.act(id, ctx, false, 'decline', 'coordinator', input),
      attachReport: async (id, content, title, ctx) => this.storeRecord(id, content, { kind: 'other', title }, 'staff', ctx),
    };
  }
}

/** The id the server gave the entry at `index` of a transaction. */
function locationId(response: Bundle, index: number): string {
  const location = response.entry?.[index]?.response?.location ?? '';
  const id = refId({ reference: location });
  if (!id) throw new NotFoundError();
  return id;
}
