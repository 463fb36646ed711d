// Rules on cases: creation, ETag and If-Match, lifecycle moves, pagination, idempotency.
import { CasePageSchema, CaseSchema } from '../core/index.js';
import type { Rule } from './rule.js';
import { check } from './probe.js';

/** Rules on the case resources. */
export const CASE_RULES: Rule[] = [
  {
    id: 'cases.create',
    title: 'POST /v1/cases answers 201 with the Case, Location and ETag "<version>"',
    async run(p) {
      const request = await p.sample();
      const a = await p.send('POST', '/v1/cases', { json: { request, submit: true }, headers: { 'idempotency-key': p.key() } });
      p.status(a, 201, 'POST /v1/cases');
      const c = p.valid(CaseSchema, a, 'POST /v1/cases');
      check(c.status === 'submitted', `POST /v1/cases with submit: status is ${c.status}`);
      const location = a.headers.get('location');
      check(location && new URL(p.resolve(location)).pathname.endsWith(`/v1/cases/${c.id}`), 'POST /v1/cases: Location does not name the case');
      check(a.headers.get('etag') === `"${c.version}"`, `POST /v1/cases: ETag is ${a.headers.get('etag')}, not "${c.version}"`);
    },
  },
  {
    id: 'cases.previous',
    title: 'POST /v1/cases links an earlier case named by its id or by its reference (SO-XXXX-XXXX), in the body or the request',
    async run(p) {
      const first = await p.createCase();
      const create = async (json: object, what: string) => {
        const a = await p.send('POST', '/v1/cases', { json, headers: { 'idempotency-key': p.key() } });
        p.status(a, 201, what);
        return p.valid(CaseSchema, a, what);
      };
      const request = await p.sample();
      const byId = await create({ request, previousCaseId: first.id }, 'POST /v1/cases with previousCaseId: <id>');
      check(byId.previousCaseId === first.id, `previousCaseId <id>: the case follows ${String(byId.previousCaseId)}, not ${first.id}`);
      const byReference = await create({ request, previousCaseId: first.reference }, 'POST /v1/cases with previousCaseId: <reference>');
      check(byReference.previousCaseId === first.id, `previousCaseId <reference>: the case follows ${String(byReference.previousCaseId)}, not ${first.id}`);
      const inRequest = await create({ request: { ...request, previousCaseId: byReference.reference } }, 'POST /v1/cases with request.previousCaseId: <reference>');
      check(inRequest.previousCaseId === byReference.id, `request.previousCaseId <reference>: the case follows ${String(inRequest.previousCaseId)}, not ${byReference.id}`);
      p.problem(await p.send('POST', '/v1/cases', { json: { request, previousCaseId: 'SO-2222-2222' }, headers: { 'idempotency-key': p.key() } }), 404, 'POST /v1/cases following an unknown reference');
    },
  },
  {
    id: 'cases.etag',
    title: 'GET /v1/cases/{id} carries ETag "<version>" and answers 304 to a matching If-None-Match',
    async run(p) {
      const c = await p.createCase();
      const a = await p.send('GET', `/v1/cases/${c.id}`);
      p.status(a, 200, 'GET /v1/cases/{id}');
      const etag = a.headers.get('etag');
      check(etag === `"${c.version}"`, `GET /v1/cases/{id}: ETag is ${etag}, not "${c.version}"`);
      p.status(await p.send('GET', `/v1/cases/${c.id}`, { headers: { 'if-none-match': etag ?? '' } }), 304, 'GET with a matching If-None-Match');
      p.status(await p.send('GET', `/v1/cases/${c.id}`, { headers: { 'if-none-match': '"999999"' } }), 200, 'GET with another If-None-Match');
    },
  },
  {
    id: 'cases.if-match',
    title: 'PATCH /v1/cases/{id} needs If-Match (428), refuses a stale one (412 stale_version), applies a current one',
    async run(p) {
      const c = await p.createCase();
      const json = { request: { ...c.request, treatingPhysician: { name: 'Dr. Other Example' } } };
      p.problem(await p.send('PATCH', `/v1/cases/${c.id}`, { json, headers: { 'idempotency-key': p.key() } }), 428, 'PATCH without If-Match');
      const stale = p.problem(await p.send('PATCH', `/v1/cases/${c.id}`, { json, headers: { 'idempotency-key': p.key(), 'if-match': `"${c.version + 100}"` } }), 412, 'PATCH with a stale If-Match');
      check(stale.reason === 'stale_version', `412: reason is "${String(stale.reason)}", not stale_version`);
      const a = await p.send('PATCH', `/v1/cases/${c.id}`, { json, headers: { 'idempotency-key': p.key(), 'if-match': `"${c.version}"` } });
      p.status(a, 200, 'PATCH with the current If-Match');
      const edited = p.valid(CaseSchema, a, 'PATCH /v1/cases/{id}');
      check(edited.version > c.version, 'PATCH: the version did not increase');
      check(edited.request.treatingPhysician?.name === 'Dr. Other Example', 'PATCH: the edit was not applied');
      check(a.headers.get('etag') === `"${edited.version}"`, 'PATCH: ETag is not the new version');
    },
  },
  {
    id: 'cases.lifecycle',
    title: 'submit and withdraw move the case; an illegal move is a 409 problem with reason illegal_transition',
    async run(p) {
      const c = await p.createCase();
      const submit = await p.send('POST', `/v1/cases/${c.id}/submit`, { json: {}, headers: { 'idempotency-key': p.key() } });
      p.status(submit, 200, 'POST /submit');
      check(p.valid(CaseSchema, submit, 'POST /submit').status === 'submitted', 'POST /submit: the case is not submitted');
      const again = p.problem(await p.send('POST', `/v1/cases/${c.id}/submit`, { json: {}, headers: { 'idempotency-key': p.key() } }), 409, 'POST /submit twice');
      check(again.reason === 'illegal_transition', `409: reason is "${String(again.reason)}", not illegal_transition`);
      const withdraw = await p.send('POST', `/v1/cases/${c.id}/withdraw`, { json: { reason: 'No longer needed' }, headers: { 'idempotency-key': p.key() } });
      p.status(withdraw, 200, 'POST /withdraw');
      check(p.valid(CaseSchema, withdraw, 'POST /withdraw').status === 'withdrawn', 'POST /withdraw: the case is not withdrawn');
      p.problem(await p.send('GET', '/v1/cases/00000000-0000-4000-8000-000000000000'), 404, 'GET a case that does not exist');
    },
  },
  {
    id: 'cases.pagination',
    title: 'GET /v1/cases pages newest first with an opaque cursor, every case once',
    async run(p) {
      const created = [await p.createCase(), await p.createCase(), await p.createCase()].map((c) => c.id);
      const seen: string[] = [];
      const stamps: string[] = [];
      let cursor: string | null = null;
      // Bounded: a server whose cursor never ends fails instead of looping forever.
      for (let page = 0; page < 500; page++) {
        const a = await p.send('GET', `/v1/cases?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        p.status(a, 200, 'GET /v1/cases');
        const body = p.valid(CasePageSchema, a, 'GET /v1/cases');
        check(body.items.length <= 2, `GET /v1/cases?limit=2: ${body.items.length} items`);
        seen.push(...body.items.map((i) => i.id));
        stamps.push(...body.items.map((i) => i.createdAt));
        if (page === 0) check(body.nextCursor !== null, 'GET /v1/cases?limit=2: no nextCursor although there are more cases');
        cursor = body.nextCursor;
        if (cursor === null) break;
      }
      check(cursor === null, 'GET /v1/cases: the cursor never ends');
      check(new Set(seen).size === seen.length, 'GET /v1/cases: a case appears on two pages');
      check(created.every((id) => seen.includes(id)), 'GET /v1/cases: a created case is missing');
      check(stamps.every((s, i) => i === 0 || Date.parse(stamps[i - 1]!) >= Date.parse(s)), 'GET /v1/cases: not newest first');
      const newest = seen.indexOf(created[2]!);
      check(newest >= 0 && newest < seen.indexOf(created[0]!), 'GET /v1/cases: the newest case is not listed before the oldest');
    },
  },
  {
    id: 'cases.opaque-cursor',
    title: 'the list cursor is a keyset position: no bare number (row number, offset, count), stable while cases are added; a forged one is a 422 problem',
    async run(p) {
      for (let i = 0; i < 3; i++) await p.createCase();
      const first = p.valid(CasePageSchema, await p.send('GET', '/v1/cases?limit=2'), 'GET /v1/cases?limit=2');
      const cursor = first.nextCursor;
      check(cursor !== null, 'GET /v1/cases?limit=2: no nextCursor although there are more cases');
      if (cursor === null) return;
      const decodings = [cursor, Buffer.from(cursor, 'base64url').toString('latin1'), Buffer.from(cursor, 'base64').toString('latin1')];
      check(!decodings.some((d) => /^\s*\d+\s*$/.test(d)), 'GET /v1/cases: nextCursor is a bare number (a row number or offset tells how many cases there are)');
      // A case added after the first page must not shift the next one.
      await p.createCase();
      const second = p.valid(CasePageSchema, await p.send('GET', `/v1/cases?limit=2&cursor=${encodeURIComponent(cursor)}`), 'GET /v1/cases with the cursor');
      const seen = new Set(first.items.map((i) => i.id));
      check(!second.items.some((i) => seen.has(i.id)), 'GET /v1/cases: a case added meanwhile shifted the next page (an offset, not a keyset)');
      p.problem(await p.send('GET', `/v1/cases?cursor=${encodeURIComponent(Buffer.from('["forged"]').toString('base64url'))}`), 422, 'GET /v1/cases with a forged cursor');
    },
  },
  {
    id: 'idempotency.replay',
    title: 'the same Idempotency-Key and body replay the stored answer (Idempotent-Replayed: true), one case',
    async run(p) {
      const request = await p.sample();
      const key = p.key();
      const first = await p.send('POST', '/v1/cases', { json: { request }, headers: { 'idempotency-key': key } });
      p.status(first, 201, 'POST /v1/cases');
      const second = await p.send('POST', '/v1/cases', { json: { request }, headers: { 'idempotency-key': key } });
      p.status(second, 201, 'POST /v1/cases replayed');
      check(second.headers.get('idempotent-replayed') === 'true', 'replay: no Idempotent-Replayed: true');
      const a = p.valid(CaseSchema, first, 'POST /v1/cases');
      const b = p.valid(CaseSchema, second, 'POST /v1/cases replayed');
      check(a.id === b.id, 'replay: a second case was created');
      check(second.headers.get('location') === first.headers.get('location'), 'replay: Location differs');
    },
  },
  {
    id: 'idempotency.mismatch',
    title: 'the same Idempotency-Key with another body is a 422 problem with reason idempotency_mismatch',
    async run(p) {
      const request = await p.sample();
      const key = p.key();
      p.status(await p.send('POST', '/v1/cases', { json: { request }, headers: { 'idempotency-key': key } }), 201, 'POST /v1/cases');
      const other = { request: { ...request, questions: ['A different fictitious question?'] } };
      const problem = p.problem(await p.send('POST', '/v1/cases', { json: other, headers: { 'idempotency-key': key } }), 422, 'POST /v1/cases, same key, other body');
      check(problem.reason === 'idempotency_mismatch', `422: reason is "${String(problem.reason)}", not idempotency_mismatch`);
    },
  },
];
