// Every recipe in examples/ built once and loaded in real Chromium against the real reference server
// (demo mode): the elements upgrade and render, events reach the framework's own handler, focus
// moves to the new step's heading, and no page logs an error or breaks its Content-Security-Policy.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { CaseSummary } from '../../src/core/index.js';
import { startServer, silentLogger, type RunningServer } from '../../src/server/index.js';
import { buildExamples } from '../../examples/build.mjs';
import { serveExamples, STRICT_CSP } from '../../examples/serve.mjs';
import { FORM_MESSAGES } from '../../src/components/request-form/request-form.messages.js';
import { fillRestAndSubmit, fillWhoAndContinue, focusedPart, openWatched, stepHeading, type Watched } from './support.js';

let api: RunningServer;
type Site = { url: string; close: () => Promise<void> };
let site: Site;
// The same recipes under the bare strict policy: Vue then breaks it, which proves violations are seen.
let bareSite: Site;
let browser: Browser;
let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'so-examples-'));
  [api] = await Promise.all([
    startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, logger: silentLogger, rateLimit: false }),
    buildExamples(),
  ]);
  [site, bareSite] = await Promise.all([serveExamples({ api: api.url }), serveExamples({ api: api.url, csp: { vue: STRICT_CSP } })]);
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    // Root needs --no-sandbox; the rest keep Chromium off the (closed) network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await bareSite?.close();
  await api?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Loads a recipe, runs the checks, then insists on a clean console and zero CSP violations. */
async function withRecipe(name: string, check: (w: Watched) => Promise<void>): Promise<void> {
  const w = await openWatched(browser, `${site.url}/examples/${name}/`);
  try {
    await check(w);
    assert.deepEqual(await w.violations(), [], 'CSP violations');
    assert.deepEqual(w.problems, [], 'console errors');
  } finally {
    await w.close();
  }
}

/** The recipes that render the step the framework heard: step 1 filled, Next, then both checks. */
async function stepChangeReachesTheFramework({ page }: Watched): Promise<void> {
  const en = FORM_MESSAGES.en;
  assert.equal(await stepHeading(page), `${en.stepOf(1, 6)}${en.steps.who}`);
  assert.equal(await page.getByTestId('step').textContent(), 'Current step: who');
  await fillWhoAndContinue(page);
  await page.getByText('Current step: 2 (diagnosis)').waitFor();
  assert.equal(await stepHeading(page), `${en.stepOf(2, 6)}${en.steps.diagnosis}`);
  assert.equal(await focusedPart(page), 'heading');
}

describe('framework recipes in Chromium', () => {
  it('plain HTML: the CDN module under the strict CSP creates one case', async () => {
    await withRecipe('plain-html', async ({ page }) => {
      assert.match(await stepHeading(page), /^Step 1 of 6/);
      await fillWhoAndContinue(page);
      assert.match(await stepHeading(page), /^Step 2 of 6/);
      assert.equal(await focusedPart(page), 'heading');
      await fillRestAndSubmit(page);
      const outcome = page.locator('#outcome');
      await outcome.getByText(/^Case .+ created\.$/).waitFor();
      const reference = /^Case (.+) created\.$/.exec((await outcome.textContent()) ?? '')![1];
      assert.equal(await page.locator('so-request-form [part="reference"]').textContent(), reference);
      const staff = await api.issueToken('examples-coordinator', 'coordinator');
      const listed = await (await fetch(`${api.url}/v1/staff/cases?limit=100`, { headers: { authorization: `Bearer ${staff}` } })).json() as { items: CaseSummary[] };
      const mine = listed.items.filter((c) => c.reference === reference);
      assert.equal(mine.length, 1);
      assert.equal(mine[0]!.status, 'submitted');
      assert.equal(mine[0]!.specialty, 'endocrinology');
    });
  });

  it('WordPress-style page: declarative provider, host token callback, tracker and form', async () => {
    await withRecipe('wordpress', async ({ page }) => {
      // The tracker's list needs the patient's token: its empty state proves the host callback ran.
      await page.locator('so-status-tracker').getByText('You have no requests yet.').waitFor();
      assert.match(await stepHeading(page), /^Step 1 of 6/);
      await fillWhoAndContinue(page);
      assert.match(await stepHeading(page), /^Step 2 of 6/);
      assert.equal(await focusedPart(page), 'heading');
    });
  });

  it('React 19: native custom elements, onso-step-change reaches the component', async () => {
    await withRecipe('react19', stepChangeReachesTheFramework);
  });

  it('React 18: the second-opinion-kit/react wrappers, onStepChange reaches the component', async () => {
    await withRecipe('react18', stepChangeReachesTheFramework);
  });

  it('Vue 3: @so-step-change reaches the component', async () => {
    await withRecipe('vue', stepChangeReachesTheFramework);
  });

  it('Vue 3 under the policy without its `vue` Trusted Types name: the violation is caught (control)', async () => {
    const w = await openWatched(browser, `${bareSite.url}/examples/vue/`);
    try {
      await w.page.getByTestId('step').waitFor();
      const violations = await w.violations();
      assert.ok(violations.some((v) => v.startsWith('trusted-types')), `expected a trusted-types violation, got ${JSON.stringify(violations)}`);
      assert.ok(w.problems.length > 0, 'the violation shows as a console error too');
    } finally {
      await w.close();
    }
  });

  it('Angular: (so-step-change) reaches the standalone component', async () => {
    await withRecipe('angular', stepChangeReachesTheFramework);
  });
});
