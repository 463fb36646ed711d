// Upload bench (not a test): headless Debian Chromium against the reference server on loopback.
// Prints side by side, as medians of interleaved rounds (the machine is shared): 512 MiB throughput
// of the engine vs one raw fetch to the same server (goal >= 90 %), time to a confirmed SHA-256
// match vs max(upload alone, hashing alone) (goal <= 1.1x), the longest main-thread task during the
// upload (goal <= 50 ms), and the peak JS heap during a 2 GiB upload (goal <= 2 x part size x
// parallel parts + 32 MiB). CPU seconds per side show what bounds the ratios on this machine.
//
// The raw baseline is tus creation-with-upload: one fetch POST carrying the whole File through the
// same route, @tus/server, file store and finish step (sniff, server hash, record) as the engine's
// parts, so the ratio measures only what the engine adds (parts, client hashing, confirmation).
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomFillSync } from 'node:crypto';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { silentLogger, startServer } from '../src/server/index.js';
import { uploadHashStats } from '../src/server/uploads.js';
import { planParts } from '../src/core/uploads/part-planner.js';
import { validRequest } from '../test/fixtures/requests.js';

const MiB = 1024 * 1024;
const ROOT = new URL('..', import.meta.url).pathname;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
const ROUNDS = Math.max(1, Number(process.env.UPLOAD_BENCH_ROUNDS ?? 3));

function diskFile(dir: string, name: string, size: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  writeSync(fd, Buffer.from('%PDF-1.7\n'));
  const block = randomFillSync(Buffer.alloc(8 * MiB));
  for (let at = 9; at < size; at += block.length) writeSync(fd, block, 0, Math.min(block.length, size - at));
  closeSync(fd);
  return path;
}

// The page's code: the core and the Worker, bundled by esbuild, served with a blank page.
async function pageServer(): Promise<{ url: string; close(): Promise<void> }> {
  const bundle = async (entry: string) => (await build({ entryPoints: [join(ROOT, entry)], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: !process.env.UPLOAD_BENCH_READABLE, write: false, tsconfig: join(ROOT, 'tsconfig.json'), logLevel: 'error' })).outputFiles[0]!.text;
  const files: Record<string, string> = { '/core.js': await bundle('src/core/index.ts'), '/hash.worker.js': await bundle('src/core/uploads/hash.worker.ts'), '/': '<!doctype html><title>upload bench</title><input type="file" id="f">' };
  const server = http.createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': req.url === '/' ? 'text/html' : 'text/javascript' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

// CPU seconds (user + system) of every process below this one whose name starts with `chrom`: the browser.
function browserCpuSeconds(): number {
  const parents = new Map<number, { ppid: number; name: string; ticks: number }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(pid, { ppid: Number(f[1]), name, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // The process ended while the table was read.
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parents.get(pid)?.ppid, hops = 0; p && hops < 16; p = parents.get(p)?.ppid, hops++) if (p === process.pid) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, p] of parents) if (p.name.startsWith('chrom') && below(pid)) ticks += p.ticks;
  return ticks / 100;
}

interface PageRun { ms: number; verifiedMs?: number; longestTaskMs?: number; frame?: { ms: number; blockingMs: number; scripts: string[] }; tasks?: TaskCpu; worker?: number; ok: boolean }

/** The renderer main thread's tasks in a trace: the longest (wall), the thread CPU it used, and the most CPU any task used. */
interface TaskCpu { longestMs: number; longestCpuMs: number; maxCpuMs: number }

// A task can be long because it works or because the OS did not run the thread (a loaded machine):
// the trace's thread time (tdur) tells them apart.
function mainThreadTasks(trace: { traceEvents: { ph?: string; name?: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }[] }): TaskCpu {
  const mains = new Set(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = trace.traceEvents.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && mains.has(`${e.pid}:${e.tid}`));
  const longest = tasks.reduce<(typeof tasks)[number] | undefined>((a, e) => (!a || (e.dur ?? 0) > (a.dur ?? 0) ? e : a), undefined);
  return { longestMs: (longest?.dur ?? 0) / 1000, longestCpuMs: (longest?.tdur ?? 0) / 1000, maxCpuMs: Math.max(0, ...tasks.map((e) => e.tdur ?? 0)) / 1000 };
}
interface Sample extends PageRun { serverCpu: number; browserCpu: number }

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'so-upload-bench-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'so-upload-bench-data-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, logger: silentLogger, rateLimit: false });
  const pages = await pageServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS });
  const loadBefore = loadavg();
  try {
    const token = await server.issueToken('patient-bench', 'patient');
    const size = 512 * MiB;
    const file512 = diskFile(dir, 'a.pdf', size);
    const page = await (await browser.newContext()).newPage();
    await page.goto(pages.url + '/');
    // tsx names functions with a `__name` helper the page does not have.
    await page.evaluate('window.__name = (f) => f');
    await page.setInputFiles('#f', file512);
    const setup = { endpoint: server.url, token, request: validRequest(), core: pages.url + '/core.js', worker: pages.url + '/hash.worker.js' };
    // One client and the file's hash, known before anything is timed (the transfer-only run needs it).
    await page.evaluate(async (s) => {
      const w = window as unknown as Record<string, unknown>;
      const core = await import(s.core);
      w.core = core;
      w.client = core.createClient({ backend: new core.RestBackend({ endpoint: s.endpoint }), getAccessToken: () => s.token });
      w.file = (document.getElementById('f') as HTMLInputElement).files![0]!;
      // Watches the main thread until the returned stop() is called: the longest task, and what ran
      // in the longest frame (Long Animation Frames: each script's invoker, source and time).
      type Loaf = PerformanceEntry & { blockingDuration: number; scripts: { invoker: string; invokerType: string; sourceURL: string; sourceFunctionName: string; sourceCharPosition: number; duration: number }[] };
      w.watchTasks = () => {
        let longest = 0;
        let worst: Loaf | undefined;
        const tasks = new PerformanceObserver((l) => { for (const e of l.getEntries()) longest = Math.max(longest, e.duration); });
        tasks.observe({ type: 'longtask', buffered: false });
        const frames = new PerformanceObserver((l) => { for (const e of l.getEntries() as Loaf[]) if (!worst || e.duration > worst.duration) worst = e; });
        if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) frames.observe({ type: 'long-animation-frame', buffered: false });
        return () => {
          tasks.disconnect();
          frames.disconnect();
          const frame = worst && { ms: Math.round(worst.duration), blockingMs: Math.round(worst.blockingDuration), scripts: worst.scripts.map((x) => `${x.invokerType} ${x.invoker} ${x.sourceFunctionName || '?'}@${x.sourceURL.replace(/^.*\//, '')}:${x.sourceCharPosition} ${Math.round(x.duration)} ms`) };
          return { longestTaskMs: longest, ...(frame ? { frame } : {}) };
        };
      };
      const hasher = new core.WorkerHasher(() => new Worker(s.worker, { type: 'module' }));
      w.knownSha256 = await hasher.hash(w.file);
      hasher.dispose();
    }, setup);

    // Raw: one fetch carrying the whole file to the same server (tus creation-with-upload).
    const raw = (s: typeof setup) => page.evaluate(async (s) => {
      const { client, file } = window as unknown as { client: { cases: { create(r: unknown, o: unknown): Promise<{ id: string }> } }; file: File };
      const c = await client.cases.create(s.request, { submit: true });
      const meta = `kind ${btoa('imaging')},title ${btoa('Bench 1')}`;
      const tasks = (window as unknown as { watchTasks(): () => Pick<PageRun, 'longestTaskMs' | 'frame'> }).watchTasks();
      const t0 = performance.now();
      const res = await fetch(`${s.endpoint}/v1/cases/${c.id}/uploads`, { method: 'POST', body: file, headers: {
        Authorization: `Bearer ${s.token}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(file.size), 'Upload-Metadata': meta, 'Content-Type': 'application/offset+octet-stream',
      } });
      return { ms: performance.now() - t0, ...tasks(), ok: res.ok };
    }, s);

    // Hashing alone, in the Worker.
    const hash = (s: typeof setup) => page.evaluate(async (s) => {
      const { core, file, knownSha256 } = window as unknown as { core: { WorkerHasher: new (f: () => Worker) => { hash(b: Blob): Promise<string>; dispose(): void } }; file: File; knownSha256: string };
      const hasher = new core.WorkerHasher(() => new Worker(s.worker, { type: 'module' }));
      const tasks = (window as unknown as { watchTasks(): () => Pick<PageRun, 'longestTaskMs' | 'frame'> }).watchTasks();
      const t0 = performance.now();
      const hex = await hasher.hash(file);
      const ms = performance.now() - t0;
      hasher.dispose();
      return { ms, ...tasks(), ok: hex === knownSha256 };
    }, s);

    // The engine: bytes and hash in parallel, until the server confirmed the SHA-256; long tasks watched.
    // With `known`, the hasher hands over the hash computed beforehand: the engine's transfer alone.
    const engine = (s: typeof setup & { known: boolean }) => page.evaluate(async (s) => {
      type Ctor = new (...a: unknown[]) => unknown;
      const { core, client, file, knownSha256 } = window as unknown as { core: { WorkerHasher: Ctor; UploadManager: Ctor }; client: { cases: { create(r: unknown, o: unknown): Promise<{ id: string }> } }; file: File; knownSha256: string };
      const c = await client.cases.create(s.request, { submit: true });
      const tasks = (window as unknown as { watchTasks(): () => Pick<PageRun, 'longestTaskMs' | 'frame'> }).watchTasks();
      const hasher = s.known ? { hash: () => Promise.resolve(knownSha256), dispose() {} } : new core.WorkerHasher(() => new Worker(s.worker, { type: 'module' }));
      const manager = new core.UploadManager({ hashFirstMaxBytes: 0, hasher }) as { add(...a: unknown[]): EventTarget & { done: Promise<{ status: string; sha256?: string }>; contentSha256?: string }; hasher: { completed?: { worker: number } }; dispose(): void };
      const t0 = performance.now();
      const u = manager.add(client, c.id, file, { kind: 'imaging', title: 'Bench 2' });
      let bytesMs = 0;
      u.addEventListener('state', (e) => { if ((e as Event & { state: string }).state === 'verifying') bytesMs = performance.now() - t0; });
      const record = await u.done;
      const ms = performance.now() - t0;
      const watched = tasks();
      const worker = manager.hasher.completed?.worker ?? 0;
      manager.dispose();
      return { ms: bytesMs, verifiedMs: ms, ...watched, worker, ok: record.status === 'verified' && record.sha256 === u.contentSha256 && record.sha256 === knownSha256 };
    }, s);

    // The engine's runs are traced (top-level tasks only) for the thread CPU of their tasks.
    const traced = async (run: () => Promise<PageRun>): Promise<PageRun> => {
      await browser.startTracing(page, { categories: ['toplevel'] });
      const out = await run();
      return { ...out, tasks: mainThreadTasks(JSON.parse((await browser.stopTracing()).toString()) as Parameters<typeof mainThreadTasks>[0]) };
    };
    const runs: Record<'raw' | 'hash' | 'engine' | 'transfer', () => Promise<PageRun>> = {
      raw: () => raw(setup),
      hash: () => hash(setup),
      engine: () => traced(() => engine({ ...setup, known: false })),
      transfer: () => traced(() => engine({ ...setup, known: true })),
    };
    const samples: Record<keyof typeof runs, Sample[]> = { raw: [], hash: [], engine: [], transfer: [] };
    const order = Object.keys(runs) as (keyof typeof runs)[];
    const hashesBefore = { ...uploadHashStats };
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts one further along, so no configuration always runs first (or after the same one).
      for (let i = 0; i < order.length; i++) {
        const name = order[(i + round) % order.length]!;
        const cpu0 = process.cpuUsage();
        const b0 = browserCpuSeconds();
        const out = await runs[name]();
        const cpu = process.cpuUsage(cpu0);
        samples[name].push({ ...out, serverCpu: (cpu.user + cpu.system) / 1e6, browserCpu: browserCpuSeconds() - b0 });
      }
    }
    rmSync(file512);

    // Peak JS heap during a 2 GiB upload, sampled every 250 ms over CDP.
    const big = 2048 * MiB;
    const file2g = diskFile(dir, 'b.pdf', big);
    const page2 = await (await browser.newContext()).newPage();
    await page2.goto(pages.url + '/');
    await page2.evaluate('window.__name = (f) => f');
    await page2.setInputFiles('#f', file2g);
    const cdp = await page2.context().newCDPSession(page2);
    await cdp.send('Performance.enable');
    let peak = 0;
    const sample = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
    };
    const sampler = setInterval(() => void sample(), 250);
    const run2 = await page2.evaluate(async (s) => {
      const core = await import(s.core);
      const client = core.createClient({ backend: new core.RestBackend({ endpoint: s.endpoint }), getAccessToken: () => s.token });
      const c = await client.cases.create(s.request, { submit: true });
      const file = (document.getElementById('f') as HTMLInputElement).files![0]!;
      const manager = new core.UploadManager({ hasher: new core.WorkerHasher(() => new Worker(s.worker, { type: 'module' })) });
      const t0 = performance.now();
      const record = await manager.add(client, c.id, file, { kind: 'imaging', title: 'Bench 3' }).done;
      manager.dispose();
      return { ms: performance.now() - t0, ok: record.status === 'verified' };
    }, setup) as PageRun;
    clearInterval(sampler);
    await sample();
    rmSync(file2g);

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const med = (name: keyof typeof runs, key: 'ms' | 'verifiedMs' | 'serverCpu' | 'browserCpu') => median(samples[name].map((x) => x[key] ?? 0));
    const plan = planParts(big, { concatenation: (await (await fetch(`${server.url}/v1/config`)).json() as { uploads: { tusExtensions: string[] } }).uploads.tusExtensions.includes('concatenation') });
    const heapGoal = 2 * plan.partBytes * plan.parallel + 32 * MiB;
    const mbps = (ms: number) => (size / MiB / (ms / 1000)).toFixed(0);
    const s = (ms: number) => (ms / 1000).toFixed(2);
    const rawMs = med('raw', 'ms');
    const hashMs = med('hash', 'ms');
    const engineMs = med('engine', 'ms');
    const verifiedMs = med('engine', 'verifiedMs');
    const ratio = verifiedMs / Math.max(rawMs, hashMs);
    const longest = Math.max(...samples.engine.map((x) => x.longestTaskMs ?? 0), ...samples.transfer.map((x) => x.longestTaskMs ?? 0));
    const met = { throughput: rawMs / engineMs >= 0.9, ratio: ratio <= 1.1, task: longest <= 50, heap: peak <= heapGoal };
    const row = (what: string, value: string, goal: string, ok: boolean) => console.log(`${what.padEnd(44)} ${value.padEnd(40)} ${goal.padEnd(12)} ${ok ? 'met' : 'NOT MET'}`);
    console.log(`${ROUNDS} interleaved rounds, medians; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadavg().map((l) => l.toFixed(2)).join(' ')} after; ${availableParallelism()} cores`);
    console.log(`${'measure'.padEnd(44)} ${'value'.padEnd(40)} ${'goal'.padEnd(12)} result`);
    row('512 MiB throughput: engine vs raw fetch', `${mbps(engineMs)} vs ${mbps(rawMs)} MiB/s (${((rawMs / engineMs) * 100).toFixed(0)} %)`, '>= 90 %', met.throughput);
    row('confirmed SHA-256 vs max(upload, hashing)', `${s(verifiedMs)} s vs max(${s(rawMs)}, ${s(hashMs)}) = ${ratio.toFixed(2)}x`, '<= 1.1x', met.ratio);
    row('longest main-thread task during upload', `${longest.toFixed(0)} ms`, '<= 50 ms', met.task);
    // Where the time went in the longest frame of each run (script attribution), so a miss names its cause.
    for (const name of order) for (const x of samples[name]) if (x.frame) console.log(`  ${name} longest frame ${x.frame.ms} ms (blocking ${x.frame.blockingMs} ms): ${x.frame.scripts.join('; ') || 'no script attributed'}`);
    // The control: the same page while only one fetch (raw) or only the Worker (hash) runs, none of
    // the engine's code on the main thread. A long task there is the machine's, not the engine's.
    for (const name of ['engine', 'transfer'] as const) for (const x of samples[name]) if (x.tasks) console.log(`  ${name} trace: longest task ${x.tasks.longestMs.toFixed(0)} ms wall, ${x.tasks.longestCpuMs.toFixed(1)} ms of thread CPU; most CPU in any task ${x.tasks.maxCpuMs.toFixed(1)} ms`);
    const control = Math.max(...samples.raw.map((x) => x.longestTaskMs ?? 0), ...samples.hash.map((x) => x.longestTaskMs ?? 0));
    console.log(`  control, longest task with no engine code on the main thread (raw fetch, Worker hash): ${control.toFixed(0)} ms`);
    row('peak JS heap, 2 GiB upload', `${(peak / MiB).toFixed(1)} MiB (${plan.parts} x ${plan.partBytes / MiB} MiB, ${plan.parallel} at once)`, `<= ${(heapGoal / MiB).toFixed(0)} MiB`, met.heap);
    console.log('\nper run (median wall s | server-process CPU s | browser CPU s; every run listed):');
    for (const name of order) {
      const xs = samples[name];
      const wall = name === 'engine' || name === 'transfer' ? `bytes ${s(med(name, 'ms'))}, confirmed ${s(med(name, 'verifiedMs'))}` : s(med(name, 'ms'));
      console.log(`  ${name.padEnd(9)} ${wall.padEnd(30)} | ${med(name, 'serverCpu').toFixed(2).padStart(5)} | ${med(name, 'browserCpu').toFixed(2).padStart(5)} | ${xs.map((x) => s(x.verifiedMs ?? x.ms)).join(' ')}`);
    }
    // Upload and hashing share the machine's cores: their CPU seconds together, spread over every
    // core with no overhead at all, is the fastest a confirmed upload can be here.
    const cores = availableParallelism();
    const floor = Math.max(rawMs, hashMs, ((med('raw', 'serverCpu') + med('raw', 'browserCpu') + med('hash', 'browserCpu')) / cores) * 1000);
    console.log(`CPU floor on ${cores} cores for upload + hashing: ${s(floor)} s = ${(floor / Math.max(rawMs, hashMs)).toFixed(2)}x of max(upload, hashing)`);
    const ok = Object.values(samples).every((xs) => xs.every((x) => x.ok)) && run2.ok;
    const hashes = { incremental: uploadHashStats.incremental - hashesBefore.incremental, fullPass: uploadHashStats.fullPass - hashesBefore.fullPass };
    console.log(`checks: every run ok ${ok} (engine verified with the file's hash; Worker hashes ${samples.engine.map((x) => x.worker).join(', ')}); server hashes on arrival ${hashes.incremental}, full passes ${hashes.fullPass}; 2 GiB verified ${run2.ok} in ${s(run2.ms)} s`);
    if (!ok || !Object.values(met).every(Boolean)) process.exitCode = 1;
  } finally {
    await browser.close();
    await pages.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
