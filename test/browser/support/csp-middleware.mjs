// Serves the CSP test page with the exact policy the issue names, as a real header.
import { readFile } from 'node:fs/promises';

/** The policy host pages are told to use. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

/**
 * Koa middleware for wtr: GET `path` -> the HTML file at `file` (a URL), with `policy` as its
 * Content-Security-Policy header. By default the CSP test page with the policy above.
 */
export function cspPage(path = '/csp-page.html', policy = CSP, file = new URL('../csp/page.html', import.meta.url)) {
  return async (ctx, next) => {
    if (ctx.path !== path) return next();
    ctx.set('Content-Security-Policy', policy);
    ctx.type = 'text/html';
    ctx.body = await readFile(file, 'utf8');
  };
}
