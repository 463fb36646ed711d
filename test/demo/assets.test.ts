// How the demo's files are served: strict headers on every page and file, nothing outside the
// folders, and the placeholder page when the demo folder is absent (the npm package ships none).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer, DEMO_PAGE, demoSite, PAGE_CSP, silentLogger, type SecondOpinionServer } from '../../src/server/index.js';

describe('demo files served by the reference server', () => {
  let dir: string;
  let server: SecondOpinionServer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'so-assets-'));
    mkdirSync(join(dir, 'repo/demo'), { recursive: true });
    mkdirSync(join(dir, 'repo/dist/cdn/chunks'), { recursive: true });
    mkdirSync(join(dir, 'repo/storybook-static'), { recursive: true });
    writeFileSync(join(dir, 'repo/demo/index.html'), '<!doctype html><title>demo home</title>');
    writeFileSync(join(dir, 'repo/demo/app.js'), 'export {};');
    writeFileSync(join(dir, 'repo/dist/cdn/chunks/x.js'), 'export const x = 1;');
    writeFileSync(join(dir, 'repo/storybook-static/index.html'), '<!doctype html><title>storybook</title>');
    writeFileSync(join(dir, 'repo/secret.txt'), 'not for the web');
    server = await createServer({ dataDir: join(dir, 'data'), logger: silentLogger, demo: true, ...demoSite({ root: join(dir, 'repo') }) });
  });

  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the home page and files with the strict policy, nosniff and no-cache', async () => {
    const home = await server.app.request('/');
    assert.equal(home.status, 200);
    assert.match(await home.text(), /demo home/);
    assert.equal(home.headers.get('content-security-policy'), PAGE_CSP);
    const js = await server.app.request('/demo/app.js');
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(js.headers.get('content-security-policy'), PAGE_CSP);
    assert.equal(js.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(js.headers.get('cache-control'), 'no-cache');
    const chunk = await server.app.request('/cdn/chunks/x.js');
    assert.equal(await chunk.text(), 'export const x = 1;');
  });

  it('never serves a file outside its folder', async () => {
    for (const path of ['/demo/../secret.txt', '/demo/%2e%2e/secret.txt', '/demo/..%2fsecret.txt', '/cdn/%2e%2e/%2e%2e/secret.txt', '/demo/']) {
      const res = await server.app.request(path);
      assert.equal(res.status, 404, path);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/, path);
    }
  });

  it('serves a built Storybook under /storybook/ without the page policy (its pages need inline scripts)', async () => {
    const bare = await server.app.request('/storybook');
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get('location'), '/storybook/');
    const index = await server.app.request('/storybook/');
    assert.equal(index.status, 200);
    assert.match(await index.text(), /storybook/);
    assert.equal(index.headers.get('content-security-policy'), null);
  });

  it('falls back to the scriptless placeholder page without a demo folder', () => {
    const site = demoSite({ root: join(dir, 'nowhere') });
    assert.equal(site.homePage, DEMO_PAGE);
    assert.doesNotMatch(DEMO_PAGE, /<script|<style|style=/);
    assert.equal(site.assets?.some((a) => a.path === '/storybook'), false);
  });
});
