// The core client: one EventTarget over any Backend. It validates what goes out, validates every
// answer that comes back, and reports failures as typed errors.
import type { Backend, CallContext, StaffListQuery, TokenGetter } from '../backend.js';
import type { SecondOpinionError} from '../errors.js';
import { isSecondOpinionError, ProtocolError, UnsupportedError, ValidationError } from '../errors.js';
import { onDemand } from '../on-demand.js';
import type { RecordKind } from '../model/codes.js';
import type { Case, CasePage, CaseRecord, OpinionInput, Specialist } from '../model/case.js';
import type { BackendConfig } from '../model/config.js';
import type { FieldIssue } from '../model/parse.js';
import type { RequestDraft, RequestInput } from '../model/request.js';
import type * as z from 'zod/mini';
import type * as SchemasModule from './schemas.js';
import { CaseUpdatedEvent, ClientErrorEvent } from './events.js';
// Kept in the .d.ts, where the value import above is dropped: it declares SecondOpinionClientEventMap.
import './events.js';
import { deferredWatchEngine } from '../watch/deferred-watch.js';
import type { CaseWatch, RecordUpload, UploadOptions, WatchOptions } from './engines.js';

export interface ClientOptions {
  backend: Backend;
  /** Supplies the bearer token per request; never stored by the kit. */
  getAccessToken?: TokenGetter;
  /** The locale messages default to (`en` or `fr-CA`). */
  locale?: string;
}

/** Options every call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /**
   * The key that makes a mutation safe to retry. One is made per call; pass your own to make
   * several calls one action (a double click, a retry after a dropped answer).
   */
  idempotencyKey?: string;
}

/** Plugs the upload and watch engines into a client (the upload and watch modules provide them). */
export interface ClientEngines {
  upload?: (client: SecondOpinionClient, caseId: string, file: Blob, options: UploadOptions) => RecordUpload;
  watch?: (client: SecondOpinionClient, caseId: string, options: WatchOptions) => CaseWatch;
}

const noToken: TokenGetter = () => undefined;

type Schemas = typeof SchemasModule;
/** The kinds of answer the client checks (see `call`). */
export type AnswerKind = keyof Schemas['answers'];
/** The checked value of each kind of answer. */
export type Answer<K extends AnswerKind> = z.output<Schemas['answers'][K]>;

// Validation loads with the first call, beside its request; the config's check on its own, as it is
// often a page's first call and its schema is small.
const validation = onDemand<Schemas>(() => import('./schemas.js'));
const configCheck = onDemand(() => import('./config-schema.js'));

async function answerSchema<K extends AnswerKind>(answer: K): Promise<{ schema: Schemas['answers'][K]; parseWith: Schemas['parseWith'] }> {
  if (answer === 'config') {
    const part = await configCheck.load();
    return { schema: part.BackendConfigSchema as Schemas['answers'][K], parseWith: part.parseWith };
  }
  const schemas = await validation.load();
  return { schema: schemas.answers[answer], parseWith: schemas.parseWith };
}

function prefixIssues(prefix: string, issues: FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix }));
}

/** A fresh idempotency key. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** The client for one backend. Create it with `createClient`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed addEventListener, as DOM classes do
export class SecondOpinionClient extends EventTarget {
  readonly backend: Backend;
  readonly locale: string;
  private readonly getAccessToken: TokenGetter;
  private configCache?: Promise<BackendConfig>;
  private engines: ClientEngines = {};

  constructor(options: ClientOptions) {
    super();
    this.backend = options.backend;
    this.getAccessToken = options.getAccessToken ?? noToken;
    this.locale = options.locale ?? 'en';
  }

  /** Installs the upload and watch engines. */
  use(engines: ClientEngines): this {
    this.engines = { ...this.engines, ...engines };
    return this;
  }

  /** The call context for one action. */
  context(options: CallOptions = {}, mutation = false): CallContext {
    const ctx: CallContext = { getAccessToken: this.getAccessToken };
    if (options.signal) ctx.signal = options.signal;
    if (mutation) ctx.idempotencyKey = options.idempotencyKey ?? newIdempotencyKey();
    return ctx;
  }

  /**
   * Runs a backend call, validates its answer as the named kind (`'case'`, `'casePage'`,
   * `'record'`, `'config'`), and reports failures.
   */
  async call<K extends AnswerKind>(operation: string, answer: K, run: () => Promise<unknown>): Promise<Answer<K>> {
    try {
      const [raw, check] = await Promise.all([run(), answerSchema(answer)]);
      const parsed = check.parseWith(check.schema, raw);
      if (!parsed.ok) throw new ProtocolError({ issues: parsed.issues });
      if (answer === 'case') this.dispatchEvent(new CaseUpdatedEvent(parsed.value as Case));
      return parsed.value as Answer<K>;
    } catch (e) {
      throw this.fail(operation, e);
    }
  }

  // Checks what is about to be sent; ValidationError issues get `prefix` in front of their paths.
  private async check<K extends keyof Schemas['inputs']>(operation: string, input: K, value: unknown, prefix?: string): Promise<z.output<Schemas['inputs'][K]>> {
    let schemas: Schemas;
    try {
      schemas = await validation.load();
    } catch (e) {
      throw this.fail(operation, e);
    }
    const parsed = schemas.parseWith(schemas.inputs[input], value);
    if (!parsed.ok) throw this.fail(operation, new ValidationError(prefix ? prefixIssues(prefix, parsed.issues) : parsed.issues));
    return parsed.value as z.output<Schemas['inputs'][K]>;
  }

  private fail(operation: string, e: unknown): unknown {
    if (e instanceof DOMException && e.name === 'AbortError') return e;
    const error = isSecondOpinionError(e) ? e : new ProtocolError({ cause: e });
    this.dispatchEvent(new ClientErrorEvent(error, operation));
    return error;
  }

  private reject(operation: string, error: SecondOpinionError): Promise<never> {
    return Promise.reject(this.fail(operation, error));
  }

  /** What the backend offers. Cached for the client's life; a failure is not cached. */
  config(options: CallOptions = {}): Promise<BackendConfig> {
    this.configCache ??= this.call('config', 'config', () => this.backend.getConfig(this.context(options)));
    this.configCache.catch(() => (this.configCache = undefined));
    return this.configCache;
  }

  /** Case operations. */
  readonly cases = {
    /** Creates a case: a draft, or sent at once with `submit: true`. Invalid requests never leave the browser. */
    create: async (request: RequestInput | RequestDraft, options: CallOptions & { submit?: boolean; previousCaseId?: string } = {}): Promise<Case> => {
      const ctx = this.context(options, true);
      const value = await this.check('cases.create', options.submit ? 'request' : 'draft', request, 'request');
      return this.call('cases.create', 'case', () => this.backend.createCase({
        request: value,
        ...(options.submit ? { submit: true } : {}),
        ...(options.previousCaseId ? { previousCaseId: options.previousCaseId } : {}),
      }, ctx));
    },
    /** One case. */
    get: (caseId: string, options: CallOptions = {}): Promise<Case> =>
      this.call('cases.get', 'case', () => this.backend.getCase(caseId, this.context(options))),
    /** The caller's cases, newest first, one page at a time. */
    list: (query: { cursor?: string; limit?: number } = {}, options: CallOptions = {}): Promise<CasePage> =>
      this.call('cases.list', 'casePage', () => this.backend.listCases(query, this.context(options))),
    /** Replaces a draft's request; `version` is the one the edit started from. */
    update: async (caseId: string, request: RequestDraft, version: number, options: CallOptions = {}): Promise<Case> => {
      const ctx = this.context(options, true);
      const value = await this.check('cases.update', 'draft', request, 'request');
      return this.call('cases.update', 'case', () => this.backend.updateCase(caseId, { request: value, version }, ctx));
    },
    /** Sends a draft. */
    submit: (caseId: string, options: CallOptions = {}): Promise<Case> => {
      const ctx = this.context(options, true);
      return this.call('cases.submit', 'case', () => this.backend.submitCase(caseId, ctx));
    },
    /** Withdraws the request. */
    withdraw: (caseId: string, input: { reason?: string } = {}, options: CallOptions = {}): Promise<Case> => {
      const ctx = this.context(options, true);
      return this.call('cases.withdraw', 'case', () => this.backend.withdrawCase(caseId, input, ctx));
    },
    /** Answers an information request, with a message and the records uploaded for it. */
    reply: (caseId: string, input: { text: string; recordIds?: string[] }, options: CallOptions = {}): Promise<Case> => {
      const ctx = this.context(options, true);
      return this.call('cases.reply', 'case', () => this.backend.postMessage(caseId, { kind: 'reply', ...input }, ctx));
    },
    /** Asks the specialist a follow-up question about the opinion (where the backend allows one). */
    followUp: (caseId: string, input: { text: string }, options: CallOptions = {}): Promise<Case> => {
      const ctx = this.context(options, true);
      return this.call('cases.followUp', 'case', () => this.backend.postMessage(caseId, { kind: 'follow_up', text: input.text }, ctx));
    },
    /** Sends the opinion to the care team named in the request. */
    share: (caseId: string, input: { note?: string } = {}, options: CallOptions = {}): Promise<Case> => {
      const ctx = this.context(options, true);
      return this.call('cases.share', 'case', () => this.backend.shareOpinion(caseId, input, ctx));
    },
    /** Follows a case live. Needs a watch engine (installed by `second-opinion-kit`'s watch module). */
    watch: (caseId: string, options: WatchOptions = {}): CaseWatch => {
      if (!this.engines.watch) throw this.fail('cases.watch', new UnsupportedError('live updates'));
      return this.engines.watch(this, caseId, options);
    },
  };

  /** Record operations. */
  readonly records = {
    /** Uploads a record. Needs an upload engine (installed by the upload module). */
    upload: (caseId: string, file: Blob, options: UploadOptions): RecordUpload => {
      if (!this.engines.upload) throw this.fail('records.upload', new UnsupportedError('record uploads'));
      return this.engines.upload(this, caseId, file, options);
    },
    /** Stores a small record in one call, where the backend accepts that. */
    put: (caseId: string, content: Blob, meta: { kind: RecordKind; title: string; sha256?: string }, options: CallOptions = {}): Promise<CaseRecord> => {
      const put = this.backend.uploads?.putRecord;
      if (!put) return this.reject('records.put', new UnsupportedError('single-call uploads'));
      const ctx = this.context(options, true);
      return this.call('records.put', 'record', () => put.call(this.backend.uploads, caseId, content, meta, ctx));
    },
    /** A record's content (or the opinion report) as a Blob. */
    content: async (caseId: string, recordId: string, options: CallOptions = {}): Promise<Blob> => {
      try {
        return await this.backend.getRecordContent(caseId, recordId, this.context(options));
      } catch (e) {
        throw this.fail('records.content', e);
      }
    },
  };

  /** Staff moves, where the backend has them (MemoryBackend, the reference server's staff API). */
  readonly staff = {
    /** Every case past draft the caller may see, newest first, narrowed by the query's filter (statuses, specialty, urgency, due date, reference). */
    list: (query: StaffListQuery = {}, options: CallOptions = {}): Promise<CasePage> =>
      this.staffCall('staff.list', 'casePage', (s) => s.listCases(query, this.context(options))),
    triage: (caseId: string, options: CallOptions = {}): Promise<Case> =>
      this.staffCall('staff.triage', 'case', (s) => s.triage(caseId, this.context(options, true))),
    requestInformation: (caseId: string, input: { message: string; recordKinds: RecordKind[] }, options: CallOptions = {}): Promise<Case> =>
      this.staffCall('staff.requestInformation', 'case', (s) => s.requestInformation(caseId, input, this.context(options, true))),
    accept: (caseId: string, input: { specialist: Specialist }, options: CallOptions = {}): Promise<Case> =>
      this.staffCall('staff.accept', 'case', (s) => s.accept(caseId, input, this.context(options, true))),
    startReview: (caseId: string, options: CallOptions = {}): Promise<Case> =>
      this.staffCall('staff.startReview', 'case', (s) => s.startReview(caseId, this.context(options, true))),
    issueOpinion: async (caseId: string, input: OpinionInput, options: CallOptions = {}): Promise<Case> => {
      const value = await this.check('staff.issueOpinion', 'opinion', input);
      return this.staffCall('staff.issueOpinion', 'case', (s) => s.issueOpinion(caseId, value, this.context(options, true)));
    },
    decline: (caseId: string, input: { reason: string }, options: CallOptions = {}): Promise<Case> =>
      this.staffCall('staff.decline', 'case', (s) => s.decline(caseId, input, this.context(options, true))),
    /** Stores the opinion report (a PDF); name the returned record in `issueOpinion`'s `reportRecordId`. */
    attachReport: (caseId: string, content: Blob, title = 'Second opinion report', options: CallOptions = {}): Promise<CaseRecord> =>
      this.staffCall('staff.attachReport', 'record', (s) => {
        if (!s.attachReport) throw new UnsupportedError('opinion reports');
        return s.attachReport(caseId, content, title, this.context(options, true));
      }),
  };

  private staffCall<K extends AnswerKind>(operation: string, answer: K, run: (staff: NonNullable<Backend['staff']>) => Promise<unknown>): Promise<Answer<K>> {
    const staff = this.backend.staff;
    if (!staff) return this.reject(operation, new UnsupportedError('staff moves'));
    return this.call(operation, answer, () => run(staff));
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the class
export interface SecondOpinionClient {
  addEventListener<K extends keyof SecondOpinionClientEventMap>(type: K, listener: (this: SecondOpinionClient, ev: SecondOpinionClientEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SecondOpinionClientEventMap>(type: K, listener: (this: SecondOpinionClient, ev: SecondOpinionClientEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/** Creates a client for a backend, with the live-watch engine installed (it loads on the first `cases.watch()`). */
export function createClient(options: ClientOptions): SecondOpinionClient {
  return new SecondOpinionClient(options).use({ watch: deferredWatchEngine() });
}
