// More than one server (issue 12): 1, 2 and 3 reference-server processes on one private PostgreSQL,
// measured side by side in one run: a move's delivery to 3,000 event streams spread over the
// instances (p50/p95), case reads per second at 50 clients spread over them, and, with two or
// more instances, how soon CaseWatchers behind a round-robin balancer are live again after the
// instance holding their streams is killed (goal p95 <= 5 s). Bounded; not a test.
// Run: npm run bench -- scale (needs Debian's postgresql, as the tests do).
import { createClient, RestBackend, CaseWatcher, type WatchConnectionEvent } from '../src/index.js';
import { TokenIssuer } from '../src/server/auth.js';
import { startBalancer } from '../test/server/support/balancer.js';
import { startInstances, type Instance } from '../test/server/support/instances.js';
import { startPostgresCluster } from '../test/server/support/postgres.js';
import { validRequest } from '../test/fixtures/requests.js';

const STREAMS = 3_000;
const MOVES = 3;
const READS = 6_000;
const CLIENTS = 50;
const WATCHERS = 300;
const SECRET = 'scale-bench-secret';
const tokens = new TokenIssuer(SECRET);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
};

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

interface Figures {
  deliveryP50: number;
  deliveryP95: number;
  readsPerSecond: number;
  returnP50?: number;
  returnP95?: number;
}

async function createCase(base: string, token: string): Promise<string> {
  const c = await json<{ id: string }>(await fetch(`${base}/v1/cases`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ request: validRequest(), submit: true }),
  }));
  return c.id;
}

// A move to STREAMS streams spread round-robin over the instances, MOVES times.
async function delivery(nodes: Instance[], patient: string, staff: string): Promise<number[]> {
  const caseId = await createCase(nodes[0]!.url, patient);
  const times: number[] = [];
  const aborts: AbortController[] = [];
  const moves = ['triage', 'accept', 'start-review'];
  const bodies: (string | undefined)[] = [undefined, JSON.stringify({ specialist: { name: 'Dr. Bench', specialty: 'Oncology' } }), undefined];
  let movedAt = 0;
  const waiting = new Set<() => void>();
  const open = async (i: number) => {
    const ac = new AbortController();
    aborts.push(ac);
    const res = await fetch(`${nodes[i % nodes.length]!.url}/v1/cases/${caseId}/events`, { headers: { Authorization: `Bearer ${patient}`, 'Last-Event-ID': '2' }, signal: ac.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    // Open once the server has written its first line (it subscribes right after).
    while (!text.includes('retry:')) text += (await reader.read()).value ?? '';
    return { reader, text };
  };
  // In batches, so that the opening is not itself a storm on the listen queues.
  const streams: Awaited<ReturnType<typeof open>>[] = [];
  for (let i = 0; i < STREAMS; i += 100) streams.push(...await Promise.all(Array.from({ length: Math.min(100, STREAMS - i) }, (_, k) => open(i + k))));
  const pumps = streams.map(async (s) => {
    let text = s.text;
    for (;;) {
      const { value, done } = await s.reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      text += value;
      let at: number;
      while ((at = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, at);
        text = text.slice(at + 2);
        if (block.includes('event: case-event')) {
          times.push(performance.now() - movedAt);
          for (const w of [...waiting]) w();
        }
      }
    }
  });
  for (let m = 0; m < MOVES; m++) {
    const target = times.length + STREAMS;
    const all = new Promise<void>((resolve) => {
      const check = () => {
        if (times.length >= target) {
          waiting.delete(check);
          resolve();
        }
      };
      waiting.add(check);
    });
    movedAt = performance.now();
    await json(await fetch(`${nodes[m % nodes.length]!.url}/v1/staff/cases/${caseId}/${moves[m]}`, {
      method: 'POST', headers: { Authorization: `Bearer ${staff}`, ...(bodies[m] ? { 'Content-Type': 'application/json' } : {}) }, body: bodies[m],
    }));
    await all;
  }
  for (const ac of aborts) ac.abort();
  await Promise.allSettled(pumps);
  return times;
}

async function reads(nodes: Instance[], patient: string): Promise<number> {
  const caseId = await createCase(nodes[0]!.url, patient);
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
    while (next < READS) {
      next++;
      const url = `${nodes[(i + next) % nodes.length]!.url}/v1/cases/${caseId}`;
      const get = () => fetch(url, { headers: { Authorization: `Bearer ${patient}` } });
      // A kept-alive socket the server closed as it was reused is the client's race, not a failed read.
      const res = await get().catch(get);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`read failed: ${res.status}`);
    }
  }));
  return READS / ((performance.now() - start) / 1000);
}

// WATCHERS CaseWatchers behind a round-robin balancer; the instance holding the most is killed.
async function watchersReturn(nodes: Instance[], patient: string): Promise<number[]> {
  const lb = await startBalancer(nodes.map((n) => n.url));
  const client = createClient({ backend: new RestBackend({ endpoint: lb.url }), getAccessToken: () => patient });
  const caseId = await createCase(nodes[0]!.url, patient);
  const watchers: CaseWatcher[] = [];
  try {
    let live = 0;
    let allLive!: () => void;
    const started = new Promise<void>((r) => (allLive = r));
    for (let i = 0; i < WATCHERS; i++) {
      const w = new CaseWatcher(client, caseId, { visibility: null });
      watchers.push(w);
      const onLive = (e: Event) => {
        if ((e as WatchConnectionEvent).connection !== 'live') return;
        w.removeEventListener('connection', onLive);
        if (++live === WATCHERS) allLive();
      };
      w.addEventListener('connection', onLive);
    }
    await started;
    const victim = nodes[0]!;
    const back: number[] = [];
    let dropped = 0;
    let killedAt = 0;
    let allBack!: () => void;
    const returned = new Promise<void>((r) => (allBack = r));
    for (const w of watchers) {
      let lost = false;
      w.addEventListener('connection', (e) => {
        const c = (e as WatchConnectionEvent).connection;
        if (c === 'waiting' && !lost && killedAt) {
          lost = true;
          dropped++;
        }
        if (c === 'live' && lost) {
          lost = false;
          back.push(performance.now() - killedAt);
          if (back.length === dropped) allBack();
        }
      });
    }
    killedAt = performance.now();
    await victim.kill();
    await Promise.race([returned, new Promise((r) => setTimeout(r, 60_000).unref())]);
    return back;
  } finally {
    for (const w of watchers) w.close();
    await lb.close();
  }
}

const cluster = await startPostgresCluster();
const results = new Map<number, Figures>();
try {
  for (const n of [1, 2, 3]) {
    const databaseUrl = await cluster.createDatabase();
    const nodes = await startInstances(n, { DATABASE_URL: databaseUrl, SO_TOKEN_SECRET: SECRET, SO_RATE_LIMIT: 'off', SO_HEARTBEAT_MS: '15000' });
    try {
      const patient = await tokens.issue(`bench-${n}`, 'patient');
      const staff = await tokens.issue('bench-staff', ['coordinator', 'specialist']);
      process.stderr.write(`scale: ${n}: delivery\n`);
      const times = await delivery(nodes, patient, staff);
      process.stderr.write(`scale: ${n}: reads\n`);
      const perSecond = await reads(nodes, patient);
      const f: Figures = { deliveryP50: quantile(times, 0.5), deliveryP95: quantile(times, 0.95), readsPerSecond: perSecond };
      if (n > 1) {
        process.stderr.write(`scale: ${n}: watchers\n`);
        const back = await watchersReturn(nodes, patient);
        f.returnP50 = quantile(back, 0.5);
        f.returnP95 = quantile(back, 0.95);
      }
      results.set(n, f);
      process.stdout.write(`scale: ${n} instance(s): delivery to ${STREAMS} streams p50 ${f.deliveryP50.toFixed(0)} ms, p95 ${f.deliveryP95.toFixed(0)} ms; ${f.readsPerSecond.toFixed(0)} case reads/s` +
        `${f.returnP95 !== undefined ? `; watchers back after a kill p50 ${f.returnP50!.toFixed(0)} ms, p95 ${f.returnP95.toFixed(0)} ms` : ''}\n`);
    } finally {
      await Promise.all(nodes.map((x) => x.stop()));
    }
  }
} finally {
  await cluster.stop();
}

const one = results.get(1)!;
process.stdout.write('\nscale: side by side (ratio to one instance)\n');
process.stdout.write('instances | delivery p50 | delivery p95 | reads/s | watchers back p95\n');
for (const [n, f] of results) {
  const r = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  process.stdout.write(`${n}         | ${f.deliveryP50.toFixed(0)} ms (${r(f.deliveryP50, one.deliveryP50)}) | ${f.deliveryP95.toFixed(0)} ms (${r(f.deliveryP95, one.deliveryP95)}) | ${f.readsPerSecond.toFixed(0)} (${r(f.readsPerSecond, one.readsPerSecond)}) | ${f.returnP95 === undefined ? 'n/a' : `${f.returnP95.toFixed(0)} ms`}\n`);
}
const worst = Math.max(...[...results.values()].map((f) => f.deliveryP95));
const slowestReturn = Math.max(...[...results.values()].map((f) => f.returnP95 ?? 0));
process.stdout.write(`scale: delivery p95 <= 1000 ms ${worst <= 1000 ? 'PASS' : 'FAIL'}; watchers back p95 <= 5000 ms ${slowestReturn <= 5000 ? 'PASS' : 'FAIL'}\n`);
if (worst > 1000 || slowestReturn > 5000) process.exitCode = 1;
