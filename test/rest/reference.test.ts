// RestBackend against the real reference server over loopback, with faults injected by a proxy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotFoundError, RestBackend, sha256Hex, type CallContext } from '../../src/index.js';
import { validRequest } from '../fixtures/requests.js';
import { startProxy, type Proxy } from './proxy.js';
import { startReference, type Reference } from './reference.js';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

describe('RestBackend on the reference server', () => {
  let ref: Reference;
  let alice: string;
  let bob: string;
  const proxies: Proxy[] = [];
  before(async () => {
    ref = await startReference();
    alice = await ref.token('alice');
    bob = await ref.token('bob');
  });
  after(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await ref?.close();
  });

  it('retries POST /v1/cases when its answer is dropped, with the same key, and exactly one case exists', async () => {
    const proxy = await startProxy(ref.url, { drop: (f, n) => n === 0 && f.method === 'POST' && f.url === '/v1/cases' });
    proxies.push(proxy);
    const carol = await ref.token('carol');
    const client = ref.client(() => carol, proxy.url);
    const created = await client.cases.create(validRequest(), { submit: true });
    const posts = proxy.forwarded.filter((f) => f.method === 'POST');
    assert.equal(posts.length, 2, 'the dropped POST was sent again');
    assert.ok(posts[0]!.headers['idempotency-key']);
    assert.equal(posts[1]!.headers['idempotency-key'], posts[0]!.headers['idempotency-key']);
    const list = await ref.client(() => carol).cases.list({ limit: 100 });
    assert.deepEqual(list.items.map((i) => i.id), [created.id]);
  });

  it('gives a second patient 404 on the first patient\'s case, records and events', async () => {
    const mine = ref.client(() => alice);
    const theirs = ref.client(() => bob);
    const c = await mine.cases.create(validRequest(), { submit: true });
    const tus = { authorization: `Bearer ${alice}`, 'tus-resumable': '1.0.0' };
    const upload = await fetch(new RestBackend({ endpoint: ref.url }).uploads.tusEndpoint!(c.id), {
      method: 'POST',
      headers: { ...tus, 'upload-length': String(PDF.length), 'upload-metadata': `kind ${btoa('pathology')},title ${btoa('Pathology report')},sha256 ${btoa(await sha256Hex(PDF))}` },
    });
    assert.equal(upload.status, 201);
    const done = await fetch(new URL(upload.headers.get('location')!, ref.url), {
      method: 'PATCH', headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: PDF,
    });
    assert.equal(done.headers.get('so-record-status'), 'verified');
    const recordId = upload.headers.get('so-record-id')!;
    assert.equal((await mine.records.content(c.id, recordId).then((b) => b.text())), new TextDecoder().decode(PDF));
    await assert.rejects(theirs.cases.get(c.id), NotFoundError);
    await assert.rejects(theirs.records.content(c.id, recordId), NotFoundError);
    const events = await fetch(theirs.backend.events!.eventsUrl!(c.id), { headers: { authorization: `Bearer ${bob}`, accept: 'text/event-stream' } });
    assert.equal(events.status, 404);
    await events.body?.cancel();
  });

  it('asks for a fresh token once after a 401 and then succeeds', async () => {
    const asked: unknown[] = [];
    const backend = new RestBackend({ endpoint: ref.url });
    const ctx: CallContext = {
      idempotencyKey: crypto.randomUUID(),
      getAccessToken: (o) => {
        asked.push(o);
        return o?.forceRefresh ? alice : 'expired-token';
      },
    };
    const raw = await backend.createCase({ request: validRequest() }, ctx) as { id: string };
    assert.deepEqual(asked, [undefined, { forceRefresh: true }]);
    assert.equal((await ref.client(() => alice).cases.get(raw.id)).status, 'draft');
  });

  it('aborts a call on the real server', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(ref.client(() => alice).cases.list({}, { signal: controller.signal }), (e: unknown) => e instanceof DOMException && e.name === 'AbortError');
  });
});
