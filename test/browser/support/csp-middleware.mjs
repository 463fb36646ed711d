// Serves the CSP test page with the exact policy the issue names, as a real header.
import { readFile } from 'node:fs/promises';

/** The policy host pages are told to use. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

const page = new URL('../csp/page.html', import.meta.url);

/** Koa middleware for wtr: GET /csp-page.html -> the page, with Content-Security-Policy. */
export function cspPage() {
  return async (ctx, next) => {
    if (ctx.path !== '/csp-page.html') return next();
    ctx.set('Content-Security-Policy', CSP);
    ctx.type = 'text/html';
    ctx.body = await readFile(page, 'utf8');
  };
}
