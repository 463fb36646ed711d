// Rules on every request and answer: bodies bounded by the published cap (413), JSON only as JSON
// (415), and answers with case data never cached nor sniffed.
import { CaseSchema, DEFAULT_MAX_BODY_SIZE } from '../core/index.js';
import { EventReader } from './event-reader.js';
import type { Answer, Probe } from './probe.js';
import { check } from './probe.js';
import type { Rule } from './rule.js';

/** A body of `total` spaces made as it is sent, counting how much the server let through. */
function spaces(total: number): { stream: ReadableStream<Uint8Array>; sent: () => number } {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (sent >= total) return ctrl.close();
      sent += chunk.length;
      ctrl.enqueue(chunk);
    },
  });
  return { stream, sent: () => sent };
}

function isPrivate(headers: Headers, what: string): void {
  const cache = headers.get('cache-control') ?? '';
  check(/(?:^|,)\s*no-store\s*(?:,|$)/i.test(cache), `${what}: Cache-Control is "${cache}", not no-store`);
  check(headers.get('x-content-type-options')?.toLowerCase() === 'nosniff', `${what}: no X-Content-Type-Options: nosniff`);
}

const privateAnswer = (a: Answer, what: string) => isPrivate(a.headers, what);

async function capOf(p: Probe): Promise<number> {
  return (await p.config()).maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
}

/** Rules every request body and every answer with case data follow. */
export const REQUEST_RULES: Rule[] = [
  {
    id: 'requests.body-cap',
    title: 'a JSON body over /v1/config maxBodySize (1 MiB when absent) is a 413 problem, answered as soon as the cap is passed',
    async run(p) {
      const cap = await capOf(p);
      const request = await p.sample();
      // Declared: refused by its length. Valid JSON, so only its size can be wrong.
      const padded = JSON.stringify({ request: { ...request, proposedTreatment: ' '.repeat(cap) } });
      const declared = await p.send('POST', '/v1/cases', { body: padded, headers: { 'content-type': 'application/json', 'idempotency-key': p.key() } });
      p.problem(declared, 413, 'POST /v1/cases over the cap');
      // Streamed without a length, 64 times the cap: the answer must come before the body ends.
      const total = cap * 64;
      const body = spaces(total);
      const streamed = await p.send('POST', '/v1/cases', { body: body.stream, headers: { 'content-type': 'application/json', 'idempotency-key': p.key() } });
      p.problem(streamed, 413, 'POST /v1/cases streamed past the cap');
      check(body.sent() < total, 'POST /v1/cases streamed past the cap: the server read the whole body before answering');
    },
  },
  {
    id: 'requests.json-only',
    title: 'a JSON route\'s body sent as another type (text/plain, a form, none) is a 415 problem',
    async run(p) {
      const json = JSON.stringify({ request: await p.sample() });
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        p.problem(await p.send('POST', '/v1/cases', { body: json, headers: { 'content-type': type, 'idempotency-key': p.key() } }), 415, `POST /v1/cases as ${type}`);
      }
      // A Blob without a type sends no Content-Type.
      p.problem(await p.send('POST', '/v1/cases', { body: new Blob([json]), headers: { 'idempotency-key': p.key() } }), 415, 'POST /v1/cases without a Content-Type');
    },
  },
  {
    id: 'answers.private',
    title: 'every answer with case data (cases, lists, moves, replays, problems, the event stream) has Cache-Control: no-store and X-Content-Type-Options: nosniff',
    async run(p) {
      const request = await p.sample();
      const key = p.key();
      const created = await p.send('POST', '/v1/cases', { json: { request }, headers: { 'idempotency-key': key } });
      p.status(created, 201, 'POST /v1/cases');
      privateAnswer(created, 'POST /v1/cases');
      const c = p.valid(CaseSchema, created, 'POST /v1/cases');
      const replay = await p.send('POST', '/v1/cases', { json: { request }, headers: { 'idempotency-key': key } });
      check(replay.headers.get('idempotent-replayed') === 'true', 'POST /v1/cases again with its key: not a replay');
      privateAnswer(replay, 'a replayed POST /v1/cases');
      privateAnswer(await p.send('GET', `/v1/cases/${c.id}`), 'GET /v1/cases/{id}');
      privateAnswer(await p.send('GET', '/v1/cases'), 'GET /v1/cases');
      privateAnswer(await p.send('GET', '/v1/cases/no-such-case'), 'a 404 of /v1/cases/{id}');
      const submit = await p.send('POST', `/v1/cases/${c.id}/submit`, { json: {}, headers: { 'idempotency-key': p.key(), 'if-match': `"${c.version}"` } });
      p.status(submit, 200, 'POST /submit');
      privateAnswer(submit, 'POST /submit');
      const reader = await EventReader.open(p.options.fetch, p.url(`/v1/cases/${c.id}/events`), { authorization: `Bearer ${p.options.token}` }, p.signal);
      try {
        check(reader.status === 200, `GET /events: expected 200, got ${reader.status}`);
        isPrivate(reader.headers, 'GET /events');
      } finally {
        reader.close();
      }
    },
  },
];
