// The demo at `/` in real Chromium against the real reference server (embedded database): one
// person sends a request, opens it from <so-triage-queue> in <so-case-review> and asks for
// information, the patient answers, staff accept and start the review, <so-opinion-editor> writes
// (the example) and issues the opinion with a report, and the opinion summary shows the answers;
// language and theme switch live on both sides; a second demo session's queue never lists the
// first's case, nor the first's the second's; no CSP violation and no console error on the way.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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

// One move in <so-case-review>: its button, then for a move that asks for something its form, filled and sent.
async function staffMove(review: Locator, move: string, fill?: (form: Locator) => Promise<void>): Promise<void> {
  await review.locator(`button[data-move="${move}"]`).click();
  if (!fill) return;
  const form = review.locator(`form[data-form="${move}"]`);
  await fill(form);
  await form.locator('button[type="submit"]').click();
}

// The references the triage queue lists.
const queueReferences = (page: Page) => page.locator('so-triage-queue [part~="open"]').allInnerTexts();

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
    await page.getByRole('heading', { name: 'The staff’s side' }).waitFor();
    // The staff side is the kit's staff elements, from the CDN's staff module.
    const defined = await page.evaluate(() => ['so-triage-queue', 'so-case-review', 'so-opinion-editor'].map((t) => Boolean(customElements.get(t))));
    assert.deepEqual(defined, [true, true, true]);
    await page.locator('so-triage-queue [part~="heading"]').getByText('Cases to review').waitFor();
    assert.equal(await page.locator('so-triage-queue [part~="case"]').count(), 0, 'a new session has no case');
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
    // The queue lists the new case, and only it.
    const reference = await page.locator('so-request-form [part~="reference"]').innerText();
    await page.locator('so-triage-queue [part~="open"]').first().waitFor();
    assert.deepEqual(await queueReferences(page), [reference.match(/SO-[\w-]+/)![0]]);
    // The example is for an empty form: it goes once the request is sent.
    assert.equal(await page.locator('#example').isVisible(), false);
    assert.equal(await currentStep(page), 'records');
    assert.deepEqual(await invertedHeadings(page), []);
  });

  step('lets staff open the case from the queue and ask for information; the patient answers it in the tracker with a record', async () => {
    await page.locator('so-triage-queue [part~="open"]').first().click();
    const review = page.locator('so-case-review');
    await review.locator('[part~="heading"]').getByText(/^Case SO-/).waitFor();
    await staffMove(review, 'triage');
    await staffMove(review, 'request_info', async (form) => {
      await form.locator('textarea[name="message"]').fill('Please add your most recent pathology report.');
      await form.locator('input[name="kind"][value="pathology"]').check();
    });
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
    // The reply puts the case back in triage: the review (live) offers acceptance again, with the record and the reply.
    await review.locator('button[data-move="accept"]').waitFor();
    await review.locator('[part~="record"]').first().waitFor();
    assert.equal(await review.locator('[part~="record"]').count(), 1);
    await review.locator('[part~="timeline"] .message').getByText('My pathology report is on its way from the hospital.').waitFor();
    const title = await page.evaluate(() => (document.querySelector('so-status-tracker') as unknown as { case: { records: { title: string }[] } }).case.records[0]!.title);
    const quoted = title.replace(/\W/g, '\\$&');
    await page.locator('so-status-tracker [data-step="triage"] [part~="replies"]').getByText(new RegExp(`^You replied on .+ and sent ${quoted}\\.$`)).waitFor();
  });

  step('accepts and starts the review; the opinion editor, filled with the example, attaches a report and issues; the summary shows the answers', async () => {
    const review = page.locator('so-case-review');
    await staffMove(review, 'accept', (form) => form.locator('input[name="name"]').fill('Dr. Amira Haddad'));
    await staffMove(review, 'start_review');
    const editor = page.locator('so-opinion-editor');
    await editor.locator('[part~="form"]').waitFor();
    await page.locator('#editor-example').click();
    await editor.getByText('The report is attached.').waitFor();
    const answers = editor.locator('[part~="question"] textarea');
    assert.equal(await answers.count(), 2);
    // The example's answers answer their questions (the second asks about waiting a month).
    assert.match(await answers.nth(0).inputValue(), /surgery first/);
    assert.match(await answers.nth(1).inputValue(), /Waiting a month/);
    await answers.nth(0).fill('Yes: surgery first is the right order for this tumour.');
    await answers.nth(1).fill('Waiting a month carries little risk; do not wait longer.');
    await editor.locator('[part~="issue"]').click();
    await page.locator('#step-opinion').waitFor({ state: 'visible' });
    const summary = page.locator('so-opinion-summary [part~="questions"]');
    await summary.getByText('Yes: surgery first is the right order for this tumour.').waitFor();
    await summary.getByText('Waiting a month carries little risk; do not wait longer.').waitFor();
    await summary.getByText('Is surgery the best first step?').waitFor();
    await page.locator('so-opinion-summary [part~="report"]').waitFor();
    // The case has its opinion: the example is offered no more.
    await page.locator('#editor-example').waitFor({ state: 'hidden' });
  });

  step('switches language and theme live for the whole page', async () => {
    await page.locator('#lang').selectOption('fr-CA');
    await page.getByRole('heading', { name: 'Du côté du personnel' }).waitFor();
    await page.locator('so-status-tracker').getByText('Avis prêt').first().waitFor();
    // The staff elements speak French too.
    await page.locator('so-triage-queue [part~="heading"]').getByText('Demandes à traiter').waitFor();
    await page.locator('so-case-review [part~="heading"]').getByText(/^Demande SO-/).waitFor();
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

  it('shows each demo session only its own cases in the queue', async () => {
    const first = await queueReferences(page);
    assert.ok(first.length >= 1, 'the first session has cases');
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${server.url}/`);
      await fresh.locator('body[data-session="ready"]').waitFor();
      await fresh.locator('so-triage-queue [part~="heading"]').waitFor();
      await fresh.locator('so-triage-queue').getByText('No case matches these filters.').waitFor();
      await fresh.locator('#example').click();
      await fresh.locator('so-request-form input[name="consent"]').check();
      await fresh.locator('so-request-form [part~="submit"]').click();
      const reference = (await fresh.locator('so-request-form [part~="reference"]').innerText()).match(/SO-[\w-]+/)![0];
      await fresh.locator('so-triage-queue [part~="open"]').first().waitFor();
      assert.deepEqual(await queueReferences(fresh), [reference], 'the second session sees its own case only');
      // The first session's queue, searched for the second's reference, finds nothing.
      assert.ok(!first.includes(reference));
      await page.locator('so-triage-queue input[name="reference"]').fill(reference);
      await page.locator('so-triage-queue [part~="filters"] button[type="submit"]').click();
      // (That page was switched to French earlier.)
      await page.locator('so-triage-queue').getByText('Aucune demande ne correspond à ces filtres.').waitFor();
      assert.deepEqual(await queueReferences(page), []);
    } finally {
      await fresh.close();
    }
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
