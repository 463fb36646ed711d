// The kit's open HTTP protocol (v1) as a Backend: what the reference server and any compliant
// backend speak. Answers are returned raw; the client validates each one.
import type {
  Backend, CallContext, CreateCaseInput, EventTransport, ListCasesQuery, MessageInput, ShareInput, StaffBackend, UpdateCaseInput,
  UploadTransport, WithdrawInput,
} from '../../backend.js';
import { Http, type Exchange } from './http.js';
import type { RestRetryOptions } from './retry-policy.js';
import { staffFilterParams } from '../../model/staff-query.js';

export type { RestRetryOptions } from './retry-policy.js';

/** How to reach a protocol v1 backend. */
export interface RestBackendOptions {
  /** The base URL, e.g. `https://api.example.org` (paths start at `/v1/...`). */
  endpoint: string;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms. Default 15000. */
  timeoutMs?: number;
  retry?: RestRetryOptions;
}

const seg = encodeURIComponent;
const casePath = (id: string, rest = '') => `/v1/cases/${seg(id)}${rest}`;
const staffPath = (id: string, move: string) => `/v1/staff/cases/${seg(id)}/${move}`;
const page = (q: ListCasesQuery) => ({ cursor: q.cursor, limit: q.limit });

/** A Backend over the kit's HTTP protocol v1. */
export class RestBackend implements Backend {
  readonly kind = 'rest';
  readonly uploads: UploadTransport;
  readonly events: EventTransport;
  readonly staff: StaffBackend;
  private readonly http: Http;

  constructor(options: RestBackendOptions) {
    this.http = new Http(options.endpoint, options.retry, options.fetch, options.timeoutMs);
    this.uploads = {
      tusEndpoint: (caseId) => this.http.url(casePath(caseId, '/uploads')),
      confirmRecord: (caseId, recordId, input, ctx) => this.call({ method: 'patch', path: casePath(caseId, `/records/${seg(recordId)}`), json: input }, ctx),
    };
    this.events = { eventsUrl: (caseId) => this.http.url(casePath(caseId, '/events')) };
    const post = (path: string, json: unknown, ctx: CallContext) => this.call({ method: 'post', path, json }, ctx);
    this.staff = {
      listCases: (q, ctx) => this.call({ method: 'get', path: '/v1/staff/cases', searchParams: { ...page(q), ...staffFilterParams(q) } }, ctx),
      triage: (id, ctx) => post(staffPath(id, 'triage'), {}, ctx),
      requestInformation: (id, input, ctx) => post(staffPath(id, 'request-information'), input, ctx),
      accept: (id, input, ctx) => post(staffPath(id, 'accept'), input, ctx),
      startReview: (id, ctx) => post(staffPath(id, 'start-review'), {}, ctx),
      issueOpinion: (id, input, ctx) => post(staffPath(id, 'opinion'), input, ctx),
      decline: (id, input, ctx) => post(staffPath(id, 'decline'), input, ctx),
      attachReport: (id, content, _title, ctx) =>
        this.call({ method: 'post', path: staffPath(id, 'report'), body: content, headers: { 'content-type': 'application/pdf' } }, ctx),
    };
  }

  private call(x: Exchange, ctx: CallContext): Promise<unknown> {
    return this.http.json(x, ctx);
  }

  getConfig(ctx: CallContext): Promise<unknown> {
    return this.call({ method: 'get', path: '/v1/config' }, ctx);
  }

  createCase(input: CreateCaseInput, ctx: CallContext): Promise<unknown> {
    return this.call({ method: 'post', path: '/v1/cases', json: input }, ctx);
  }

  getCase(caseId: string, ctx: CallContext): Promise<unknown> {
    return this.call({ method: 'get', path: casePath(caseId) }, ctx);
  }

  listCases(query: ListCasesQuery, ctx: CallContext): Promise<unknown> {
    return this.call({ method: 'get', path: '/v1/cases', searchParams: page(query) }, ctx);
  }

  updateCase(caseId: string, input: UpdateCaseInput, ctx: CallContext): Promise<unknown> {
    return this.call({ method: 'patch', path: casePath(caseId), json: { request: input.request }, headers: { 'if-match': `"${input.version}"` } }, ctx);
  }

  submitCase(caseId: string, ctx: CallContext): Promise<unknown> {
    return this.call({ method: 'post', path: casePath(caseId, '/submit'), json: {} }, ctx);
  }

  withdrawCase(caseId: string, input: WithdrawInput, ctx: CallContext): Promise<unknown> {
    return this.call({ method: 'post', path: casePath(caseId, '/withdraw'), json: input }, ctx);
  }

  postMessage(caseId: string, input: MessageInput, ctx: CallContext): Promise<unknown> {
    return this.call({ method: 'post', path: casePath(caseId, '/messages'), json: input }, ctx);
  }

  shareOpinion(caseId: string, input: ShareInput, ctx: CallContext): Promise<unknown> {
    return this.call({ method: 'post', path: casePath(caseId, '/share'), json: input }, ctx);
  }

  getRecordContent(caseId: string, recordId: string, ctx: CallContext): Promise<Blob> {
    return this.http.blob({ method: 'get', path: casePath(caseId, `/records/${seg(recordId)}/content`) }, ctx);
  }
}
