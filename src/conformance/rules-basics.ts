// Rules on the frame of the protocol: config, OpenAPI, auth, problem+json, request ids.
import type { Rule } from './rule.js';
import { check } from './probe.js';

/** Rules every answer and every route follows. */
export const BASIC_RULES: Rule[] = [
  {
    id: 'config.valid',
    title: 'GET /v1/config answers a valid BackendConfig with X-Request-Id',
    async run(p) {
      const a = await p.send('GET', '/v1/config');
      p.status(a, 200, 'GET /v1/config');
      check(a.headers.get('x-request-id'), 'GET /v1/config: no X-Request-Id');
      await p.config();
    },
  },
  {
    id: 'openapi.document',
    title: 'GET /openapi.json answers an OpenAPI 3.1 document with the protocol paths',
    async run(p) {
      const a = await p.send('GET', '/openapi.json', { token: null });
      p.status(a, 200, 'GET /openapi.json');
      const doc = p.json(a, 'GET /openapi.json') as { openapi?: unknown; paths?: Record<string, unknown> };
      check(typeof doc.openapi === 'string' && doc.openapi.startsWith('3.1'), 'GET /openapi.json: "openapi" is not 3.1.x');
      // Path parameters may have any name: compare templates with the names blanked.
      const paths = new Set(Object.keys(doc.paths ?? {}).map((k) => k.replace(/\{[^}]*\}/g, '{}')));
      for (const path of ['/v1/config', '/v1/cases', '/v1/cases/{}', '/v1/cases/{}/events']) check(paths.has(path), `GET /openapi.json: no path ${path}`);
    },
  },
  {
    id: 'auth.required',
    title: 'a missing or invalid bearer token is a 401 problem',
    async run(p) {
      p.problem(await p.send('GET', '/v1/cases', { token: null }), 401, 'GET /v1/cases without a token');
      p.problem(await p.send('GET', '/v1/cases', { token: 'not-a-valid-token' }), 401, 'GET /v1/cases with an invalid token');
    },
  },
  {
    id: 'problem.unknown-route',
    title: 'an unknown route is a 404 problem+json with type, title, status, code and requestId',
    async run(p) {
      const problem = p.problem(await p.send('GET', '/v1/no-such-route'), 404, 'GET /v1/no-such-route');
      check(problem.code === 'not_found', `GET /v1/no-such-route: code is "${String(problem.code)}", not not_found`);
    },
  },
  {
    id: 'problem.malformed-json',
    title: 'a malformed JSON body is a 400 problem',
    async run(p) {
      const a = await p.send('POST', '/v1/cases', { body: '{"request": ', headers: { 'content-type': 'application/json', 'idempotency-key': p.key() } });
      p.problem(a, 400, 'POST /v1/cases with malformed JSON');
    },
  },
  {
    id: 'problem.validation',
    title: 'an invalid request is a 422 problem with errors[] of dotted paths and stable codes',
    async run(p) {
      const a = await p.send('POST', '/v1/cases', {
        json: { request: { patient: { birthDate: '2999-01-01' } }, submit: true },
        headers: { 'idempotency-key': p.key() },
      });
      const problem = p.problem(a, 422, 'POST /v1/cases with an invalid request');
      check(problem.code === 'validation', `422: code is "${String(problem.code)}", not validation`);
      const errors = problem.errors as { path?: unknown; code?: unknown; message?: unknown }[] | undefined;
      check(Array.isArray(errors) && errors.length > 0, '422: no errors[]');
      if (!errors) return;
      check(errors.every((e) => typeof e.path === 'string' && typeof e.code === 'string' && typeof e.message === 'string'), '422: an error lacks path, code or message');
      check(errors.some((e) => e.path === 'request.patient.birthDate' && e.code === 'date_in_future'), '422: no date_in_future issue at request.patient.birthDate');
      check(errors.some((e) => e.path === 'request.questions'), '422: no issue at request.questions');
    },
  },
  {
    id: 'problem.unstorable-text',
    title: 'NUL and lone surrogates in text are a 422 problem with invalid_characters at the field; a NUL in an id is a 404 problem',
    async run(p) {
      for (const odd of ['a\\u0000b', 'x\\ud800y']) {
        // The JSON text carries the escape itself, as a client would send it.
        const body = `{"request":{"diagnosis":{"description":"${odd}"}}}`;
        const a = await p.send('POST', '/v1/cases', { body, headers: { 'content-type': 'application/json', 'idempotency-key': p.key() } });
        const problem = p.problem(a, 422, `POST /v1/cases with "${odd}" in a text field`);
        const errors = (problem.errors ?? []) as { path?: unknown; code?: unknown }[];
        check(Array.isArray(errors) && errors.some((e) => e.path === 'request.diagnosis.description' && e.code === 'invalid_characters'), `422 for "${odd}": no invalid_characters issue at request.diagnosis.description`);
      }
      p.problem(await p.send('GET', '/v1/cases/%00'), 404, 'GET /v1/cases/%00');
    },
  },
];
