// The demo at `/` in real Chromium against the real reference server (embedded database): one
// person sends a request, the staff console asks for information, the patient answers, staff
// accept, review, attach a report and issue the opinion, and the opinion summary shows the
// answers; language and theme switch live; no CSP violation and no console error on the way.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureCdn } from '../../scripts/cdn-build.js';
import { demoSite, silentLogger, startServer, type RunningServer } from '../../src/server/index.js';

const root = resolve(import.meta.dirname, '../..');
// Generous bounds for a loaded 2-core machine; every wait ends on a condition, not on the clock.
const STEP = 30_000;

interface Seen { violations: string[]; errors: string[] }

// The steps are one story: after a failed step the next ones fail at once instead of waiting.
let failedStep: string | undefined;
function step(name: string, fn: () => Promise<void> | void): void {
  it(name, async () => {
    assert.equal(failedStep, undefined, `an earlier step failed: ${failedStep}`);
    try {
      await fn();
    } catch (e) {
      failedStep = name;
      throw e;
    }
  });
}

// Which step of the patient's list is marked current.
const currentStep = (page: Page) => page.evaluate(() => document.querySelector('.steps [aria-current="step"]')?.getAttribute('data-step'));

// Every heading inside each step section (shadow roots included) against the section's own: none may
// rank above it (an element's h2 inside a section headed h3 was inverted).
const invertedHeadings = (page: Page) => page.evaluate(() => {
  // A loop over a stack, not a named helper: tsx would wrap one in a __name the page does not have.
  const found: string[] = [];
  for (const section of document.querySelectorAll<HTMLElement>('section.step:not([hidden])')) {
    const own = section.querySelector(':scope > h1, :scope > h2, :scope > h3, :scope > h4')!;
    const floor = Number(own.tagName.slice(1));
    const roots: ParentNode[] = [section];
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const el of root.querySelectorAll('*')) {
        const m = /^H([1-6])$/.exec(el.tagName);
        if (m && Number(m[1]) < floor && (el as HTMLElement).getClientRects().length) found.push(`${section.id}: <${el.localName}> ${el.textContent!.trim().slice(0, 40)}`);
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
  }
  return found;
});

// Drop zones a person can see, across every uploader on the page.
const visibleDropZones = (page: Page) => page.locator('so-record-uploader [part~="dropzone"]:visible').count();

describe('the demo served by npm start', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const seen: Seen = { violations: [], errors: [] };

  before(async () => {
    await ensureCdn(() => {});
    dataDir = mkdtempSync(join(tmpdir(), 'so-demo-'));
    server = await startServer({ port: 0, host: '127.0.0.1', demo: true, dataDir, logger: silentLogger, ...demoSite({ root }) });
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage();
    page.setDefaultTimeout(STEP);
    page.on('console', (m) => {
      if (m.type() === 'error') seen.errors.push(m.text());
    });
    page.on('pageerror', (e) => seen.errors.push(`pageerror: ${e.message}`));
    await page.exposeFunction('reportViolation', (v: string) => seen.violations.push(v));
    // Init scripts run through the DevTools protocol, outside the page's CSP.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  step('serves the page with the strict policy and Trusted Types', async () => {
    const response = await page.goto(`${server.url}/`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /trusted-types lit-html second-opinion-kit(;|$)/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
    await page.locator('body[data-session="ready"]').waitFor();
    await page.getByRole('heading', { name: 'Demo tool: staff console' }).waitFor();
    assert.equal(await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length), 0, 'no inline script');
  });

  step('numbers the steps inside their items, apart from each other, and marks the first', async () => {
    const items = await page.locator('.steps li').evaluateAll((lis) => lis.map((li) => {
      const r = li.getBoundingClientRect();
      return { top: r.top, left: r.left, right: r.right, inside: getComputedStyle(li).listStylePosition === 'inside' };
    }));
    assert.equal(items.length, 4);
    // Inside, a number is part of its item's box, so the gap between boxes is the space between steps.
    assert.ok(items.every((i) => i.inside), 'numbers inside their items');
    for (let i = 1; i < items.length; i++) {
      if (items[i]!.top === items[i - 1]!.top) assert.ok(items[i]!.left - items[i - 1]!.right >= 16, `steps ${i} and ${i + 1} run together`);
    }
    assert.equal(await currentStep(page), 'request');
    assert.deepEqual(await invertedHeadings(page), []);
  });

  step('keeps the demo tokens out of storage and URLs', async () => {
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, url: location.href }));
    assert.deepEqual({ local: stored.local, session: stored.session }, { local: 0, session: 0 });
    assert.equal(stored.url, `${server.url}/`);
  });

  step('sends a request filled with the example', async () => {
    await page.locator('#example').click();
    const consent = page.locator('so-request-form input[name="consent"]');
    await consent.check();
    await page.locator('so-request-form [part~="submit"]').click();
    await page.locator('so-request-form [part~="reference"]').waitFor();
    await page.locator('#step-tracker').waitFor({ state: 'visible' });
    // The uploader is ready for this case in the records step.
    await page.locator('#step-records so-record-uploader[case-id] [part~="dropzone"]').waitFor();
    await page.locator('#staff-console [data-case]').first().waitFor();
    // The example is for an empty form: it goes once the request is sent.
    assert.equal(await page.locator('#example').isVisible(), false);
    assert.equal(await currentStep(page), 'records');
    assert.deepEqual(await invertedHeadings(page), []);
  });

  step('lets staff ask for information, and the patient answer it in the tracker with a record', async () => {
    await page.locator('#staff-console form[data-action="triage"] button[type="submit"]').click();
    await page.locator('#staff-console form[data-action="request-information"] button[type="submit"]').click();
    await page.locator('#staff-console .staff-status').getByText('Done: Request information.').waitFor();
    // The uploader in the tracker's slot sends the record asked for, through the CDN build.
    const uploader = page.locator('so-status-tracker so-record-uploader');
    await uploader.locator('[part~="dropzone"]').waitFor();
    await page.locator('#step-records').waitFor({ state: 'hidden' });
    assert.equal(await visibleDropZones(page), 1, 'one drop zone while information is asked for');
    assert.equal(await currentStep(page), 'tracker');
    await uploader.locator('input.files').setInputFiles({
      name: 'pathology.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% pathology report\n%%EOF\n'),
    });
    await uploader.locator('button.send').click();
    await uploader.locator('[part~="status"]').getByText('Received and checked').waitFor();
    const reply = page.locator('so-status-tracker textarea#reply');
    await reply.fill('My pathology report is on its way from the hospital.');
    await page.locator('so-status-tracker [part~="reply"] button[type="submit"]').click();
    // The reply puts the case back in triage: the console offers acceptance again.
    await page.locator('#staff-console form[data-action="accept"]').waitFor();
    await page.locator('#staff-console .records').getByText('Records on the case: 1').waitFor();
    // Both sides name the record that answered the request: the tracker's timeline and the console.
    const title = await page.evaluate(() => (document.querySelector('so-status-tracker') as unknown as { case: { records: { title: string }[] } }).case.records[0]!.title);
    const quoted = title.replace(/\W/g, '\\$&');
    await page.locator('so-status-tracker [data-step="triage"] [part~="replies"]').getByText(new RegExp(`^You replied on .+ and sent ${quoted}\\.$`)).waitFor();
    await page.locator('#staff-console .replies li').getByText(new RegExp(`Records sent: ${quoted}\\.$`)).waitFor();
  });

  step('accepts, reviews, attaches a report and issues the opinion; the summary shows the answers', async () => {
    await page.locator('#staff-console form[data-action="accept"] button[type="submit"]').click();
    await page.locator('#staff-console form[data-action="start-review"] button[type="submit"]').click();
    await page.locator('#staff-console form[data-action="attach-report"] button[type="submit"]').click();
    await page.locator('#staff-console form[data-action="attach-report"] p').waitFor();
    const opinion = page.locator('#staff-console form[data-action="issue-opinion"]');
    const answers = opinion.locator('textarea[name^="answer:"]');
    assert.equal(await answers.count(), 2);
    // The canned answers answer their questions (the second asks about waiting a month).
    assert.match(await answers.nth(0).inputValue(), /surgery first/);
    assert.match(await answers.nth(1).inputValue(), /Waiting a month/);
    await answers.nth(0).fill('Yes: surgery first is the right order for this tumour.');
    await answers.nth(1).fill('Waiting a month carries little risk; do not wait longer.');
    await opinion.locator('button[type="submit"]').click();
    await page.locator('#step-opinion').waitFor({ state: 'visible' });
    const summary = page.locator('so-opinion-summary [part~="questions"]');
    await summary.getByText('Yes: surgery first is the right order for this tumour.').waitFor();
    await summary.getByText('Waiting a month carries little risk; do not wait longer.').waitFor();
    await summary.getByText('Is surgery the best first step?').waitFor();
    await page.locator('so-opinion-summary [part~="report"]').waitFor();
  });

  step('switches language and theme live for the whole page', async () => {
    await page.locator('#lang').selectOption('fr-CA');
    await page.getByRole('heading', { name: 'Outil de démonstration : console du personnel' }).waitFor();
    await page.locator('so-status-tracker').getByText('Avis prêt').first().waitFor();
    // The staff console's words are French, with French punctuation, the status line included.
    await page.locator('#staff-console .staff-status').getByText('Fait : Rendre l’avis.').waitFor();
    assert.match(await page.locator('#staff-console .case-detail h3').first().innerText(), /^Demande choisie : SO-/);
    await page.locator('#theme').selectOption('dark');
    assert.equal(await page.locator('so-provider').getAttribute('theme'), 'dark');
    const scheme = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
    assert.equal(scheme, 'dark');
    await page.locator('#preset').selectOption('clinic');
    const primary = await page.evaluate(() => getComputedStyle(document.querySelector('so-provider')!).getPropertyValue('--so-color-primary').trim());
    assert.equal(primary, '#00695c');
  });

  step('asks for another opinion: a new request linked to the first by its reference', async () => {
    const first = await page.evaluate(() => (document.querySelector('so-opinion-summary') as unknown as { case: { id: string; reference: string } }).case);
    await page.locator('so-opinion-summary [part~="another"]').click();
    await page.locator('#request-heading:focus').waitFor();
    await page.evaluate(() => (document.querySelector('so-request-form') as unknown as { goTo(step: string): void }).goTo('diagnosis'));
    const field = page.locator('so-request-form input[name="previousCaseId"]');
    await field.waitFor();
    assert.equal(await field.inputValue(), first.reference, 'the new form names the earlier request');
    await page.locator('#example').click();
    await page.locator('so-request-form input[name="consent"]').check();
    await page.locator('so-request-form [part~="submit"]').click();
    await page.locator('so-request-form [part~="reference"]').waitFor();
    const linked = await page.waitForFunction((id) => {
      const c = (document.querySelector('so-status-tracker') as unknown as { case?: { id: string; previousCaseId?: string } }).case;
      return c && c.id !== id && c.previousCaseId === id ? c.previousCaseId : undefined;
    }, first.id, { timeout: STEP });
    assert.equal(await linked.jsonValue(), first.id);
  });

  it('fills the example in French on the French page', async () => {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${server.url}/`);
      await fresh.locator('body[data-session="ready"]').waitFor();
      await fresh.locator('#lang').selectOption('fr-CA');
      await fresh.locator('#example').click();
      const review = fresh.locator('so-request-form [part~="review"]');
      await review.getByText('Cancer du sein, stade II').waitFor();
      await review.getByText('La chirurgie est-elle la meilleure première étape?').waitFor();
      assert.equal(await review.getByText('Breast cancer').count(), 0);
    } finally {
      await fresh.close();
    }
  });

  it('saw no CSP violation and no console error', () => {
    assert.deepEqual(seen.violations, []);
    assert.deepEqual(seen.errors, []);
  });
});
