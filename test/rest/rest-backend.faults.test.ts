// RestBackend against small real HTTP servers on loopback that misbehave on purpose.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  AuthError, ConflictError, ForbiddenError, NetworkError, NotFoundError, ProtocolError, RateLimitError, RestBackend, ServerError,
  ValidationError, type CallContext,
} from '../../src/core/index.js';
import { retryAfterMs } from '../../src/core/http/retry-after.js';
import { kyRetry } from '../../src/core/backends/rest/retry-policy.js';
import { loopback, reply, type Loopback } from './loopback.js';

const ctx = (extra: Partial<CallContext> = {}): CallContext => ({ getAccessToken: () => 'tok-1', ...extra });
const fast = { baseDelayMs: 1, maxDelayMs: 5 };
const servers: Loopback[] = [];
async function serve(script: Parameters<typeof loopback>[0]): Promise<Loopback> {
  const s = await loopback(script);
  servers.push(s);
  return s;
}
after(() => Promise.all(servers.map((s) => s.close())));

describe('RestBackend sends the protocol headers', () => {
  it('sends the bearer token, the Idempotency-Key on POST and PATCH only, and If-Match with the version', async () => {
    const s = await serve((_req, res) => reply(res, 200, { ok: true }));
    const b = new RestBackend({ endpoint: `${s.url}/`, retry: fast });
    await b.getCase('c 1', ctx({ idempotencyKey: 'k-get' }));
    await b.createCase({ request: {} }, ctx({ idempotencyKey: 'k-post' }));
    await b.updateCase('c1', { request: { specialty: 'x' }, version: 7 }, ctx({ idempotencyKey: 'k-patch' }));
    const [get, post, patch] = s.seen;
    assert.equal(get!.url, '/v1/cases/c%201');
    assert.equal(get!.headers.authorization, 'Bearer tok-1');
    assert.equal(get!.headers['idempotency-key'], undefined);
    assert.equal(post!.method, 'POST');
    assert.equal(post!.headers['idempotency-key'], 'k-post');
    assert.deepEqual(JSON.parse(post!.body), { request: {} });
    assert.equal(patch!.method, 'PATCH');
    assert.equal(patch!.headers['idempotency-key'], 'k-patch');
    assert.equal(patch!.headers['if-match'], '"7"');
    assert.deepEqual(JSON.parse(patch!.body), { request: { specialty: 'x' } });
  });

  it('asks for the token on every request and sends none when there is none', async () => {
    const s = await serve((_req, res) => reply(res, 200, {}));
    let calls = 0;
    const b = new RestBackend({ endpoint: s.url });
    await b.getConfig({ getAccessToken: () => (calls++ === 0 ? 'a' : null) });
    await b.getConfig({ getAccessToken: () => (calls++ === 0 ? 'a' : null) });
    assert.equal(calls, 2);
    assert.equal(s.seen[0]!.headers.authorization, 'Bearer a');
    assert.equal(s.seen[1]!.headers.authorization, undefined);
  });

  it('builds the list query, the staff paths and the tus and event URLs', async () => {
    const s = await serve((_req, res) => reply(res, 200, {}));
    const b = new RestBackend({ endpoint: s.url });
    await b.listCases({ cursor: 'abc', limit: 5 }, ctx());
    await b.listCases({}, ctx());
    await b.staff.accept('c1', { specialist: { name: 'N', specialty: 'S' } }, ctx({ idempotencyKey: 'k' }));
    await b.staff.startReview('c1', ctx({ idempotencyKey: 'k2' }));
    assert.deepEqual(s.seen.map((x) => `${x.method} ${x.url}`), [
      'GET /v1/cases?cursor=abc&limit=5', 'GET /v1/cases', 'POST /v1/staff/cases/c1/accept', 'POST /v1/staff/cases/c1/start-review',
    ]);
    assert.equal(b.uploads.tusEndpoint!('c1'), `${s.url}/v1/cases/c1/uploads`);
    assert.equal(b.events.eventsUrl!('c1'), `${s.url}/v1/cases/c1/events`);
  });
});

describe('RestBackend retries what may succeed later', () => {
  it('waits out 503 with Retry-After in seconds before trying again, with the same Idempotency-Key', async () => {
    let sentAt = 0;
    const s = await serve((_req, res, n) => {
      if (n === 0) {
        reply(res, 503, { status: 503 }, { 'retry-after': '1' });
        sentAt = performance.now();
      } else reply(res, 201, { id: 'c1' });
    });
    const b = new RestBackend({ endpoint: s.url, retry: fast });
    assert.deepEqual(await b.createCase({ request: {} }, ctx({ idempotencyKey: 'same' })), { id: 'c1' });
    assert.equal(s.seen.length, 2);
    assert.ok(s.seen[1]!.at - sentAt >= 1000, `retried after ${s.seen[1]!.at - sentAt} ms`);
    assert.deepEqual(s.seen.map((x) => x.headers['idempotency-key']), ['same', 'same']);
  });

  it('waits out 429 with Retry-After as an HTTP-date', async () => {
    let target = 0;
    const s = await serve((_req, res, n) => {
      if (n > 0) return reply(res, 200, { ok: 1 });
      // Whole seconds: an HTTP-date has no finer resolution.
      target = Math.ceil(Date.now() / 1000) * 1000 + 1000;
      reply(res, 429, { status: 429 }, { 'retry-after': new Date(target).toUTCString() });
    });
    const b = new RestBackend({ endpoint: s.url, retry: fast });
    await b.getConfig(ctx());
    assert.equal(s.seen.length, 2);
    assert.ok(Date.now() >= target, 'the date had come before the retry');
  });

  it('retries a dropped answer and 5xx, then reports ServerError after the limit', async () => {
    const s = await serve((req, res, n) => {
      if (n === 0) return req.socket.destroy();
      reply(res, 502, { status: 502 });
    });
    const b = new RestBackend({ endpoint: s.url, retry: { ...fast, limit: 2 } });
    const e = await b.submitCase('c1', ctx({ idempotencyKey: 'k' })).catch((x: unknown) => x);
    assert.ok(e instanceof ServerError, String(e));
    assert.equal(e.status, 502);
    assert.equal(e.requestId, 'req-test');
    assert.equal(s.seen.length, 3);
  });

  it('never retries 4xx other than 408 and 429', async () => {
    const s = await serve((_req, res) => reply(res, 400, { status: 400 }));
    const b = new RestBackend({ endpoint: s.url, retry: fast });
    await assert.rejects(b.getConfig(ctx()), ProtocolError);
    assert.equal(s.seen.length, 1);
  });

  it('does not retry a mutation that carries no Idempotency-Key', async () => {
    const s = await serve((_req, res) => reply(res, 503, { status: 503 }));
    const b = new RestBackend({ endpoint: s.url, retry: fast });
    await assert.rejects(b.submitCase('c1', ctx()), ServerError);
    assert.equal(s.seen.length, 1);
  });

  it('reports a Retry-After longer than it will wait as a RateLimitError at once', async () => {
    const s = await serve((_req, res) => reply(res, 429, { status: 429 }, { 'retry-after': '120' }));
    const b = new RestBackend({ endpoint: s.url, retry: fast });
    const e = await b.getConfig(ctx()).catch((x: unknown) => x);
    assert.ok(e instanceof RateLimitError);
    assert.equal(e.retryAfterMs, 120_000);
    assert.equal(s.seen.length, 1);
  });

  it('reports an unreachable backend as a NetworkError after its retries', async () => {
    const s = await loopback(() => undefined);
    const url = s.url;
    await s.close();
    const b = new RestBackend({ endpoint: url, retry: { ...fast, limit: 1 } });
    const e = await b.getConfig(ctx()).catch((x: unknown) => x);
    assert.ok(e instanceof NetworkError);
    assert.equal(e.code, 'network');
  });

  it('uses full-jitter exponential backoff, capped', () => {
    // The kit's one backoff draws the wait (full jitter below a ceiling of 100 ms doubling to 1 s); ky adds no jitter of its own.
    const top = kyRetry({ baseDelayMs: 100, maxDelayMs: 1000 }, true, () => 0.999999);
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => Math.round(top.delay!(n))), [100, 200, 400, 800, 1000]);
    const mid = kyRetry({ baseDelayMs: 100, maxDelayMs: 1000 }, true, () => 0.5);
    assert.deepEqual([1, 2, 3, 4].map((n) => mid.delay!(n)), [50, 100, 200, 400]);
    assert.equal(kyRetry({}, true, () => 0).delay!(3), 0);
    const r = kyRetry({ baseDelayMs: 100, maxDelayMs: 1000 });
    assert.equal(r.jitter, undefined);
    assert.equal(r.backoffLimit, 1000);
    assert.deepEqual(r.statusCodes!.filter((c) => c < 500), [408, 429]);
    assert.equal(r.statusCodes!.filter((c) => c >= 500).length, 100);
  });

  it('reads Retry-After as seconds or as an HTTP-date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterMs('3', now), 3000);
    assert.equal(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
    assert.equal(retryAfterMs('Wed, 31 Dec 2025 00:00:05 GMT', now), 0);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs(null, now), undefined);
  });
});

describe('RestBackend refreshes the token once on a 401', () => {
  it('asks for a fresh token once and succeeds', async () => {
    const s = await serve((req, res) => (req.headers.authorization === 'Bearer fresh' ? reply(res, 200, { ok: 1 }) : reply(res, 401, { status: 401 })));
    const asked: unknown[] = [];
    const b = new RestBackend({ endpoint: s.url, retry: fast });
    const got = await b.createCase({ request: {} }, {
      idempotencyKey: 'k',
      getAccessToken: (o) => {
        asked.push(o);
        return o?.forceRefresh ? 'fresh' : 'stale';
      },
    });
    assert.deepEqual(got, { ok: 1 });
    assert.deepEqual(asked, [undefined, { forceRefresh: true }]);
    assert.deepEqual(s.seen.map((x) => x.headers['idempotency-key']), ['k', 'k']);
  });

  it('reports AuthError when the fresh token is refused too, without asking again', async () => {
    const s = await serve((_req, res) => reply(res, 401, { status: 401 }));
    let asked = 0;
    const b = new RestBackend({ endpoint: s.url, retry: fast });
    await assert.rejects(b.getConfig({ getAccessToken: () => `t${asked++}` }), AuthError);
    assert.equal(asked, 2);
    assert.equal(s.seen.length, 2);
  });

  it('reports AuthError when the token cannot be obtained', async () => {
    const s = await serve((_req, res) => reply(res, 200, {}));
    const b = new RestBackend({ endpoint: s.url });
    await assert.rejects(b.getConfig({ getAccessToken: () => Promise.reject(new Error('signed out')) }), AuthError);
    assert.equal(s.seen.length, 0);
  });
});

describe('RestBackend maps problem+json to typed errors', () => {
  const cases: [number, Record<string, unknown>, (e: unknown) => boolean][] = [
    [404, { status: 404, code: 'not_found' }, (e) => e instanceof NotFoundError],
    [403, { status: 403, code: 'forbidden' }, (e) => e instanceof ForbiddenError],
    [409, { status: 409, code: 'conflict', reason: 'illegal_transition' }, (e) => e instanceof ConflictError && e.reason === 'illegal_transition'],
    [412, { status: 412, code: 'conflict', reason: 'stale_version' }, (e) => e instanceof ConflictError && e.reason === 'stale_version'],
    [422, { status: 422, code: 'conflict', reason: 'idempotency_mismatch' }, (e) => e instanceof ConflictError && e.reason === 'idempotency_mismatch'],
  ];
  for (const [status, body, check] of cases) {
    it(`maps ${status}${body.reason ? ` ${String(body.reason)}` : ''}`, async () => {
      const s = await serve((_req, res) => reply(res, status, body));
      const e = await new RestBackend({ endpoint: s.url, retry: fast }).getCase('c1', ctx()).catch((x: unknown) => x);
      assert.ok(check(e), String(e));
      assert.equal((e as ConflictError).status, status);
      assert.equal((e as ConflictError).requestId, 'req-test');
    });
  }

  it('maps 422 to a ValidationError with every field issue', async () => {
    const s = await serve((_req, res) => reply(res, 422, {
      status: 422, code: 'validation',
      errors: [
        { path: 'request.patient.birthDate', code: 'date_in_future', message: 'Enter a date in the past.' },
        { path: 'request.questions', code: 'something_new', message: 'Odd.' },
      ],
    }));
    const e = await new RestBackend({ endpoint: s.url }).createCase({ request: {} }, ctx({ idempotencyKey: 'k' })).catch((x: unknown) => x);
    assert.ok(e instanceof ValidationError);
    assert.deepEqual(e.issues, [
      { path: 'request.patient.birthDate', code: 'date_in_future', message: 'Enter a date in the past.' },
      { path: 'request.questions', code: 'invalid', message: 'Odd.' },
    ]);
    assert.equal(e.path, 'request.patient.birthDate');
  });
});

describe('RestBackend reports unreadable answers as ProtocolError', () => {
  it('turns a malformed JSON body into a ProtocolError with the request id', async () => {
    const s = await serve((_req, res) => reply(res, 200, '{"id": "c1", '));
    const e = await new RestBackend({ endpoint: s.url }).getCase('c1', ctx()).catch((x: unknown) => x);
    assert.ok(e instanceof ProtocolError, String(e));
    assert.equal(e.requestId, 'req-test');
  });

  it('turns an empty success body into a ProtocolError', async () => {
    const s = await serve((_req, res) => reply(res, 201, ''));
    await assert.rejects(new RestBackend({ endpoint: s.url }).createCase({ request: {} }, ctx({ idempotencyKey: 'k' })), ProtocolError);
  });

  it('turns an unexpected status into a ProtocolError', async () => {
    const s = await serve((_req, res) => reply(res, 418, 'teapot', { 'content-type': 'text/plain' }));
    const e = await new RestBackend({ endpoint: s.url }).getCase('c1', ctx()).catch((x: unknown) => x);
    assert.ok(e instanceof ProtocolError);
    assert.equal(e.status, 418);
  });
});

describe('RestBackend stops when told to', () => {
  it('aborts a request in flight with an AbortError', async () => {
    const s = await serve(() => undefined);
    const controller = new AbortController();
    const pending = new RestBackend({ endpoint: s.url }).getCase('c1', ctx({ signal: controller.signal }));
    await s.nth(0);
    controller.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof DOMException && e.name === 'AbortError');
  });

  it('aborts while waiting out a Retry-After, without trying again', async () => {
    const s = await serve((_req, res) => reply(res, 503, { status: 503 }, { 'retry-after': '30' }));
    const controller = new AbortController();
    let answered!: () => void;
    const gotAnswer = new Promise<void>((resolve) => (answered = resolve));
    // The real fetch, observed: the abort comes once the 503 is in the client's hands.
    const observed: typeof fetch = async (input, init) => {
      const r = await fetch(input, init);
      answered();
      return r;
    };
    const pending = new RestBackend({ endpoint: s.url, fetch: observed }).getCase('c1', ctx({ signal: controller.signal }));
    await gotAnswer;
    controller.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof DOMException && e.name === 'AbortError');
    assert.equal(s.seen.length, 1);
  });

  it('times out an attempt that gets no answer', async () => {
    const s = await serve(() => undefined);
    const e = await new RestBackend({ endpoint: s.url, timeoutMs: 50, retry: { limit: 0 } }).getCase('c1', ctx()).catch((x: unknown) => x);
    assert.ok(e instanceof NetworkError, String(e));
    assert.equal(e.code, 'timeout');
  });
});

describe('RestBackend downloads record content', () => {
  it('returns the bytes as a Blob with their type', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment', 'cache-control': 'no-store' });
      res.end('%PDF-1.7 bytes');
    });
    const blob = await new RestBackend({ endpoint: s.url }).getRecordContent('c1', 'r1', ctx());
    assert.equal(await blob.text(), '%PDF-1.7 bytes');
    assert.equal(blob.type, 'application/pdf');
    assert.equal(s.seen[0]!.url, '/v1/cases/c1/records/r1/content');
  });
});
