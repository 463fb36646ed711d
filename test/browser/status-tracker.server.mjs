// A wtr plugin that runs real reference servers (loopback, demo mode, own temporary data dirs) for
// the workflow tests, and the commands those tests call: `so-server` (the shared server),
// `so-server-start` (a dedicated one), `so-server-restart` (same port, same data dir), `so-server-stop`,
// and `so-mail-server` (a server that e-mails through a real SMTP server on loopback, which refuses
// an address while told to: `so-mail-refuse`, or holds its answer: `so-mail-hold`) with `so-mail-attempt`
// (waits for a care-team attempt).
// Starting a server can outlast the browser's fixed 20 s wait for a command on a loaded machine,
// so the slow commands return a job at once and `so-job` waits for it in rounds of at most 10 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tsImport } from 'tsx/esm/api';

/** The wtr plugin. */
export function referenceServerPlugin() {
  let api;
  const servers = new Map();
  let shared;
  let nextId = 1;
  const jobs = new Map();
  let nextJob = 1;
  const job = (work) => {
    const id = String(nextJob++);
    const settled = work.then((result) => ({ done: true, result }), (e) => ({ done: true, error: String(e?.stack ?? e) }));
    jobs.set(id, settled);
    return { job: id };
  };
  // One secret for every server, so a token survives a restart (as it would in production).
  const tokenSecret = randomBytes(32).toString('base64url');

  async function start(port = 0, dataDir = mkdtempSync(join(tmpdir(), 'so-wtr-'))) {
    const server = await api.startServer({
      port, host: '127.0.0.1', dataDir, demo: true, tokenSecret, logger: api.silentLogger, rateLimit: false, heartbeatMs: 1000,
    });
    return { server, dataDir, port: Number(new URL(server.url).port) };
  }

  // The e-mailing server (started with the shared one).
  let mail;
  async function mailServer() {
    if (mail) return mail;
    const { startSmtpSink } = await tsImport('./../server/support/smtp-sink.ts', import.meta.url);
    const smtp = await startSmtpSink();
    const dataDir = mkdtempSync(join(tmpdir(), 'so-wtr-mail-'));
    const server = await api.startServer({
      port: 0, host: '127.0.0.1', dataDir, demo: true, tokenSecret, logger: api.silentLogger, rateLimit: false, heartbeatMs: 1000,
      outbound: { smtpUrl: smtp.url, timing: { pollMs: 200, timeoutMs: 5000, retryMinMs: 10, retryFirstWindowMs: 40, retryMaxMs: 120 } },
    });
    const attempts = [];
    server.deliveries.addEventListener('attempt', (e) => {
      if (e.detail.channel === 'care_team') attempts.push(e.detail);
    });
    mail = { smtp, server, dataDir, attempts };
    return mail;
  }

  return {
    name: 'so-reference-server',
    async serverStart() {
      api = await tsImport('../../src/server/index.ts', import.meta.url);
      shared = await start();
      // Started before the tests: opening a database can outlast a command's wait on a loaded machine.
      await mailServer();
    },
    async serverStop() {
      if (mail) {
        await mail.server.close().catch(() => {});
        await mail.smtp.close().catch(() => {});
        rmSync(mail.dataDir, { recursive: true, force: true });
      }
      for (const s of [shared, ...servers.values()]) {
        if (!s) continue;
        await s.server.close().catch(() => {});
        rmSync(s.dataDir, { recursive: true, force: true });
      }
    },
    async executeCommand({ command, payload }) {
      if (command === 'so-server') return { url: shared.server.url };
      if (command === 'so-mail-server') return job(mailServer().then((m) => ({ url: m.server.url })));
      if (command === 'so-mail-refuse') {
        const m = await mailServer();
        if (payload.refuse) m.smtp.refuse.add(payload.address);
        else m.smtp.refuse.delete(payload.address);
        return true;
      }
      // Keeps the care team's delivery "sending" (its SMTP answer held) until told to let it go.
      if (command === 'so-mail-hold') {
        const m = await mailServer();
        if (payload.hold) m.smtp.hold(payload.address);
        else m.smtp.release(payload.address);
        return true;
      }
      // Resolves once the care-team delivery of `caseId` has had an attempt with `ok` (bounded by so-job's rounds).
      if (command === 'so-mail-attempt') {
        const m = await mailServer();
        return job(new Promise((resolve) => {
          const seen = () => m.attempts.find((a) => a.caseId === payload.caseId && a.ok === payload.ok);
          if (seen()) return resolve(true);
          m.server.deliveries.addEventListener('attempt', function on() {
            if (!seen()) return;
            m.server.deliveries.removeEventListener('attempt', on);
            resolve(true);
          });
        }));
      }
      if (command === 'so-job') {
        const settled = jobs.get(payload.job);
        if (!settled) return { done: true, error: `no job ${payload.job}` };
        const round = new Promise((resolve) => setTimeout(() => resolve({ done: false }), 10_000).unref());
        const out = await Promise.race([settled, round]);
        if (out.done) jobs.delete(payload.job);
        return out;
      }
      if (command === 'so-server-start') {
        return job((async () => {
          const id = String(nextId++);
          servers.set(id, await start());
          return { id, url: servers.get(id).server.url };
        })());
      }
      if (command === 'so-server-restart') {
        return job((async () => {
          const s = servers.get(payload.id);
          await s.server.close();
          servers.set(payload.id, await start(s.port, s.dataDir));
          return { url: servers.get(payload.id).server.url };
        })());
      }
      if (command === 'so-server-stop') {
        const s = servers.get(payload.id);
        servers.delete(payload.id);
        await s?.server.close();
        if (s) rmSync(s.dataDir, { recursive: true, force: true });
        return true;
      }
      return undefined;
    },
  };
}
