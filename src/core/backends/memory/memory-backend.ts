// An in-process backend with exactly the lifecycle rules of the protocol (it runs the same case
// engine as the reference server), plus staff moves: for demos, Storybook and tests.
import type {
  Backend, CallContext, CreateCaseInput, ListCasesQuery, MessageInput, RecordMeta, ShareInput, StaffBackend, UpdateCaseInput,
  WithdrawInput,
} from '../../backend.js';
import { DEFAULT_CONFIG } from '../../defaults.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import {
  applyAction, caseReference, createCase, earlierCaseOf, linkEarlier, putRecord, shareOpinion, summarize, updateDraft, type ActionInputs, type EngineContext, type EngineResult,
} from '../../lifecycle/engine.js';
import type { Action } from '../../lifecycle/transitions.js';
import type { Role } from '../../model/codes.js';
import type { Case, CaseRecord } from '../../model/case.js';
import type { BackendConfig } from '../../model/config.js';
import { compareForStaffSort, isAfterStaffCursor, matchesStaffQuery, readStaffCursor, staffCursorAfter, type StaffSort } from '../../model/staff-query.js';
import { settleRecord, takeWhole } from '../../records/intake.js';

export interface MemoryBackendOptions {
  /** Overrides of the default configuration. */
  config?: Partial<BackendConfig>;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Which patient a token stands for. Default: the token itself, or `demo-patient` without one. */
  resolvePatient?: (token: string | null | undefined) => string;
}

interface Stored {
  owner: string;
  case: Case;
  contents: Map<string, Blob>;
}

type Listener = (event: unknown) => void;

const clone = <T>(v: T): T => structuredClone(v);

/** The Backend interface in memory. State lives as long as the object. */
export class MemoryBackend implements Backend {
  readonly kind = 'memory';
  readonly config: BackendConfig;
  readonly staff: StaffBackend;
  readonly uploads = { putRecord: this.putRecord.bind(this) };
  readonly events = { subscribe: this.subscribe.bind(this) };
  private readonly cases = new Map<string, Stored>();
  private readonly replies = new Map<string, { fingerprint: string; result: Promise<unknown> }>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly now: () => Date;
  private readonly resolvePatient: (token: string | null | undefined) => string;

  constructor(options: MemoryBackendOptions = {}) {
    this.config = { ...DEFAULT_CONFIG, ...options.config };
    this.now = options.now ?? (() => new Date());
    this.resolvePatient = options.resolvePatient ?? ((t) => t || 'demo-patient');
    this.staff = this.createStaff();
  }

  private ctx(): EngineContext {
    return { now: this.now(), newId: () => crypto.randomUUID(), config: this.config };
  }

  private async patient(ctx: CallContext): Promise<string> {
    return this.resolvePatient(await ctx.getAccessToken());
  }

  // Same key and same body replay the first answer; same key, other body is refused (as the protocol says).
  private idempotent<T>(ctx: CallContext, scope: string, body: unknown, run: () => Promise<T>): Promise<T> {
    if (!ctx.idempotencyKey) return run();
    const key = `${scope}\u0000${ctx.idempotencyKey}`;
    const fingerprint = JSON.stringify(body ?? null);
    const seen = this.replies.get(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint) return Promise.reject(new ConflictError('idempotency_mismatch', { status: 422 }));
      return seen.result.then(clone) as Promise<T>;
    }
    const result = run();
    this.replies.set(key, { fingerprint, result });
    // A failed attempt may be retried with the same key.
    result.catch(() => this.replies.delete(key));
    return result.then(clone);
  }

  private owned(caseId: string, owner: string | undefined): Stored {
    const s = this.cases.get(caseId);
    // Another patient's case is indistinguishable from a missing one.
    if (!s || (owner !== undefined && s.owner !== owner)) throw new NotFoundError();
    return s;
  }

  /** The owner's case named by its id or its reference (SO-XXXX-XXXX). */
  private ownedByIdOrReference(idOrReference: string, owner: string): Stored {
    const reference = caseReference(idOrReference);
    const byReference = reference ? [...this.cases.values()].find((s) => s.owner === owner && s.case.reference === reference) : undefined;
    return byReference ?? this.owned(idOrReference, owner);
  }

  private commit(s: Stored, result: EngineResult): Case {
    if (!result.ok) throw result.error;
    s.case = result.case;
    for (const e of result.events) for (const l of this.listeners.get(s.case.id) ?? []) l(clone({ event: e, case: s.case }));
    return clone(s.case);
  }

  private async move<A extends Action>(caseId: string, owner: string | undefined, action: A, role: Role, input: ActionInputs[A]): Promise<Case> {
    const s = this.owned(caseId, owner);
    return this.commit(s, applyAction(s.case, action, role, input, this.ctx()));
  }

  async getConfig(): Promise<unknown> {
    return clone(this.config);
  }

  async createCase(input: CreateCaseInput, ctx: CallContext): Promise<unknown> {
    const owner = await this.patient(ctx);
    return this.idempotent(ctx, `${owner}:create`, input, async () => {
      const result = createCase(input, this.ctx());
      if (!result.ok) throw result.error;
      const earlier = earlierCaseOf(input);
      const created = earlier ? linkEarlier(result.case, this.ownedByIdOrReference(earlier, owner).case.id) : result.case;
      const s: Stored = { owner, case: created, contents: new Map() };
      this.cases.set(created.id, s);
      return clone(created);
    });
  }

  async getCase(caseId: string, ctx: CallContext): Promise<unknown> {
    return clone(this.owned(caseId, await this.patient(ctx)).case);
  }

  async listCases(query: ListCasesQuery, ctx: CallContext): Promise<unknown> {
    const owner = await this.patient(ctx);
    return this.page([...this.cases.values()].filter((s) => s.owner === owner), query);
  }

  // The list in the query's sort (the patient's own list: newest first), paged by the keyset cursor
  // every backend shares; a cursor that does not read back in this sort is a bad `cursor`.
  private page(stored: Stored[], query: ListCasesQuery & { sort?: StaffSort }): unknown {
    const sort = query.sort ?? 'received';
    const at = query.cursor ? readStaffCursor(query.cursor, sort) : undefined;
    if (query.cursor && !at) throw new ValidationError([{ path: 'cursor', code: 'invalid', message: 'Check this entry.' }]);
    const all = stored.map((s) => s.case).filter((c) => !at || isAfterStaffCursor(c, at)).sort((a, b) => compareForStaffSort(a, b, sort));
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    const items = all.slice(0, limit);
    const nextCursor = all.length > limit ? staffCursorAfter(items.at(-1)!, sort) : null;
    return { items: items.map(summarize), nextCursor };
  }

  async updateCase(caseId: string, input: UpdateCaseInput, ctx: CallContext): Promise<unknown> {
    const owner = await this.patient(ctx);
    return this.idempotent(ctx, `${owner}:update:${caseId}`, input, async () => {
      const s = this.owned(caseId, owner);
      if (s.case.version !== input.version) throw new ConflictError('stale_version', { status: 412 });
      return this.commit(s, updateDraft(s.case, input.request, this.ctx()));
    });
  }

  async submitCase(caseId: string, ctx: CallContext): Promise<unknown> {
    const owner = await this.patient(ctx);
    return this.idempotent(ctx, `${owner}:submit:${caseId}`, null, () => this.move(caseId, owner, 'submit', 'patient', undefined));
  }

  async withdrawCase(caseId: string, input: WithdrawInput, ctx: CallContext): Promise<unknown> {
    const owner = await this.patient(ctx);
    return this.idempotent(ctx, `${owner}:withdraw:${caseId}`, input, () => this.move(caseId, owner, 'withdraw', 'patient', input));
  }

  async postMessage(caseId: string, input: MessageInput, ctx: CallContext): Promise<unknown> {
    const owner = await this.patient(ctx);
    return this.idempotent(ctx, `${owner}:message:${caseId}`, input, () =>
      input.kind === 'follow_up'
        ? this.move(caseId, owner, 'follow_up', 'patient', { text: input.text })
        : this.move(caseId, owner, 'reply', 'patient', { text: input.text, ...(input.recordIds ? { recordIds: input.recordIds } : {}) }));
  }

  async shareOpinion(caseId: string, input: ShareInput, ctx: CallContext): Promise<unknown> {
    const owner = await this.patient(ctx);
    return this.idempotent(ctx, `${owner}:share:${caseId}`, input, async () => {
      const s = this.owned(caseId, owner);
      return this.commit(s, shareOpinion(s.case, this.ctx(), input.note));
    });
  }

  async getRecordContent(caseId: string, recordId: string, ctx: CallContext): Promise<Blob> {
    const s = this.owned(caseId, await this.patient(ctx));
    const blob = s.contents.get(recordId);
    if (!blob) throw new NotFoundError();
    return blob;
  }

  /** Stores a whole record, taken in by the core's intake rule (size, sniffed type, the client's SHA-256). */
  async putRecord(caseId: string, content: Blob, meta: RecordMeta, ctx: CallContext): Promise<unknown> {
    const owner = await this.patient(ctx);
    return this.idempotent(ctx, `${owner}:record:${caseId}`, { ...meta, size: content.size }, () => this.storeRecord(this.owned(caseId, owner), content, meta, 'patient'));
  }

  private async storeRecord(s: Stored, content: Blob, meta: RecordMeta, source: 'patient' | 'staff'): Promise<CaseRecord> {
    const taken = await takeWhole(content, meta.sha256, this.config.uploads);
    const at = this.now().toISOString();
    const record = settleRecord({
      id: crypto.randomUUID(), kind: meta.kind, title: meta.title, mediaType: taken.mediaType, size: content.size, sha256: taken.sha256, source, createdAt: at,
    }, taken.outcome, at);
    const result = putRecord(s.case, record, this.ctx(), source === 'staff' ? 'specialist' : 'patient');
    if (result.ok && record.status === 'verified') s.contents.set(record.id, content);
    this.commit(s, result);
    return clone(record);
  }

  /** In-process case events: `{ event, case }` for every timeline entry. */
  subscribe(caseId: string, listener: Listener): () => void {
    let set = this.listeners.get(caseId);
    if (!set) this.listeners.set(caseId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private createStaff(): StaffBackend {
    return {
      listCases: async (query) => this.page([...this.cases.values()].filter((s) => s.case.status !== 'draft' && matchesStaffQuery(s.case, query)), query),
      triage: async (id) => this.move(id, undefined, 'triage', 'coordinator', undefined),
      requestInformation: async (id, input) => {
        const role: Role = this.owned(id, undefined).case.status === 'in_review' ? 'specialist' : 'coordinator';
        return this.move(id, undefined, 'request_info', role, input);
      },
      accept: async (id, input) => this.move(id, undefined, 'accept', 'coordinator', input),
      startReview: async (id) => this.move(id, undefined, 'start_review', 'specialist', undefined),
      issueOpinion: async (id, input) => this.move(id, undefined, 'issue_opinion', 'specialist', input),
      decline: async (id, input) => this.move(id, undefined, 'decline', 'coordinator', input),
      attachReport: async (id, content, title) => this.storeRecord(this.owned(id, undefined), content, { kind: 'other', title }, 'staff'),
    };
  }
}
