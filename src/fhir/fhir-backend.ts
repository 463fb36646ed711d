// FhirBackend: the Backend interface on any FHIR R4 server. Every move runs the core case engine
// (so the rules are exactly MemoryBackend's), then writes its result as one FHIR transaction
// guarded by If-Match, and reads the case back from the server. The class is the public face; the
// work is done by its parts, one per job: reads and paging (reads.ts), writes with the If-Match loop
// (writes.ts, with the Communications of communications.ts), records (records.ts) and watching
// (watching.ts), which share one setup (setup.ts).
import type {
  Backend, CallContext, CreateCaseInput, ListCasesQuery, MessageInput, RecordMeta, ShareInput, StaffBackend, UpdateCaseInput, WithdrawInput,
} from '../core/backend.js';
import type { RestRetryOptions } from '../core/backends/rest/retry-policy.js';
import { DEFAULT_CONFIG } from '../core/defaults.js';
import type { BackendConfig } from '../core/model/config.js';
import { FhirHttp } from './fhir-http.js';
import { FULL_PROFILE, type FhirProfile } from './profile.js';
import { FhirReads } from './reads.js';
import { DEFAULT_MAX_SIZE, FhirRecords } from './records.js';
import type { FhirSetup } from './setup.js';
import { FhirWatch, type FhirCapabilities } from './watching.js';
import { FhirWrites } from './writes.js';

export type { FhirCapabilities } from './watching.js';

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

/** The Backend interface over a FHIR R4 server (ServiceRequest + Task + DocumentReference/Binary + Consent + Communication). */
export class FhirBackend implements Backend {
  readonly kind = 'fhir';
  readonly config: BackendConfig;
  readonly profile: FhirProfile;
  readonly staff: StaffBackend;
  readonly uploads = { putRecord: this.putRecord.bind(this) };
  readonly events = { subscribe: this.subscribe.bind(this) };
  private readonly reads: FhirReads;
  private readonly writes: FhirWrites;
  private readonly records: FhirRecords;
  private readonly watch: FhirWatch;
  private readonly subjectPatientId?: string;

  constructor(options: FhirBackendOptions) {
    this.profile = options.profile ?? FULL_PROFILE;
    this.subjectPatientId = options.subjectPatientId;
    this.config = {
      ...DEFAULT_CONFIG,
      ...options.config,
      uploads: { ...DEFAULT_CONFIG.uploads, maxSize: DEFAULT_MAX_SIZE, tusExtensions: [], ...options.config?.uploads },
    };
    const setup: FhirSetup = {
      fhir: new FhirHttp(options.baseUrl.replace(/\/+$/, ''), options.fetch, options.retry, options.timeoutMs),
      profile: this.profile,
      config: this.config,
      now: options.now ?? (() => new Date()),
      ...(this.subjectPatientId ? { subjectPatientId: this.subjectPatientId } : {}),
    };
    this.reads = new FhirReads(setup);
    this.writes = new FhirWrites(setup, this.reads);
    this.records = new FhirRecords(setup, this.reads, this.writes);
    this.watch = new FhirWatch(setup, this.reads, options.pollIntervalMs ?? 5000);
    this.staff = this.createStaff();
  }

  /** Reads the server's CapabilityStatement: does it offer Subscriptions, and how will watching work? */
  capabilities(ctx: CallContext): Promise<FhirCapabilities> {
    return this.watch.capabilities(ctx);
  }

  async getConfig(): Promise<unknown> {
    return structuredClone(this.config);
  }

  async getCase(caseId: string, ctx: CallContext): Promise<unknown> {
    return this.reads.read(caseId, ctx, true);
  }

  async listCases(query: ListCasesQuery, ctx: CallContext): Promise<unknown> {
    return this.reads.page(query, ctx, this.subjectPatientId ? { subject: `Patient/${this.subjectPatientId}` } : {}, true);
  }

  async createCase(input: CreateCaseInput, ctx: CallContext): Promise<unknown> {
    return this.writes.once(ctx, 'create', input, () => this.writes.create(input, ctx));
  }

  async updateCase(caseId: string, input: UpdateCaseInput, ctx: CallContext): Promise<unknown> {
    return this.writes.once(ctx, `update:${caseId}`, input, () => this.writes.update(caseId, input, ctx));
  }

  async submitCase(caseId: string, ctx: CallContext): Promise<unknown> {
    return this.writes.once(ctx, `submit:${caseId}`, null, () => this.writes.act(caseId, ctx, true, 'submit', 'patient', undefined));
  }

  async withdrawCase(caseId: string, input: WithdrawInput, ctx: CallContext): Promise<unknown> {
    return this.writes.once(ctx, `withdraw:${caseId}`, input, () => this.writes.act(caseId, ctx, true, 'withdraw', 'patient', input));
  }

  async postMessage(caseId: string, input: MessageInput, ctx: CallContext): Promise<unknown> {
    return this.writes.once(ctx, `message:${caseId}`, input, () => this.writes.message(caseId, input, ctx));
  }

  async shareOpinion(caseId: string, input: ShareInput, ctx: CallContext): Promise<unknown> {
    return this.writes.once(ctx, `share:${caseId}`, input, () => this.writes.share(caseId, input, ctx));
  }

  /** Stores a whole record as Binary + DocumentReference: sniffs its type, checks size and SHA-256. */
  async putRecord(caseId: string, content: Blob, meta: RecordMeta, ctx: CallContext): Promise<unknown> {
    return this.writes.once(ctx, `record:${caseId}`, { ...meta, size: content.size }, () => this.records.store(caseId, content, meta, 'patient', ctx));
  }

  async getRecordContent(caseId: string, recordId: string, ctx: CallContext): Promise<Blob> {
    return this.records.content(caseId, recordId, ctx);
  }

  /**
   * Follows a case: through a websocket Subscription where the server offers one (and the profile
   * is `auto`), otherwise (or when the Subscription or its socket fails) by polling its Task (or,
   * for a draft without one, its ServiceRequest) by `_lastUpdated`.
   */
  subscribe(caseId: string, listener: (event: unknown) => void, outer: CallContext): () => void {
    return this.watch.subscribe(caseId, listener, outer);
  }

  private createStaff(): StaffBackend {
    const { reads, writes, records } = this;
    return {
      listCases: async (query, ctx) => reads.staffPage(query, ctx),
      triage: async (id, ctx) => writes.act(id, ctx, false, 'triage', 'coordinator', undefined),
      requestInformation: async (id, input, ctx) => writes.act(id, ctx, false, 'request_info', (c) => (c.status === 'in_review' ? 'specialist' : 'coordinator'), input),
      accept: async (id, input, ctx) => writes.act(id, ctx, false, 'accept', 'coordinator', input),
      startReview: async (id, ctx) => writes.act(id, ctx, false, 'start_review', 'specialist', undefined),
      issueOpinion: async (id, input, ctx) => writes.act(id, ctx, false, 'issue_opinion', 'specialist', input),
      decline: async (id, input, ctx) => writes.act(id, ctx, false, 'decline', 'coordinator', input),
      attachReport: async (id, content, title, ctx) => records.store(id, content, { kind: 'other', title }, 'staff', ctx),
    };
  }
}
