// A wtr plugin that runs real reference servers (loopback, demo mode, own temporary data dirs) for
// the workflow tests, and the commands those tests call: `so-server` (the shared server),
// `so-server-start` (a dedicated one), `so-server-restart` (same port, same data dir), `so-server-stop`.
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
  // One secret for every server, so a token survives a restart (as it would in production).
  const tokenSecret = randomBytes(32).toString('base64url');

  async function start(port = 0, dataDir = mkdtempSync(join(tmpdir(), 'so-wtr-'))) {
    const server = await api.startServer({
      port, host: '127.0.0.1', dataDir, demo: true, tokenSecret, logger: api.silentLogger, rateLimit: false, heartbeatMs: 1000,
    });
    return { server, dataDir, port: Number(new URL(server.url).port) };
  }

  return {
    name: 'so-reference-server',
    async serverStart() {
      api = await tsImport('../../src/server/index.ts', import.meta.url);
      shared = await start();
    },
    async serverStop() {
      for (const s of [shared, ...servers.values()]) {
        if (!s) continue;
        await s.server.close().catch(() => {});
        rmSync(s.dataDir, { recursive: true, force: true });
      }
    },
    async executeCommand({ command, payload }) {
      if (command === 'so-server') return { url: shared.server.url };
      if (command === 'so-server-start') {
        const id = String(nextId++);
        servers.set(id, await start());
        return { id, url: servers.get(id).server.url };
      }
      if (command === 'so-server-restart') {
        const s = servers.get(payload.id);
        await s.server.close();
        servers.set(payload.id, await start(s.port, s.dataDir));
        return { url: servers.get(payload.id).server.url };
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
