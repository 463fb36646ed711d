// The one small interface every backend implements. Answers are raw wire data (`unknown`):
// the client validates each one, so a backend that answers nonsense yields a ProtocolError.
import type { RecordKind } from './model/codes.js';
import type { OpinionInput, Specialist } from './model/case.js';
import type { StaffListFilter } from './model/staff-query.js';

/**
 * Supplies the bearer token. Called before every request; called once more with
 * `{ forceRefresh: true }` after a 401. The kit never stores what it returns.
 */
export type TokenGetter = (options?: { forceRefresh?: boolean }) => string | null | undefined | Promise<string | null | undefined>;

/** What travels with every backend call. */
export interface CallContext {
  getAccessToken: TokenGetter;
  signal?: AbortSignal;
  /** One per user action, reused across that action's retries. Present on every mutation. */
  idempotencyKey?: string;
}

export interface CreateCaseInput {
  request: unknown;
  /** Create and submit in one step. */
  submit?: boolean;
  previousCaseId?: string;
}

export interface ListCasesQuery {
  cursor?: string;
  limit?: number;
}

/** A page of the staff list, narrowed by the filter (see `StaffListFilter`). */
export interface StaffListQuery extends ListCasesQuery, StaffListFilter {}

export interface UpdateCaseInput {
  request: unknown;
  /** The version the edit is based on (sent as If-Match). */
  version: number;
}

/** A message from the patient: a reply to an information request, or a follow-up question. */
export interface MessageInput {
  kind: 'reply' | 'follow_up';
  text: string;
  /** Records uploaded as part of a reply. */
  recordIds?: string[];
}

export interface WithdrawInput {
  reason?: string;
}

export interface ShareInput {
  /** A note for the care team. */
  note?: string;
}

/** Metadata sent with a record upload. */
export interface RecordMeta {
  kind: RecordKind;
  title: string;
  /** The client's SHA-256 of the whole content, hex. */
  sha256?: string;
  /** The media type the client sniffed (the server sniffs again). */
  mediaType?: string;
}

/** Staff moves: the reference server's staff API, the MemoryBackend's demo moves. */
export interface StaffBackend {
  /** Every case past draft the caller may see, newest first, narrowed by the query's filter. */
  listCases(query: StaffListQuery, ctx: CallContext): Promise<unknown>;
  triage(caseId: string, ctx: CallContext): Promise<unknown>;
  requestInformation(caseId: string, input: { message: string; recordKinds: RecordKind[] }, ctx: CallContext): Promise<unknown>;
  accept(caseId: string, input: { specialist: Specialist }, ctx: CallContext): Promise<unknown>;
  startReview(caseId: string, ctx: CallContext): Promise<unknown>;
  issueOpinion(caseId: string, input: OpinionInput, ctx: CallContext): Promise<unknown>;
  decline(caseId: string, input: { reason: string }, ctx: CallContext): Promise<unknown>;
  /** Stores the opinion report (a PDF) as a staff record the opinion can then name. */
  attachReport?(caseId: string, content: Blob, title: string, ctx: CallContext): Promise<unknown>;
}

/** Low-level upload: the engine in `records.upload` drives it. */
export interface UploadTransport {
  /** Stores a whole record in one call (backends without resumable uploads). */
  putRecord?(caseId: string, content: Blob, meta: RecordMeta, ctx: CallContext): Promise<unknown>;
  /** The tus endpoint for this case, for backends that speak tus 1.0.0. */
  tusEndpoint?(caseId: string): string;
  /**
   * Hands the client's SHA-256 over once the bytes are in, for uploads created before the hash
   * was known: the backend compares it with its own and answers the record, `verified` or `rejected`.
   */
  confirmRecord?(caseId: string, recordId: string, input: { sha256: string }, ctx: CallContext): Promise<unknown>;
}

/** Low-level case events: the engine in `cases.watch` drives it. */
export interface EventTransport {
  /** In-process subscription (MemoryBackend). Returns an unsubscribe function. */
  subscribe?(caseId: string, listener: (event: unknown) => void, ctx: CallContext): () => void;
  /** The event-stream URL, for backends that speak the protocol's SSE. */
  eventsUrl?(caseId: string): string;
}

/** A second-opinion backend. */
export interface Backend {
  /** `rest`, `fhir`, `memory`, or a vendor's name. */
  readonly kind: string;
  getConfig(ctx: CallContext): Promise<unknown>;
  createCase(input: CreateCaseInput, ctx: CallContext): Promise<unknown>;
  getCase(caseId: string, ctx: CallContext): Promise<unknown>;
  listCases(query: ListCasesQuery, ctx: CallContext): Promise<unknown>;
  updateCase(caseId: string, input: UpdateCaseInput, ctx: CallContext): Promise<unknown>;
  submitCase(caseId: string, ctx: CallContext): Promise<unknown>;
  withdrawCase(caseId: string, input: WithdrawInput, ctx: CallContext): Promise<unknown>;
  postMessage(caseId: string, input: MessageInput, ctx: CallContext): Promise<unknown>;
  shareOpinion(caseId: string, input: ShareInput, ctx: CallContext): Promise<unknown>;
  getRecordContent(caseId: string, recordId: string, ctx: CallContext): Promise<Blob>;
  readonly uploads?: UploadTransport;
  readonly events?: EventTransport;
  readonly staff?: StaffBackend;
}
