// The bodies the protocol's routes accept, as zod/mini schemas: validated here, documented in OpenAPI.
import * as z from 'zod/mini';
import { RecordKindSchema, SpecialistSchema } from '../core/model/case.js';
import { RECORD_KINDS } from '../core/model/codes.js';
import { id, optionalText, sha256, storable, text } from '../core/model/primitives.js';

// The request itself is checked by the case engine (a draft's rules or a full request's), so here it
// only has to be present.
/** `POST /v1/cases`. */
export const CreateCaseBodySchema = z.object({
  request: z.unknown().check(z.refine((v) => v !== undefined && v !== null, 'required')),
  submit: z.optional(z.boolean()),
  previousCaseId: z.optional(id),
});

/** `PATCH /v1/cases/{id}`. */
export const UpdateCaseBodySchema = z.object({
  request: z.unknown().check(z.refine((v) => v !== undefined && v !== null, 'required')),
});

/** `POST /v1/cases/{id}/withdraw`. */
export const WithdrawBodySchema = z.object({ reason: optionalText(2000) });

/** `POST /v1/cases/{id}/messages`. */
export const MessageBodySchema = z.object({
  kind: z.enum(['reply', 'follow_up'], 'invalid_choice'),
  text: z.optional(z.string().check(z.maxLength(5000, 'too_long'), storable)),
  recordIds: z.optional(z.array(id).check(z.maxLength(100, 'too_many'))),
});

/** `POST /v1/cases/{id}/share`. */
export const ShareBodySchema = z.object({ note: optionalText(2000) });

/** `POST /v1/staff/cases/{id}/request-information`. */
export const RequestInformationBodySchema = z.object({
  message: text(5000),
  recordKinds: z.array(RecordKindSchema).check(z.maxLength(RECORD_KINDS.length, 'too_many')),
});

/** `POST /v1/staff/cases/{id}/accept`. */
export const AcceptBodySchema = z.object({ specialist: SpecialistSchema });

/** `POST /v1/staff/cases/{id}/decline`. */
export const DeclineBodySchema = z.object({ reason: text(2000) });

/** `POST /v1/dev/session`: nothing to choose (every session is a fresh patient), so any member is refused. */
export const DevSessionBodySchema = z.strictObject({});

/** `POST /v1/dev/session`'s answer. */
export const DevSessionSchema = z.object({
  patientToken: z.string(),
  staffToken: z.string(),
  coordinatorToken: z.string(),
  specialistToken: z.string(),
  patientId: z.string(),
});

/** The problem+json document of every error (RFC 9457). */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.string(),
  code: z.string(),
  reason: z.optional(z.string()),
  errors: z.optional(z.array(z.object({
    path: z.string(),
    code: z.string(),
    message: z.string(),
    params: z.optional(z.object({ minimum: z.optional(z.number()), maximum: z.optional(z.number()) })),
  }))),
  requestId: z.optional(z.string()),
});

/** `PATCH /v1/cases/{id}/records/{recordId}`: the client's SHA-256, sent after the bytes. */
export const ConfirmRecordBodySchema = z.object({ sha256 });
