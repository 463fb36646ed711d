// Serves the recipes (and the kit's CDN build) on loopback, each page under its Content-Security-Policy,
// pointing at a running reference server. `node examples/serve.mjs` also starts that server in demo mode.
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The API origin written in the recipes' HTML; replaced by the real one when served. */
export const PLACEHOLDER_API = 'http://127.0.0.1:8787';

/** The strict policy of the kit's docs; `connect-src` is added per server for the API. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

/**
 * Each recipe's policy. Vue 3 asks for its own Trusted Types policy named `vue` on load, so it is listed.
 * Angular's JIT compiler evaluates generated code: 'unsafe-eval', and no Trusted Types enforcement
 * (an app compiled ahead of time by the Angular CLI needs neither).
 */
export const EXAMPLE_CSP = {
  'plain-html': STRICT_CSP,
  wordpress: STRICT_CSP,
  react19: STRICT_CSP,
  react18: STRICT_CSP,
  vue: `${STRICT_CSP} vue`,
  angular: "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self'",
};

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.wasm': 'application/wasm' };
// Only the recipes and the CDN build are served, never the rest of the repository.
const SERVED = ['examples/', 'dist/cdn/'];

/** Starts the recipes' server on 127.0.0.1; `api` is the reference server's URL; `csp` overrides policies. */
export function serveExamples({ api, port = 0, csp: overrides = {} }) {
  const policies = { ...EXAMPLE_CSP, ...overrides };
  const apiOrigin = new URL(api).origin;
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = normalize(join(root, path.endsWith('/') || path === '' ? `${path}index.html` : path));
    const inside = file.startsWith(root) && SERVED.some((p) => file.startsWith(join(root, p))) && !file.includes(`${sep}node_modules${sep}`);
    // Browsers ask for a favicon on their own; a 404 there would be a console error on every page.
    if (path === 'favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const info = inside ? await stat(file).catch(() => undefined) : undefined;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
    let body = await readFile(file);
    if (extname(file) === '.html') {
      const example = path.split('/')[1] ?? '';
      const csp = policies[example];
      if (csp) headers['content-security-policy'] = `${csp}; connect-src 'self' ${apiOrigin}`;
      body = Buffer.from(body.toString('utf8').replaceAll(PLACEHOLDER_API, apiOrigin));
    }
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
    }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startServer } = await import('second-opinion-kit/server');
  const api = await startServer({ port: 0, host: '127.0.0.1', demo: true, dataDir: join(root, '.data', 'examples') });
  const site = await serveExamples({ api: api.url, port: Number(process.env.PORT ?? 8790) });
  console.log(`Reference server (demo mode): ${api.url}`);
  for (const name of Object.keys(EXAMPLE_CSP)) console.log(`  ${name.padEnd(10)} ${site.url}/examples/${name}/`);
  const stop = async () => { await site.close(); await api.close(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
