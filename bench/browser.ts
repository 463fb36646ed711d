// Shared by browser benches: headless Debian Chromium through playwright-core, a loopback server for
// the repo's files (TypeScript entry points bundled by esbuild on request), and CDP CPU throttling.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The repository root (the parent of `bench/`). */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Flags for Debian's Chromium here: root needs --no-sandbox; the rest keep it off the closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
];

/** Launches headless Chromium (`CHROME_PATH`, default `/usr/bin/chromium`); `npx playwright install` cannot run here. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** A running loopback file server. */
export interface RepoServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.ts': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

// package.json's "sideEffects" names dist/elements/*.js; their sources register elements on import too,
// so a bare `import '.../src/elements/x.js'` must survive tree shaking, as the built files would.
const defineModulesHaveSideEffects: Plugin = {
  name: 'define-modules-have-side-effects',
  setup(b) {
    b.onResolve({ filter: /\/elements\/[^/]+\.js$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      return path.includes(`${sep}src${sep}elements${sep}`) ? { path, sideEffects: true } : undefined;
    });
  },
};

/**
 * Serves files under `root` (default: the repo) on 127.0.0.1. A `.ts` request answers with that file
 * bundled by esbuild (minified, production conditions, the repo's tsconfig for Lit's decorators);
 * each bundle is built once. Every answer is `no-store`, so each new page compiles the code cold.
 */
export async function serveRepo(root: string = REPO_ROOT): Promise<RepoServer> {
  const base = resolve(root);
  const bundles = new Map<string, Promise<string>>();
  const bundle = (file: string) => {
    let out = bundles.get(file);
    if (!out) {
      out = build({
        entryPoints: [file], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true,
        write: false, tsconfig: join(base, 'tsconfig.json'), logLevel: 'error', plugins: [defineModulesHaveSideEffects],
      }).then((r) => r.outputFiles[0]!.text);
      bundles.set(file, out);
    }
    return out;
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      const file = resolve(base, `.${path}`);
      // Only files inside the root, and nothing under a dot folder (.git, .toolchain, .data).
      if (req.method !== 'GET' || !file.startsWith(base + sep) || path.split('/').some((s) => s.startsWith('.'))) {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = extname(file) === '.ts' ? await bundle(file) : await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
      } catch (e) {
        const missing = (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR';
        res.writeHead(missing ? 404 : 500, { 'content-type': 'text/plain' }).end(missing ? 'not found' : String(e));
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** Slows the page's main thread `rate` times over CDP (1 = no throttling). */
export async function throttleCpu(context: BrowserContext, page: Page, rate: number): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/**
 * Opens `url` in a fresh browser context (its own renderer, no shared caches), throttles the CPU
 * once it has loaded (if asked), runs `fn`, and closes the context. Page errors, failed requests and a page that
 * gives no result within `timeoutMs` (default 30 s) reject, so a broken page fails the bench.
 */
export async function inFreshPage<T>(browser: Browser, url: string, fn: (page: Page) => Promise<T>, options: { cpuThrottle?: number; timeoutMs?: number } = {}): Promise<T> {
  const limit = options.timeoutMs ?? 30_000;
  const context = await browser.newContext();
  const run = async (): Promise<T> => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      // Chromium asks for a favicon on its own; a page's missing one is not the page's failure.
      if (r.status() >= 400 && path !== '/favicon.ico') problems.push(`${r.status()} ${path}`);
    });
    await page.goto(url);
    // Throttled from here on: `fn` is what is measured, and loading at full speed keeps the bench short.
    if (options.cpuThrottle && options.cpuThrottle !== 1) await throttleCpu(context, page, options.cpuThrottle);
    const result = await fn(page);
    if (problems.length) throw new Error(`${url}: ${problems.join('; ')}`);
    return result;
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${url}: no result within ${limit} ms`)), limit);
  });
  try {
    return await Promise.race([run(), deadline]);
  } finally {
    clearTimeout(timer);
    // Closing the context also ends a `fn` still waiting on the page.
    await context.close();
  }
}
