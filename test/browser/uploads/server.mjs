// Node side of the uploader's browser tests: the reference server on 127.0.0.1 (own temporary
// data dir, demo mode) and the commands the tests call; middleware for the Worker and a CSP page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { tsImport } from 'tsx/esm/api';
import { CSP, cspPage } from '../support/csp-middleware.mjs';

/** The wtr plugin: `so-uploads-session` -> { url, token } for a fresh patient. */
export function uploadsPlugin() {
  let server;
  let dataDir;
  const phones = new Map();
  return {
    name: 'so-uploads-reference',
    async serverStart() {
      const api = await tsImport('../../../src/server/index.ts', import.meta.url);
      dataDir = mkdtempSync(join(tmpdir(), 'so-wtr-uploads-'));
      server = await api.startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, logger: api.silentLogger, rateLimit: false });
    },
    async serverStop() {
      await server?.close().catch(() => {});
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'so-uploads-session') return { url: server.url, token: await server.issueToken(`patient-${randomUUID()}`, 'patient') };
      // A phone: 390x844 with touch (Chromium over CDP makes `pointer: coarse` match); false where the
      // driver cannot emulate touch. `{ on: false }` restores the default desktop viewport.
      if (command === 'so-touch-phone') {
        if (session.browser.type !== 'puppeteer') return false;
        const on = payload?.on !== false;
        try {
          // CDP itself: puppeteer's setViewport reloads the page (ending the test) when touch changes.
          // The overrides last as long as the CDP session, so it stays open until `{ on: false }`.
          const open = phones.get(session.id);
          if (!on) {
            phones.delete(session.id);
            await open?.detach();
            return true;
          }
          const cdp = open ?? (await session.browser.getPage(session.id).createCDPSession());
          phones.set(session.id, cdp);
          await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
          await cdp.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 3, mobile: false });
          return true;
        } catch {
          return false;
        }
      }
      return undefined;
    },
  };
}

/**
 * The hasher starts `new URL('./hash.worker.js', import.meta.url)`; under test the sources are
 * TypeScript, so that request is answered with the compiled `hash.worker.ts` (as a bundler would).
 */
export function workerSource() {
  return (ctx, next) => {
    if (ctx.path === '/src/core/uploads/hash.worker.js') ctx.path = '/src/core/uploads/hash.worker.ts';
    return next();
  };
}

const page = new URL('./csp-page.html', import.meta.url);

/**
 * The docs' strict policy plus what uploads need: compiling WebAssembly for hash-wasm (not JS
 * eval) and the kit's Trusted Types policy that starts the hashing Worker.
 */
export const UPLOADER_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'").replace('trusted-types lit-html', 'trusted-types lit-html second-opinion-kit');

/** GET /uploads-csp-page.html -> a page with that policy, hashing through the CDN bundle. */
export function cspUploadPage() {
  return cspPage('/uploads-csp-page.html', UPLOADER_CSP, page);
}

