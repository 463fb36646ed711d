// A wtr plugin for the request-form tests: the real reference server on loopback, a fresh patient
// token per session, and a loopback proxy that can drop or alter the answer to POST /v1/cases.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { register } from 'tsx/esm/api';
import { build } from 'esbuild';

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

// mode 'drop-first-create': the server creates the case, the browser never hears the first answer.
// mode 'future-birth-date': the body the server gets carries a future birth date, so its own 422 comes back.
function startProxy(target, mode) {
  const upstream = new URL(target);
  let creates = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      const isCreate = req.method === 'POST' && req.url === '/v1/cases';
      if (isCreate && mode === 'future-birth-date') {
        const json = JSON.parse(body.toString('utf8'));
        json.request.patient.birthDate = '2999-01-01';
        body = Buffer.from(JSON.stringify(json));
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP.has(k)));
      headers['content-length'] = String(body.length);
      const up = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
        if (isCreate && mode === 'drop-first-create' && creates++ === 0) {
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !HOP.has(k))));
        answer.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  })));
}

/**
 * Serves tus-js-client's browser build as one ES module: its browser files import CommonJS helpers
 * (url-parse, js-base64) that the dev server cannot load as they are.
 */
export function tusBrowserBundlePlugin() {
  const path = '/__so/tus-js-client.js';
  let bundled;
  return {
    name: 'so-tus-browser-bundle',
    resolveImport({ source }) {
      return source === 'tus-js-client' ? path : undefined;
    },
    async serve(context) {
      if (context.path !== path) return undefined;
      bundled ??= build({ entryPoints: ['node_modules/tus-js-client/lib.esm/browser/index.js'], bundle: true, format: 'esm', write: false, platform: 'browser', logLevel: 'silent' })
        .then((r) => r.outputFiles[0].text);
      return { body: await bundled, type: 'js' };
    },
  };
}

/** The plugin: commands `so-form-session` ({ mode? } -> { endpoint, token }) and `so-form-cleanup`. */
export function referenceServerPlugin() {
  let server;
  let dataDir;
  const proxies = [];
  return {
    name: 'so-request-form-reference',
    async serverStart() {
      register();
      const { startServer, silentLogger } = await import('../../src/server/index.ts');
      dataDir = mkdtempSync(join(tmpdir(), 'so-form-'));
      server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, logger: silentLogger, rateLimit: false });
    },
    async serverStop() {
      await Promise.all(proxies.map((p) => p.close()));
      await server?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async executeCommand({ command, payload }) {
      if (command === 'so-form-session') {
        const token = await server.issueToken(`patient-${randomUUID()}`, 'patient');
        let endpoint = server.url;
        if (payload?.mode) {
          const proxy = await startProxy(server.url, payload.mode);
          proxies.push(proxy);
          endpoint = proxy.url;
        }
        return { endpoint, direct: server.url, token };
      }
      return undefined;
    },
  };
}
