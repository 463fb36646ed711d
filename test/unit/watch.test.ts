// CaseWatcher: live updates in process (MemoryBackend) and over a real loopback event stream with
// the faults a phone on a bad network sees: silence, drops, id jumps, no stream at all, hidden tabs.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  CaseWatcher, MemoryBackend, RestBackend, createClient, reconnectDelay, type Case, type CaseEvent, type VisibilitySource,
  type WatchCaseEvent, type WatchConnection, type WatchConnectionEvent,
} from '../../src/index.js';
import { validRequest } from '../fixtures/requests.js';
import { nextEvent } from '../fixtures/events.js';

const connection = (w: CaseWatcher, c: WatchConnection) => nextEvent<WatchConnectionEvent>(w, 'connection', (e) => e.connection === c);
const status = (w: CaseWatcher, s: string) => nextEvent<WatchCaseEvent>(w, 'case', (e) => e.case.status === s);

class FakeVisibility extends EventTarget implements VisibilitySource {
  hidden = false;
  set(hidden: boolean) {
    this.hidden = hidden;
    this.dispatchEvent(new Event('visibilitychange'));
  }
  override addEventListener(type: 'visibilitychange', l: () => void) {
    super.addEventListener(type, l);
  }
  override removeEventListener(type: 'visibilitychange', l: () => void) {
    super.removeEventListener(type, l);
  }
}

describe('reconnect delays', () => {
  it('stay between the least and the longest wait', () => {
    for (let a = 0; a < 40; a++) for (const r of [0, 0.5, 0.999999]) {
      const d = reconnectDelay(a, {}, () => r, 2000);
      assert.ok(d >= 500 && d <= 60_000, String(d));
    }
  });

  it('take the server\'s retry hint for the first attempt, and widen only on repeated failures', () => {
    const top = (attempt: number, hint?: number) => reconnectDelay(attempt, {}, () => 0.999999, hint);
    assert.ok(top(0, 2000) <= 4000 && top(0, 2000) > 3900, String(top(0, 2000)));
    assert.ok(top(0, 300) <= 600, String(top(0, 300)));
    assert.ok(top(1, 2000) > 7900 && top(1, 2000) <= 8000, String(top(1, 2000)));
    assert.equal(top(10, 2000), 60_000);
    assert.ok(top(0) <= 4000, 'no hint: a 4 s window');
  });

  it('bring 1,000 watchers back within 4 s of a drop, no quarter-second with more than 12% of them', () => {
    const slots = new Map<number, number>();
    let latest = 0;
    for (let i = 0; i < 1000; i++) {
      const d = reconnectDelay(0, {}, Math.random, 2000);
      latest = Math.max(latest, d);
      const s = Math.floor(d / 250);
      slots.set(s, (slots.get(s) ?? 0) + 1);
    }
    assert.ok(latest <= 4000, `latest: ${latest}`);
    assert.ok(Math.max(...slots.values()) <= 120, `max per quarter-second: ${Math.max(...slots.values())}`);
  });
});

describe('watching a case in process (MemoryBackend)', () => {
  it('sees every staff move as a newer case, in order, and stops when closed', async () => {
    const backend = new MemoryBackend();
    const patient = createClient({ backend });
    const c = await patient.cases.create(validRequest(), { submit: true });
    const w = patient.cases.watch(c.id) as CaseWatcher;
    await connection(w, 'live');
    const seen: string[] = [];
    w.addEventListener('case', (e) => seen.push((e as WatchCaseEvent).case.status));
    const accepted = status(w, 'accepted');
    await patient.staff.triage(c.id);
    await patient.staff.accept(c.id, { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } });
    await accepted;
    assert.deepEqual(seen, ['triage', 'accepted']);
    w.close();
    await patient.staff.startReview(c.id);
    assert.deepEqual(seen, ['triage', 'accepted'], 'nothing after close');
    assert.equal(w.connection, 'closed');
  });
});

describe('the watch createClient installs', () => {
  it('is a CaseWatch at once; closed before the watcher module loaded, it never reads the case', async () => {
    const patient = createClient({ backend: new MemoryBackend() });
    const c = await patient.cases.create(validRequest(), { submit: true });
    let reads = 0;
    patient.addEventListener('case-updated', () => reads++);
    const w = patient.cases.watch(c.id) as CaseWatcher;
    assert.equal(w.caseId, c.id);
    assert.equal(w.connection, 'connecting');
    const closed = connection(w, 'closed');
    w.close();
    await closed;
    // The watcher module is in the module map once this resolves; the deferred watch saw it first.
    await import('../../src/core/watch/case-watcher.js');
    await new Promise((r) => setImmediate(r));
    assert.equal(reads, 0);
    assert.equal(w.connection, 'closed');
    assert.equal(w.current, undefined);
  });
});

// A real event-stream server on loopback, with knobs for the faults.
interface StreamServer {
  url: string;
  /** Resolves once the server has seen requests matching `accept`. */
  until(accept: (r: StreamServer['requests']) => boolean): Promise<void>;
  requests: { path: string; lastEventId?: string; ifNoneMatch?: string }[];
  push(c: Case, event: CaseEvent): void;
  /** The case changes with no timeline entry (`c`, when given), and the stream says `case-changed` at `version`. */
  changed(version: number, c?: Case): void;
  dropAll(): void;
  mode: 'stream' | 'silent' | 'none';
  close(): Promise<void>;
}

async function startStreamServer(initial: Case): Promise<StreamServer> {
  let current = initial;
  const streams = new Set<http.ServerResponse>();
  const seen = new EventTarget();
  const srv: StreamServer = {
    url: '',
    requests: [],
    until: (accept) => (accept(srv.requests) ? Promise.resolve() : nextEvent(seen, 'request', () => accept(srv.requests)).then(() => {})),
    mode: 'stream',
    push(c, event) {
      current = c;
      for (const res of streams) res.write(`id: ${event.id}\nevent: case-event\ndata: ${JSON.stringify({ event, case: c })}\n\n`);
    },
    changed(version, c) {
      if (c) current = c;
      for (const res of streams) res.write(`event: case-changed\ndata: ${JSON.stringify({ version })}\n\n`);
    },
    dropAll() {
      for (const res of streams) res.destroy();
      streams.clear();
    },
    close: async () => {
      srv.dropAll();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = http.createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    srv.requests.push({ path, lastEventId: req.headers['last-event-id'] as string | undefined, ifNoneMatch: req.headers['if-none-match'] as string | undefined });
    seen.dispatchEvent(new Event('request'));
    if (path.endsWith('/events')) {
      if (srv.mode === 'none') return res.writeHead(204).end();
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': hi\n\n');
      if (srv.mode === 'stream') streams.add(res);
      // 'silent': open and never speak again.
      return;
    }
    const etag = `"${current.version}"`;
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(JSON.stringify(current));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  srv.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return srv;
}

describe('watching over an event stream', () => {
  // Cases come from the real engine (through MemoryBackend) so they are valid wire data.
  const engine = new MemoryBackend();
  const staff = createClient({ backend: engine });
  let c: Case;
  let srv: StreamServer;
  before(async () => {
    c = await staff.cases.create(validRequest(), { submit: true });
    srv = await startStreamServer(c);
  });
  after(() => srv.close());

  const fast = { reconnect: { minMs: 5, maxMs: 20 }, pollIntervalMs: 20, silenceMs: 300 };
  const watch = (visibility: VisibilitySource | null = null) =>
    new CaseWatcher(createClient({ backend: new RestBackend({ endpoint: srv.url }), getAccessToken: () => 'token' }), c.id, { ...fast, visibility });

  async function move(f: () => Promise<Case>) {
    const updated = await f();
    srv.push(updated, updated.timeline.at(-1)!);
    return updated;
  }

  it('goes live, gets each move, and resumes from the last id after a drop without missing one', async () => {
    srv.mode = 'stream';
    const w = watch();
    await connection(w, 'live');
    const triaged = status(w, 'triage');
    await move(() => staff.staff.triage(c.id));
    await triaged;
    srv.requests.length = 0;
    const back = connection(w, 'live');
    srv.dropAll();
    await back;
    const resumed = srv.requests.find((r) => r.path.endsWith('/events'));
    assert.equal(resumed?.lastEventId, String(w.lastEvent!.id), 'Last-Event-ID sent on reconnect');
    const accepted = status(w, 'accepted');
    await move(() => staff.staff.accept(c.id, { specialist: { name: 'Dr. Chen', specialty: 'Oncology' } }));
    await accepted;
    w.close();
  });

  it('treats a silent stream as dead and reconnects', async () => {
    srv.mode = 'silent';
    const w = watch();
    await connection(w, 'live');
    await connection(w, 'waiting');
    srv.mode = 'stream';
    await connection(w, 'live');
    w.close();
  });

  it('reads the whole case again when event ids jump', async () => {
    srv.mode = 'stream';
    const w = watch();
    await connection(w, 'live');
    srv.requests.length = 0;
    const updated = await staff.staff.startReview(c.id);
    const jump = { ...updated.timeline.at(-1)!, id: updated.timeline.at(-1)!.id + 5 };
    srv.push(updated, jump);
    await srv.until((r) => r.some((x) => x.path === `/v1/cases/${c.id}`));
    w.close();
  });

  it('reads the case again on case-changed, unless it already has that version, and keeps its Last-Event-ID', async () => {
    srv.mode = 'stream';
    const w = watch();
    await connection(w, 'live');
    const seen = w.current!;
    const lastId = w.lastEvent?.id;
    srv.requests.length = 0;
    // A delivery's state, written without a timeline entry: same timeline, a newer version.
    const next: Case = { ...seen, version: seen.version + 1, updatedAt: new Date(Date.parse(seen.updatedAt) + 1000).toISOString() };
    const newer = nextEvent<WatchCaseEvent>(w, 'case', (e) => e.case.version === next.version);
    srv.changed(seen.version);
    srv.changed(next.version, next);
    await newer;
    assert.equal(srv.requests.filter((r) => r.path === `/v1/cases/${c.id}`).length, 1, 'the version already seen is not read again');
    assert.equal(w.lastEvent?.id, lastId);
    w.close();
    // The made-up version goes: the next tests' moves come from the engine.
    srv.changed(seen.version, seen);
  });

  it('falls back to ETag polling where there is no stream', async () => {
    srv.mode = 'none';
    const w = watch();
    await connection(w, 'polling');
    srv.requests.length = 0;
    // Polls with nothing new are conditional, answered 304.
    await srv.until((r) => r.filter((x) => x.ifNoneMatch).length >= 2);
    const ready = status(w, 'info_requested');
    const updated = await staff.staff.requestInformation(c.id, { message: 'Please send the report.', recordKinds: ['pathology'] });
    srv.push(updated, updated.timeline.at(-1)!);
    await ready;
    w.close();
    srv.mode = 'stream';
  });

  it('makes no request while the page is hidden, and refreshes at once when it shows', async () => {
    srv.mode = 'stream';
    const vis = new FakeVisibility();
    // Timers that remember what is pending: while hidden nothing may be scheduled to run.
    const pending = new Set<unknown>();
    const timers = {
      setTimeout: (fn: () => void, ms: number) => { const h = setTimeout(() => { pending.delete(h); fn(); }, ms); pending.add(h); return h; },
      clearTimeout: (h: unknown) => { pending.delete(h); clearTimeout(h as NodeJS.Timeout); },
    };
    const w = new CaseWatcher(createClient({ backend: new RestBackend({ endpoint: srv.url }), getAccessToken: () => 'token' }), c.id, { ...fast, visibility: vis, timers });
    await connection(w, 'live');
    const streamsBefore = srv.requests.length;
    vis.set(true);
    assert.equal(w.connection, 'paused');
    assert.equal(pending.size, 0, 'no timer left that could make a request');
    const updated = await staff.cases.reply(c.id, { text: 'Sent it.' });
    srv.push(updated, updated.timeline.at(-1)!);
    assert.equal(srv.requests.length, streamsBefore, 'no requests while hidden');
    srv.requests.length = 0;
    const shown = status(w, 'triage');
    vis.set(false);
    await shown;
    assert.equal(srv.requests[0]?.path, `/v1/cases/${c.id}`, 'the first request on showing is a refresh');
    w.close();
  });
});
