// Read-only folders under URL prefixes (the demo's files, the CDN build, Storybook), each answer
// with a strict Content-Security-Policy, nosniff and no caching, so a rebuild shows on reload.
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import type { AssetDir } from '../config.js';
import type { AppEnv } from '../env.js';
import { problems } from '../problem.js';
import type { Deps } from './deps.js';

/**
 * The policy pages served by this server run under: the kit's documented CSP (Lit's `lit-html`
 * policy, the hashing Worker's `second-opinion-kit` policy, WebAssembly for SHA-256), plus lockdowns.
 */
export const PAGE_CSP = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' blob: data:", "connect-src 'self'",
  "worker-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
  "require-trusted-types-for 'script'", 'trusted-types lit-html second-opinion-kit',
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm',
};

/** Sets the headers every served page and asset carries. */
export function pageHeaders(c: Context, csp: string | false = PAGE_CSP): void {
  if (csp) c.header('Content-Security-Policy', csp);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-cache');
}

async function fileIn(root: string, relative: string, index: boolean): Promise<string | undefined> {
  let path = resolve(root, `.${sep}${decodeURIComponent(relative)}`);
  // Never outside the folder, whatever the URL says.
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory() && index) path = resolve(path, 'index.html');
  else if (!info?.isFile()) return undefined;
  return path;
}

function mount(app: Hono<AppEnv>, asset: AssetDir): void {
  const root = resolve(asset.dir);
  const handler = async (c: Context) => {
    const relative = c.req.path.slice(asset.path.length).replace(/^\/+/, '');
    if (!relative && !asset.index) throw problems.notFound();
    const file = await fileIn(root, relative, asset.index ?? false).catch(() => undefined);
    const body = file ? await readFile(file).catch(() => undefined) : undefined;
    if (!file || !body) throw problems.notFound();
    pageHeaders(c, asset.csp ?? PAGE_CSP);
    c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    return c.body(body);
  };
  // A folder URL without its slash would resolve relative links one level up.
  if (asset.index) app.get(asset.path, (c) => c.redirect(`${asset.path}/`, 301));
  app.get(`${asset.path}/*`, handler);
}

/** Mounts every configured asset folder. */
export function assetRoutes(app: Hono<AppEnv>, { options }: Deps): void {
  for (const asset of options.assets) mount(app, asset);
}
