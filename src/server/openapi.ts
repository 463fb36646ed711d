// GET /openapi.json: the OpenAPI 3.1 document, generated from the core's zod schemas (one source of
// truth): responses as the server writes them (`io: output`), request bodies as callers send them.
import * as z from 'zod/mini';
import { CaseEventSchema, CasePageSchema, CaseSchema, OpinionInputSchema, RecordSchema } from '../core/model/case.js';
import { BackendConfigSchema } from '../core/model/config.js';
import { RequestSchema } from '../core/model/request.js';
import {
  AcceptBodySchema, ConfirmRecordBodySchema, CreateCaseBodySchema, DeclineBodySchema, DevSessionBodySchema, DevSessionSchema, MessageBodySchema, ProblemSchema,
  RequestInformationBodySchema, ShareBodySchema, UpdateCaseBodySchema, WithdrawBodySchema,
} from './wire.js';
import type { BackendConfig } from '../core/model/config.js';
import { AddWebhookBodySchema, ReplayRangeBodySchema, UpdateWebhookBodySchema } from './routes/webhooks.js';

type JsonObject = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function components(schemas: Record<string, z.ZodMiniType>, io: 'input' | 'output'): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { io, unrepresentable: 'any', target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` }).schemas as Record<string, JsonObject>;
  for (const s of Object.values(out)) {
    // Component schemas live inside the document: no dialect or id of their own.
    delete s.$schema;
    delete s.$id;
  }
  return out;
}

const json = (schema: JsonObject) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const caseAnswer = (description = 'The case after the move.') => ({
  description,
  headers: { ETag: { $ref: '#/components/headers/ETag' } },
  content: json(ref('Case')),
});
const idParam = { $ref: '#/components/parameters/CaseId' };
const common = {
  400: problem('Malformed request (for example, a body that is not JSON).'),
  401: problem('Missing or invalid bearer token.'),
  429: problem('Too many requests; see Retry-After.'),
};
// Every route with a JSON body.
const jsonBody = {
  413: problem('The JSON body is larger than maxBodySize (see /v1/config).'),
  415: problem('The body is not application/json (or +json).'),
};
const idempotencyKey = { $ref: '#/components/parameters/IdempotencyKey' };
const ifMatch = (required: boolean) => ({ name: 'If-Match', in: 'header', required, schema: { type: 'string' }, description: 'The case version as an ETag, `"<version>"`.' });

function action(summary: string, body?: string, extra: JsonObject = {}) {
  return {
    post: {
      summary,
      parameters: [idParam, idempotencyKey, ifMatch(false)],
      ...(body ? { requestBody: { required: false, content: json(ref(body)) } } : {}),
      responses: {
        200: caseAnswer(), ...common, ...(body ? jsonBody : {}), 403: problem('This role may not make this move.'), 404: problem('No such case for this caller.'),
        409: problem('The move is not legal from the case\'s status (`reason: illegal_transition`).'), 412: problem('Stale If-Match.'),
        422: problem('Validation failed; `errors[]` names each field.'), ...extra,
      },
    },
  };
}

const tusHeaders = ['Tus-Resumable', 'Upload-Length', 'Upload-Offset', 'Upload-Metadata'];

/** The OpenAPI 3.1 document of protocol v1 and the reference server's staff API. */
export function openApiDocument(config: BackendConfig): JsonObject {
  const schemas = {
    ...components({ Case: CaseSchema, CasePage: CasePageSchema, BackendConfig: BackendConfigSchema, Record: RecordSchema, CaseEvent: CaseEventSchema, Problem: ProblemSchema, DevSession: DevSessionSchema }, 'output'),
    ...components({
      Request: RequestSchema, OpinionInput: OpinionInputSchema, CreateCaseBody: CreateCaseBodySchema, UpdateCaseBody: UpdateCaseBodySchema,
      WithdrawBody: WithdrawBodySchema, MessageBody: MessageBodySchema, ShareBody: ShareBodySchema, RequestInformationBody: RequestInformationBodySchema,
      AcceptBody: AcceptBodySchema, ConfirmRecordBody: ConfirmRecordBodySchema, DeclineBody: DeclineBodySchema, DevSessionBody: DevSessionBodySchema,
      AddWebhookBody: AddWebhookBodySchema, UpdateWebhookBody: UpdateWebhookBodySchema, ReplayRangeBody: ReplayRangeBodySchema,
    }, 'input'),
  };
  // The request is checked by the case engine (draft or full rules), so its wire schema is `unknown`; document the full one.
  const requestRef = { ...ref('Request'), description: 'The request. With `submit: true` it must be complete; a draft may leave fields out.' };
  for (const body of ['CreateCaseBody', 'UpdateCaseBody']) (schemas[body]?.properties as JsonObject).request = requestRef;
  schemas.CaseEventMessage = { type: 'object', properties: { event: ref('CaseEvent'), case: ref('Case') }, required: ['event', 'case'] };

  const tusParams = tusHeaders.map((name) => ({ name, in: 'header', required: false, schema: { type: 'string' } }));
  return {
    openapi: '3.1.0',
    info: {
      title: `${config.name}: second-opinion protocol`,
      version: config.protocolVersion,
      description: 'Protocol v1 of second-opinion-kit. Errors are application/problem+json (RFC 9457). Every POST and PATCH honours Idempotency-Key.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths: {
      '/v1/config': { get: { summary: 'What this backend offers.', security: [], responses: { 200: { description: 'The configuration.', content: json(ref('BackendConfig')) }, 429: common[429] } } },
      '/v1/cases': {
        post: {
          summary: 'Create a case (a draft, or submitted with `submit: true`).',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: json(ref('CreateCaseBody')) },
          responses: {
            201: { ...caseAnswer('The new case.'), headers: { ETag: { $ref: '#/components/headers/ETag' }, Location: { schema: { type: 'string' } } } },
            ...common, ...jsonBody, 404: problem('The previous case is not the caller\'s.'), 422: problem('Validation failed, or the Idempotency-Key was used with another body.'),
          },
        },
        get: {
          summary: 'The caller\'s cases, newest first.',
          parameters: [
            { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          ],
          responses: { 200: { description: 'One page.', content: json(ref('CasePage')) }, ...common, 422: problem('Bad cursor or limit.') },
        },
      },
      '/v1/cases/{id}': {
        get: {
          summary: 'One case.',
          parameters: [idParam, { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
          responses: { 200: caseAnswer('The case.'), 304: { description: 'Unchanged since the ETag given.' }, ...common, 404: problem('No such case for this caller.') },
        },
        patch: {
          summary: 'Edit a draft.',
          parameters: [idParam, idempotencyKey, ifMatch(true)],
          requestBody: { required: true, content: json(ref('UpdateCaseBody')) },
          responses: {
            200: caseAnswer('The edited case.'), ...common, ...jsonBody, 404: problem('No such case.'), 409: problem('Not a draft any more.'),
            412: problem('Stale version (`reason: stale_version`).'), 422: problem('Validation failed.'), 428: problem('If-Match is required.'),
          },
        },
      },
      '/v1/cases/{id}/submit': action('Submit a draft.'),
      '/v1/cases/{id}/withdraw': action('Withdraw the case.', 'WithdrawBody'),
      '/v1/cases/{id}/messages': action('Reply to an information request, or ask a follow-up question.', 'MessageBody'),
      '/v1/cases/{id}/share': action('Share the opinion with the care team.', 'ShareBody'),
      '/v1/cases/{id}/uploads': {
        post: {
          summary: 'tus 1.0.0 creation of a record upload. Upload-Metadata: kind, title, sha256 (hex), optional mediaType.',
          parameters: [idParam, idempotencyKey, ...tusParams],
          responses: {
            201: { description: 'Created; Location is the upload URL; SO-Record-Id names the record (status uploading).', headers: { Location: { schema: { type: 'string' } }, 'SO-Record-Id': { schema: { type: 'string' } } } },
            ...common, 404: problem('No such case.'), 409: problem('The case is closed.'), 413: problem('Upload-Length over the limit.'), 422: problem('Bad metadata.'),
          },
        },
      },
      '/v1/cases/{id}/uploads/{uploadId}': {
        parameters: [idParam, { name: 'uploadId', in: 'path', required: true, schema: { type: 'string' } }],
        head: { summary: 'tus offset of the upload.', parameters: tusParams, responses: { 200: { description: 'Upload-Offset and Upload-Length.' }, 404: { description: 'No such upload.' } } },
        patch: {
          summary: 'tus bytes at Upload-Offset. The completing PATCH answers SO-Record-Id and SO-Record-Status (verified or rejected).',
          parameters: tusParams,
          requestBody: { required: true, content: { 'application/offset+octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          responses: { 204: { description: 'Stored.' }, ...common, 404: problem('No such upload.'), 409: problem('Offset mismatch.'), 413: problem('Over the limit.'), 415: problem('Content type not accepted; the record is rejected.') },
        },
        delete: { summary: 'tus termination.', parameters: tusParams, responses: { 204: { description: 'Terminated; the record is rejected (cancelled).' }, ...common, 404: problem('No such upload.') } },
      },
      '/v1/cases/{id}/records/{recordId}': {
        patch: {
          summary: 'Send the client\'s SHA-256 after the bytes (an upload created without one): verifies or rejects the record.',
          parameters: [idParam, { name: 'recordId', in: 'path', required: true, schema: { type: 'string' } }, idempotencyKey],
          requestBody: { required: true, content: json(ref('ConfirmRecordBody')) },
          responses: { 200: { description: 'The record, verified or rejected.', content: json(ref('Record')) }, ...common, ...jsonBody, 404: problem('No such record.'), 409: problem('The record is not waiting for a hash.'), 422: problem('Not a SHA-256.') },
        },
      },
      '/v1/cases/{id}/records/{recordId}/content': {
        get: {
          summary: 'The verified content of a record.',
          parameters: [idParam, { name: 'recordId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The bytes, as an attachment.', content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } }, ...common, 404: problem('No such record.') },
        },
      },
      '/v1/cases/{id}/events': {
        get: {
          summary: 'Server-sent events: `id: <event id>`, `event: case-event`, `data: CaseEventMessage`. Resumes after Last-Event-ID. Also `event: case-changed`, `data: {"version": n}`, no id: the case changed without a timeline entry (a care-team delivery\'s state); clients ignore event types they do not know.',
          parameters: [idParam, { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } }, { name: 'lastEventId', in: 'query', required: false, schema: { type: 'string' } }],
          responses: { 200: { description: 'The stream.', content: { 'text/event-stream': { schema: { type: 'string' }, 'x-item-schema': ref('CaseEventMessage') } } }, ...common, 404: problem('No such case.') },
        },
      },
      '/v1/staff/cases': {
        get: {
          summary: 'Every case past draft (staff), narrowed by the filters (all apply together).',
          parameters: [
            { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } }, { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'status', in: 'query', required: false, description: 'Any of these statuses, comma-separated (not draft).', schema: { type: 'string' } },
            { name: 'specialty', in: 'query', required: false, description: 'The request\'s specialty (case-insensitive).', schema: { type: 'string', maxLength: 100 } },
            { name: 'urgency', in: 'query', required: false, schema: { type: 'string', enum: ['routine', 'soon'] } },
            { name: 'due_by', in: 'query', required: false, description: 'Expected on or before this day.', schema: { type: 'string', format: 'date' } },
            { name: 'reference', in: 'query', required: false, description: 'The start of the case reference (letters, digits, dashes).', schema: { type: 'string', maxLength: 40, pattern: '^[A-Za-z0-9-]+$' } },
            { name: 'sort', in: 'query', required: false, description: 'The order of the whole list: `received` (newest first, the default), `due` (earliest expected date first, undated last) or `urgency` (soon first); ties newest first. A cursor belongs to its sort: one from another sort is a 422 on `cursor`.', schema: { type: 'string', enum: ['received', 'due', 'urgency'], default: 'received' } },
          ],
          responses: { 200: { description: 'One page.', content: json(ref('CasePage')) }, ...common, 403: problem('Not staff.'), 422: problem('A filter out of bounds, or a cursor of another sort.') },
        },
      },
      '/v1/staff/cases/{id}/triage': action('Start triage (coordinator).'),
      '/v1/staff/cases/{id}/request-information': action('Ask the patient for information (coordinator, or specialist in review).', 'RequestInformationBody'),
      '/v1/staff/cases/{id}/accept': action('Accept and match a specialist (coordinator).', 'AcceptBody'),
      '/v1/staff/cases/{id}/start-review': action('Start the review (specialist).'),
      '/v1/staff/cases/{id}/decline': action('Decline, with a reason (coordinator).', 'DeclineBody'),
      '/v1/staff/cases/{id}/opinion': action('Issue the opinion (specialist).', 'OpinionInput'),
      '/v1/staff/cases/{id}/report': {
        post: {
          summary: 'Attach the opinion report (a PDF body, at most uploads.maxSize; streamed: 413 once the body passes the limit, 415 when it is not a PDF by Content-Type or first bytes) as a staff record.',
          parameters: [idParam, idempotencyKey],
          requestBody: { required: true, content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } },
          responses: { 201: { description: 'The record.', content: json(ref('Record')) }, ...common, 403: problem('Not staff.'), 404: problem('No such case.'), 413: problem('Too large.'), 415: problem('Not a PDF.') },
        },
      },
      '/v1/dev/session': {
        post: {
          summary: 'Demo tokens (only when the server runs with SO_DEMO=1).',
          security: [],
          requestBody: { required: false, content: json(ref('DevSessionBody')) },
          responses: { 200: { description: 'Tokens.', content: json(ref('DevSession')) }, ...jsonBody, 404: problem('Not in demo mode.') },
        },
      },
      ...outboundPaths(),
      '/openapi.json': { get: { summary: 'This document.', security: [], responses: { 200: { description: 'OpenAPI 3.1.', content: json({ type: 'object' }) } } } },
    },
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      parameters: {
        CaseId: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        IdempotencyKey: { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 }, description: 'One per user action, reused across its retries.' },
      },
      headers: { ETag: { schema: { type: 'string' }, description: 'The case version, `"<version>"`.' } },
    },
  };
}

// The outbound side of the reference server: webhook administration (coordinators) and the care team's link.
function outboundPaths(): JsonObject {
  const endpointId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const coordinator = { ...common, 403: problem('Not a coordinator.'), 404: problem('No such endpoint.') };
  const disabled = { 409: problem('The endpoint is disabled.') };
  const accepted = (description: string) => ({ 202: { description, content: json({ type: 'object' }) } });
  const token = { name: 'token', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } };
  return {
    '/v1/staff/webhooks': {
      get: { summary: 'Webhook endpoints (never their secrets) and the event types.', responses: { 200: { description: 'The endpoints.', content: json({ type: 'object' }) }, ...coordinator } },
      post: { summary: 'Add an endpoint; the answer shows its secret once.', parameters: [idempotencyKey], requestBody: { required: true, content: json(ref('AddWebhookBody')) }, responses: { 201: { description: 'The endpoint and its secret.', content: json({ type: 'object' }) }, ...coordinator, 422: problem('Bad URL or event type.') } },
    },
    '/v1/staff/webhooks/{id}': {
      patch: { summary: 'Enable (clears the reason) or disable an endpoint; change its event types.', parameters: [endpointId, idempotencyKey], requestBody: { required: true, content: json(ref('UpdateWebhookBody')) }, responses: { 200: { description: 'The endpoint.', content: json({ type: 'object' }) }, ...coordinator, 422: problem('Validation failed.') } },
    },
    '/v1/staff/webhooks/{id}/rotate-secret': { post: { summary: 'A new secret; the previous ones keep signing for the overlap.', parameters: [endpointId, idempotencyKey], responses: { 200: { description: 'The new secret.', content: json({ type: 'object' }) }, ...coordinator } } },
    '/v1/staff/webhooks/{id}/test': { post: { summary: 'Send a `webhook.test` message to this endpoint through the outbox.', parameters: [endpointId, idempotencyKey], responses: { ...accepted('The message and delivery ids.'), ...coordinator, ...disabled } } },
    '/v1/staff/webhooks/{id}/deliveries': {
      get: {
        summary: 'The endpoint\'s delivery log, newest first: state, attempts, last status and error.',
        parameters: [endpointId, { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } }, { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } }],
        responses: { 200: { description: 'One page.', content: json({ type: 'object' }) }, ...coordinator, 422: problem('Bad cursor or limit.') },
      },
    },
    '/v1/staff/webhooks/{id}/deliveries/{deliveryId}/replay': { post: { summary: 'Send one delivery again (a fresh retry window).', parameters: [endpointId, { name: 'deliveryId', in: 'path', required: true, schema: { type: 'string' } }, idempotencyKey], responses: { ...accepted('Replayed.'), ...coordinator, ...disabled } } },
    '/v1/staff/webhooks/{id}/replay': { post: { summary: 'Send again every message of a time range this endpoint wants.', parameters: [endpointId, idempotencyKey], requestBody: { required: true, content: json(ref('ReplayRangeBody')) }, responses: { ...accepted('How many were replayed.'), ...coordinator, ...disabled, 422: problem('Bad range.') } } },
    '/v1/cases/{id}/share-links': { delete: { summary: 'Revoke every care-team link of the case.', parameters: [idParam], responses: { 204: { description: 'Revoked.' }, ...common, 404: problem('No such case for this caller.') } } },
    '/v1/shared/{token}': { get: { summary: 'The care team\'s page of a shared opinion (the token is the only key).', security: [], parameters: [token], responses: { 200: { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } }, 404: problem('Unknown, expired or revoked.') } } },
    '/v1/shared/{token}/report': { get: { summary: 'The opinion report through the care team\'s link.', security: [], parameters: [token], responses: { 200: { description: 'The PDF.', content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } }, 404: problem('Unknown, expired, revoked, or no report.') } } },
  };
}
