// Reference server figures over loopback: case reads per second and p99 at 50 concurrent clients,
// and the time for one status change to reach 1,000 open event streams. Bounded; not a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, silentLogger } from '../src/server/index.js';

const CLIENTS = 50;
const READS = 10_000;
const STREAMS = 1_000;

const dataDir = mkdtempSync(join(tmpdir(), 'so-bench-'));
const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logger: silentLogger, rateLimit: false, heartbeatMs: 60_000 });
const token = await server.issueToken('bench-patient', 'patient');
const staff = await server.issueToken('bench-staff', ['coordinator', 'specialist']);
const auth = { Authorization: `Bearer ${token}` };

const request = {
  patient: { givenName: 'Bench', familyName: 'Patient', birthDate: '1970-01-01', jurisdiction: 'CA-ON', email: 'bench@example.ca', preferredLanguage: 'en', healthCardNumber: '1234567897' },
  requester: { relationship: 'self' }, reasons: ['reassurance'], specialty: 'oncology', diagnosis: { description: 'A diagnosis' },
  proposedTreatment: 'A treatment', treatingPhysician: { name: 'Dr. Test' }, questions: ['A question?'], urgency: 'routine',
  consultationMode: 'records_review', referral: { path: 'self' }, coverage: { kind: 'self_pay' }, careTeam: { share: false },
  consent: { version: '2026-11', acceptedAt: new Date().toISOString(), scopes: ['collect_and_review'] },
};
const created = await fetch(`${server.url}/v1/cases`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ request, submit: true }) });
if (created.status !== 201) throw new Error(`could not create the bench case: ${created.status} ${await created.text()}`);
const caseId = ((await created.json()) as { id: string }).id;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

// 1. Reads: 50 clients share a fixed number of GETs.
{
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < READS) {
      next++;
      const t = performance.now();
      const res = await fetch(`${server.url}/v1/cases/${caseId}`, { headers: auth });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`read failed: ${res.status}`);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  process.stdout.write(`case reads: ${READS} GET /v1/cases/{id} at ${CLIENTS} concurrent clients: ${(READS / seconds).toFixed(0)} req/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms\n`);
}

// 2. Fan-out: 1,000 streams open on the case, one status change, time until every stream has it.
{
  const controllers: AbortController[] = [];
  const arrivals: Promise<number>[] = [];
  const opened: Promise<void>[] = [];
  let changedAt = 0;
  for (let i = 0; i < STREAMS; i++) {
    const ac = new AbortController();
    controllers.push(ac);
    let markOpen!: () => void;
    opened.push(new Promise((resolve) => (markOpen = resolve)));
    arrivals.push((async () => {
      // Resume after the events already there, so the only event is the change.
      const res = await fetch(`${server.url}/v1/cases/${caseId}/events`, { headers: { ...auth, 'Last-Event-ID': '2' }, signal: ac.signal });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      markOpen();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended early');
        text += value;
        if (text.includes('event: case-event')) return performance.now();
      }
    })());
  }
  await Promise.all(opened);
  // Every stream is registered with the server before the change (bounded wait on its own count).
  for (let i = 0; i < 10_000 && server.openStreams < STREAMS; i++) await new Promise((r) => setImmediate(r));
  changedAt = performance.now();
  const moved = await fetch(`${server.url}/v1/staff/cases/${caseId}/triage`, { method: 'POST', headers: { Authorization: `Bearer ${staff}` } });
  if (moved.status !== 200) throw new Error(`triage failed: ${moved.status}`);
  const times = (await Promise.all(arrivals)).map((t) => t - changedAt).sort((a, b) => a - b);
  process.stdout.write(`event fan-out: one status change to ${STREAMS} open streams (${server.openStreams} registered): first ${times[0]!.toFixed(1)} ms, p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms, all ${times.at(-1)!.toFixed(1)} ms\n`);
  for (const ac of controllers) ac.abort();
}

await server.close();
rmSync(dataDir, { recursive: true, force: true });
