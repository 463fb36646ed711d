// The case and everything it carries: records, questions, the opinion and the timeline.
import * as z from 'zod/mini';
import { OUTCOMES, RECORD_KINDS, RECORD_STATUSES, ROLES, STATUSES, URGENCIES } from './codes.js';
import { count, id, optionalText, sha256, text, timestamp } from './primitives.js';
import { RequestDraftSchema, RequestSchema } from './request.js';

const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, 'invalid_choice');

export const StatusSchema = choice(STATUSES);
export const RecordKindSchema = choice(RECORD_KINDS);
export const RoleSchema = choice(ROLES);

/** A medical record attached to the case: a report, an image, a study. */
export const RecordSchema = z.object({
  id,
  kind: RecordKindSchema,
  title: text(200),
  mediaType: z.string().check(z.maxLength(100, 'too_long')),
  size: count,
  sha256: z.optional(sha256),
  status: choice(RECORD_STATUSES),
  /** Stable code for why a record was rejected (`hash_mismatch`, `type_not_allowed`, ...). */
  rejectionReason: optionalText(100),
  /** Who added it: the patient's side or the reviewing staff (the opinion report). */
  source: choice(['patient', 'staff'] as const),
  createdAt: timestamp,
  verifiedAt: z.optional(timestamp),
});

/** A question for the specialist, with its answer once the opinion is in. */
export const QuestionSchema = z.object({
  id,
  text: text(1000),
  askedAt: timestamp,
  /** Asked after the opinion, as a follow-up. */
  followUp: z.boolean(),
  answer: z.optional(z.object({ text: text(5000), answeredAt: timestamp })),
});

/** The reviewing specialist as the patient sees them. */
export const SpecialistSchema = z.object({
  name: text(200),
  specialty: text(200),
  credentials: optionalText(200),
});

/** The answer a specialist gives to one question. */
export const AnswerSchema = z.object({ questionId: id, text: text(5000) });

/** Where the opinion's delivery to the care team stands (servers that send it themselves). */
export const CareTeamDeliverySchema = z.object({
  state: choice(['sending', 'delivered', 'failed'] as const),
  /** Who it goes to, as the request named them (the care team's name or clinic). */
  to: optionalText(400),
  /** When the patient last asked to share. */
  requestedAt: timestamp,
  deliveredAt: z.optional(timestamp),
  /** A failed delivery that the server will try again. */
  retrying: z.optional(z.boolean()),
});

/** The second opinion. */
export const OpinionSchema = z.object({
  outcome: choice(OUTCOMES),
  summary: text(5000),
  diagnosis: optionalText(2000),
  recommendations: z.array(text(2000)).check(z.maxLength(50, 'too_many')),
  answers: z.array(AnswerSchema),
  specialist: SpecialistSchema,
  issuedAt: timestamp,
  reportRecordId: z.optional(id),
  sharedWithCareTeamAt: z.optional(timestamp),
  careTeamDelivery: z.optional(CareTeamDeliverySchema),
});

/** What staff send to issue an opinion. */
export const OpinionInputSchema = z.object({
  outcome: choice(OUTCOMES),
  summary: text(5000),
  diagnosis: optionalText(2000),
  recommendations: z.array(text(2000)).check(z.maxLength(50, 'too_many')),
  /** One per question: at most 20 asked with the request, plus the follow-ups. */
  answers: z.array(AnswerSchema).check(z.maxLength(50, 'too_many')),
  specialist: z.optional(SpecialistSchema),
  reportRecordId: z.optional(id),
});

export const EVENT_KINDS = ['status_changed', 'record_added', 'record_updated', 'message', 'shared', 'updated'] as const;

/** One entry of the case's timeline; ids increase within a case. */
export const CaseEventSchema = z.object({
  id: count,
  kind: choice(EVENT_KINDS),
  at: timestamp,
  actor: RoleSchema,
  /** The status after this event. */
  status: StatusSchema,
  previousStatus: z.optional(StatusSchema),
  /** The lifecycle action behind a status change (`submit`, `request_info`, ...). */
  action: optionalText(50),
  /** A message to or from the patient (information request, reply, decline reason). */
  message: optionalText(5000),
  recordKinds: z.optional(z.array(RecordKindSchema)),
  recordId: z.optional(id),
  /** The records a reply sends in answer to an information request. */
  recordIds: z.optional(z.array(id).check(z.maxLength(100, 'too_many'))),
});

/** Something the patient must do for the case to move on. */
export const ActionRequiredSchema = z.object({
  kind: choice(['provide_information'] as const),
  eventId: count,
  message: text(5000),
  recordKinds: z.array(RecordKindSchema),
  requestedAt: timestamp,
  requestedBy: RoleSchema,
});

/** Where the turnaround clock stands. */
export const ClockSchema = z.object({
  state: choice(['not_started', 'running', 'paused', 'stopped'] as const),
  businessDays: count,
  businessDaysUsed: count,
  expectedBy: z.optional(z.iso.date()),
});

const caseBase = {
  id,
  reference: text(40),
  version: count,
  createdAt: timestamp,
  updatedAt: timestamp,
  submittedAt: z.optional(timestamp),
  records: z.array(RecordSchema),
  questions: z.array(QuestionSchema),
  timeline: z.array(CaseEventSchema),
  opinion: z.optional(OpinionSchema),
  /** The date the opinion is expected, YYYY-MM-DD; absent before acceptance. */
  expectedBy: z.optional(z.iso.date()),
  clock: ClockSchema,
  actionsRequired: z.array(ActionRequiredSchema),
  previousCaseId: z.optional(id),
  /** The specialist the case was matched to at acceptance. */
  specialist: z.optional(SpecialistSchema),
  /** Why the backend declined, when it did. */
  declineReason: optionalText(2000),
  followUpsRemaining: count,
};

const DraftCase = z.object({ ...caseBase, status: z.literal('draft'), request: RequestDraftSchema });
const OpenCase = z.object({
  ...caseBase,
  status: z.enum(STATUSES.filter((s) => s !== 'draft') as Exclude<(typeof STATUSES)[number], 'draft'>[]),
  request: RequestSchema,
});

/** A second-opinion case as every backend returns it. */
export const CaseSchema = z.discriminatedUnion('status', [DraftCase, OpenCase]);

/** A line in the list of a caller's cases. */
export const CaseSummarySchema = z.object({
  id,
  reference: text(40),
  status: StatusSchema,
  specialty: optionalText(100),
  createdAt: timestamp,
  updatedAt: timestamp,
  expectedBy: z.optional(z.iso.date()),
  actionRequired: z.boolean(),
  /** The request's urgency (a draft may not have one yet). */
  urgency: z.optional(choice(URGENCIES)),
  /** While the case waits on the patient: since when (the information request). */
  waitingSince: z.optional(timestamp),
  /** The patient's reply that brought the case back to triage, while it is there. */
  repliedAt: z.optional(timestamp),
});

/** One page of a cursor-paginated list. */
export const CasePageSchema = z.object({
  items: z.array(CaseSummarySchema),
  nextCursor: z.nullable(z.string()),
});

export type CaseRecord = z.infer<typeof RecordSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type Specialist = z.infer<typeof SpecialistSchema>;
export type Opinion = z.infer<typeof OpinionSchema>;
export type CareTeamDelivery = z.infer<typeof CareTeamDeliverySchema>;
export type OpinionInput = z.input<typeof OpinionInputSchema>;
export type CaseEvent = z.infer<typeof CaseEventSchema>;
export type ActionRequired = z.infer<typeof ActionRequiredSchema>;
export type Clock = z.infer<typeof ClockSchema>;
/** A second-opinion case. Narrow on `status` to get a complete `request`. */
export type Case = z.infer<typeof CaseSchema>;
export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export type CasePage = z.infer<typeof CasePageSchema>;
