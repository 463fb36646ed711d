// The case engine: applies lifecycle moves to a case as pure functions. MemoryBackend and the
// reference server both run it, so every backend of ours enforces exactly the same rules.
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type SecondOpinionError } from '../errors.js';
import type { RecordKind, Role, Status } from '../model/codes.js';
import type { Case, CaseEvent, CaseRecord, CaseSummary, Opinion, OpinionInput, Question, Specialist } from '../model/case.js';
import { OpinionInputSchema } from '../model/case.js';
import type { BackendConfig } from '../model/config.js';
import { parseWith } from '../model/parse.js';
import { RequestDraftSchema, RequestSchema, type Request, type RequestDraft } from '../model/request.js';
import { readClock, type ClockOptions } from './clock.js';
import { checkTransition, type Action } from './transitions.js';

/** What the engine needs from its host: the time, new ids, and the backend's terms. */
export interface EngineContext {
  now: Date;
  newId: () => string;
  config: Pick<BackendConfig, 'turnaroundBusinessDays' | 'followUpLimit'>;
  clock?: Omit<ClockOptions, 'businessDays' | 'now'>;
}

/** Payloads of the moves that carry one. */
export interface ActionInputs {
  submit: undefined;
  withdraw: { reason?: string };
  triage: undefined;
  request_info: { message: string; recordKinds: RecordKind[] };
  reply: { text: string; recordIds?: string[] };
  accept: { specialist: Specialist };
  decline: { reason: string };
  start_review: undefined;
  issue_opinion: OpinionInput;
  follow_up: { text: string };
}

/** A move's result: the new case, or a typed error. */
export type EngineResult = { ok: true; case: Case; events: CaseEvent[] } | { ok: false; error: SecondOpinionError };

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A human-readable reference such as `SO-7K3F-9QX2`, from random bytes. */
export function newReference(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const chars = [...random(8)].map((b) => REFERENCE_ALPHABET[b % 32]).join('');
  return `SO-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

const REFERENCE_PATTERN = /^SO-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

/** A case reference as a person types it (any letter case, spaces around), in its stored form; undefined when it is not one. */
export function caseReference(value: string): string | undefined {
  const v = value.trim().toUpperCase();
  return REFERENCE_PATTERN.test(v) ? v : undefined;
}

/**
 * The earlier case a new request follows, as the caller named it: `previousCaseId` on the call, else
 * in the request (the form's "earlier request number"). Either a case id or its reference.
 */
export function earlierCaseOf(input: { request: unknown; previousCaseId?: string }): string | undefined {
  const inRequest = (input.request as { previousCaseId?: unknown } | null | undefined)?.previousCaseId;
  return input.previousCaseId ?? (typeof inRequest === 'string' && inRequest.trim() ? inRequest : undefined);
}

/** A new case linked to the earlier case's id, once the backend has found it from its id or reference. */
export function linkEarlier(c: Case, earlierId: string): Case {
  return { ...c, previousCaseId: earlierId };
}

function iso(d: Date): string {
  return d.toISOString();
}

function nextEventId(c: Case): number {
  return (c.timeline.at(-1)?.id ?? 0) + 1;
}

/** Recomputes what follows from the timeline: the clock, actions required, follow-ups left. */
export function derive(c: Case, ctx: EngineContext): Case {
  const statusEvents = c.timeline.filter((e) => e.kind === 'status_changed');
  const clock = readClock(statusEvents, { ...ctx.clock, businessDays: ctx.config.turnaroundBusinessDays, now: ctx.now });
  const lastRequest = [...c.timeline].reverse().find((e) => e.action === 'request_info');
  const actionsRequired = c.status === 'info_requested' && lastRequest
    ? [{
        kind: 'provide_information' as const,
        eventId: lastRequest.id,
        message: lastRequest.message ?? '',
        recordKinds: lastRequest.recordKinds ?? [],
        requestedAt: lastRequest.at,
        requestedBy: lastRequest.actor,
      }]
    : [];
  const followUps = c.questions.filter((q) => q.followUp).length;
  const out = { ...c, clock, actionsRequired, followUpsRemaining: Math.max(0, ctx.config.followUpLimit - followUps) } as Case;
  if (clock.expectedBy) out.expectedBy = clock.expectedBy;
  else delete out.expectedBy;
  return out;
}

function questionsFrom(texts: readonly string[], at: string, ctx: EngineContext, followUp = false): Question[] {
  return texts.map((text) => ({ id: ctx.newId(), text, askedAt: at, followUp }));
}

/** Creates a case from a request: a draft, or submitted at once. */
export function createCase(
  input: { request: unknown; submit?: boolean; previousCaseId?: string },
  ctx: EngineContext & { reference?: string },
): EngineResult {
  const at = iso(ctx.now);
  const parsed = input.submit ? parseWith(RequestSchema, input.request) : parseWith(RequestDraftSchema, input.request);
  if (!parsed.ok) return { ok: false, error: new ValidationError(parsed.issues.map((i) => ({ ...i, path: prefixed('request', i.path) }))) };
  const request = parsed.value as Request | RequestDraft;
  const previousCaseId = input.previousCaseId ?? request.previousCaseId;
  const status: Status = input.submit ? 'submitted' : 'draft';
  const created: CaseEvent = { id: 1, kind: 'status_changed', at, actor: 'patient', status: 'draft', action: 'create' };
  const timeline: CaseEvent[] = [created];
  if (input.submit) timeline.push({ id: 2, kind: 'status_changed', at, actor: 'patient', status: 'submitted', previousStatus: 'draft', action: 'submit' });
  const c = {
    id: ctx.newId(),
    reference: ctx.reference ?? newReference(),
    version: 1,
    status,
    createdAt: at,
    updatedAt: at,
    ...(input.submit ? { submittedAt: at } : {}),
    request,
    records: [],
    questions: input.submit ? questionsFrom((request as Request).questions, at, ctx) : [],
    timeline,
    actionsRequired: [],
    clock: { state: 'not_started', businessDays: ctx.config.turnaroundBusinessDays, businessDaysUsed: 0 },
    followUpsRemaining: ctx.config.followUpLimit,
    ...(previousCaseId ? { previousCaseId } : {}),
  } as Case;
  return { ok: true, case: derive(c, ctx), events: timeline };
}

function prefixed(prefix: string, path: string): string {
  return path ? `${prefix}.${path}` : prefix;
}

/** Replaces a draft's request. Only drafts can be edited. */
export function updateDraft(c: Case, request: unknown, ctx: EngineContext): EngineResult {
  if (c.status !== 'draft') return { ok: false, error: new ConflictError('illegal_transition') };
  const parsed = parseWith(RequestDraftSchema, request);
  if (!parsed.ok) return { ok: false, error: new ValidationError(parsed.issues.map((i) => ({ ...i, path: prefixed('request', i.path) }))) };
  const at = iso(ctx.now);
  const event: CaseEvent = { id: nextEventId(c), kind: 'updated', at, actor: 'patient', status: 'draft' };
  const next = { ...c, request: parsed.value, version: c.version + 1, updatedAt: at, timeline: [...c.timeline, event] } as Case;
  return { ok: true, case: derive(next, ctx), events: [event] };
}

function invalid(path: string, code: 'required' | 'invalid' = 'required'): EngineResult {
  return { ok: false, error: new ValidationError([{ path, code, message: code === 'required' ? 'This information is needed.' : 'Check this entry.' }]) };
}

/** Applies a lifecycle move by a role. Illegal moves are conflicts; a role that may not move is forbidden. */
export function applyAction<A extends Action>(c: Case, action: A, role: Role, input: ActionInputs[A], ctx: EngineContext): EngineResult {
  const check = checkTransition(c.status, action, role);
  if (!check.ok) {
    return { ok: false, error: check.reason === 'illegal_transition' ? new ConflictError('illegal_transition') : new ForbiddenError() };
  }
  const at = iso(ctx.now);
  let next: Case = { ...c };
  const event: CaseEvent = { id: nextEventId(c), kind: 'status_changed', at, actor: role, status: check.to, previousStatus: c.status, action };

  switch (action) {
    case 'submit': {
      const parsed = parseWith(RequestSchema, c.request);
      if (!parsed.ok) return { ok: false, error: new ValidationError(parsed.issues.map((i) => ({ ...i, path: prefixed('request', i.path) }))) };
      next = { ...next, request: parsed.value, submittedAt: at, questions: questionsFrom(parsed.value.questions, at, ctx) } as Case;
      break;
    }
    case 'withdraw': {
      const reason = (input as ActionInputs['withdraw'] | undefined)?.reason?.trim();
      if (reason) event.message = reason.slice(0, 2000);
      break;
    }
    case 'request_info': {
      const { message, recordKinds } = input as ActionInputs['request_info'];
      if (!message?.trim()) return invalid('message');
      event.message = message.trim();
      event.recordKinds = [...new Set(recordKinds ?? [])];
      break;
    }
    case 'reply': {
      const { text, recordIds } = input as ActionInputs['reply'];
      if (!text?.trim() && !recordIds?.length) return invalid('text');
      if (recordIds?.some((id) => !c.records.some((r) => r.id === id))) return invalid('recordIds', 'invalid');
      event.message = text?.trim() || undefined;
      if (recordIds?.length) event.recordIds = [...new Set(recordIds)];
      break;
    }
    case 'accept': {
      const { specialist } = input as ActionInputs['accept'];
      if (!specialist?.name?.trim() || !specialist.specialty?.trim()) return invalid('specialist');
      next = { ...next, specialist };
      break;
    }
    case 'decline': {
      const { reason } = input as ActionInputs['decline'];
      if (!reason?.trim()) return invalid('reason');
      event.message = reason.trim();
      next = { ...next, declineReason: reason.trim() };
      break;
    }
    case 'issue_opinion': {
      const parsed = parseWith(OpinionInputSchema, input);
      if (!parsed.ok) return { ok: false, error: new ValidationError(parsed.issues) };
      const o = parsed.value;
      const unknownQuestion = o.answers.findIndex((a) => !c.questions.some((q) => q.id === a.questionId));
      if (unknownQuestion >= 0) return invalid(`answers.${unknownQuestion}.questionId`, 'invalid');
      const unanswered = c.questions.findIndex((q) => !q.answer && !o.answers.some((a) => a.questionId === q.id));
      if (unanswered >= 0) return invalid(`answers.${o.answers.length}`);
      if (o.reportRecordId && !c.records.some((r) => r.id === o.reportRecordId)) return invalid('reportRecordId', 'invalid');
      const specialist = o.specialist ?? c.specialist;
      if (!specialist) return invalid('specialist');
      const opinion: Opinion = {
        outcome: o.outcome,
        summary: o.summary,
        recommendations: o.recommendations,
        // Follow-up opinions keep the earlier answers and add the new ones.
        answers: [...(c.opinion?.answers.filter((a) => !o.answers.some((n) => n.questionId === a.questionId)) ?? []), ...o.answers],
        specialist,
        issuedAt: at,
        ...(o.diagnosis ? { diagnosis: o.diagnosis } : {}),
        ...(o.reportRecordId ? { reportRecordId: o.reportRecordId } : {}),
        ...(c.opinion?.sharedWithCareTeamAt ? { sharedWithCareTeamAt: c.opinion.sharedWithCareTeamAt } : {}),
        ...(c.opinion?.careTeamDelivery ? { careTeamDelivery: c.opinion.careTeamDelivery } : {}),
      };
      const questions = c.questions.map((q) => {
        const a = o.answers.find((x) => x.questionId === q.id);
        return a ? { ...q, answer: { text: a.text, answeredAt: at } } : q;
      });
      next = { ...next, opinion, questions };
      break;
    }
    case 'follow_up': {
      const { text } = input as ActionInputs['follow_up'];
      const clean = text?.trim();
      if (!clean) return invalid('text');
      if (clean.length > 1000) return { ok: false, error: new ValidationError([{ path: 'text', code: 'too_long', message: 'Shorten this to 1000 characters or fewer.', params: { maximum: 1000 } }]) };
      if (c.followUpsRemaining <= 0) return { ok: false, error: new ConflictError('conflict') };
      event.message = clean;
      next = { ...next, questions: [...c.questions, ...questionsFrom([clean], at, ctx, true)] };
      break;
    }
    default:
      break;
  }

  next = { ...next, status: check.to, version: c.version + 1, updatedAt: at, timeline: [...c.timeline, event] } as Case;
  return { ok: true, case: derive(next, ctx), events: [event] };
}

/** Marks the opinion as shared with the care team. Needs an opinion and consent to share. */
export function shareOpinion(c: Case, ctx: EngineContext, note?: string): EngineResult {
  if (c.status !== 'opinion_ready' || !c.opinion) return { ok: false, error: new ConflictError('illegal_transition') };
  if (c.status === 'opinion_ready' && !c.request.consent.scopes.includes('share_with_care_team')) {
    return { ok: false, error: new ForbiddenError() };
  }
  const at = iso(ctx.now);
  const event: CaseEvent = { id: nextEventId(c), kind: 'shared', at, actor: 'patient', status: c.status, ...(note?.trim() ? { message: note.trim() } : {}) };
  const { careTeamDelivery: _previous, ...opinion } = c.opinion;
  const next = { ...c, opinion: { ...opinion, sharedWithCareTeamAt: at }, version: c.version + 1, updatedAt: at, timeline: [...c.timeline, event] } as Case;
  return { ok: true, case: derive(next, ctx), events: [event] };
}

/** Adds a record (or replaces one with the same id) and logs it on the timeline. */
export function putRecord(c: Case, record: CaseRecord, ctx: EngineContext, actor: Role = 'patient'): EngineResult {
  if (c.status === 'declined' || c.status === 'withdrawn') return { ok: false, error: new ConflictError('illegal_transition') };
  const exists = c.records.some((r) => r.id === record.id);
  const at = iso(ctx.now);
  const event: CaseEvent = { id: nextEventId(c), kind: exists ? 'record_updated' : 'record_added', at, actor, status: c.status, recordId: record.id, recordKinds: [record.kind] };
  const records = exists ? c.records.map((r) => (r.id === record.id ? record : r)) : [...c.records, record];
  const next = { ...c, records, version: c.version + 1, updatedAt: at, timeline: [...c.timeline, event] } as Case;
  return { ok: true, case: derive(next, ctx), events: [event] };
}

/** The line a case shows in a list. */
export function summarize(c: Case): CaseSummary {
  const last = c.timeline.findLast((e) => e.kind === 'status_changed');
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    ...(c.request.specialty ? { specialty: c.request.specialty } : {}),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    ...(c.expectedBy ? { expectedBy: c.expectedBy } : {}),
    actionRequired: c.actionsRequired.length > 0,
    ...(c.request.urgency ? { urgency: c.request.urgency } : {}),
    ...(last?.status === 'info_requested' && c.status === 'info_requested' ? { waitingSince: last.at } : {}),
    ...(last?.action === 'reply' && c.status === 'triage' ? { repliedAt: last.at } : {}),
  };
}

/** A NotFoundError, for hosts of the engine. */
export const notFound = (): NotFoundError => new NotFoundError();
