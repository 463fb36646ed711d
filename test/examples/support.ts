// Browser helpers for the recipe smoke tests: a page that records console errors, page errors and
// CSP violations, and the request form driven the way a person fills it.
import type { Browser, Locator, Page } from 'playwright-core';

/** A loaded recipe page and everything it complained about. */
export interface Watched {
  page: Page;
  problems: string[];
  violations: () => Promise<string[]>;
  close: () => Promise<void>;
}

/** Opens a fresh browser context on `url`, recording every console error, uncaught error and CSP violation. */
export async function openWatched(browser: Browser, url: string): Promise<Watched> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Injected by the driver, so the page's own CSP does not apply to this listener.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __soViolations: string[] }).__soViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  return {
    page,
    problems,
    violations: () => page.evaluate(() => (window as unknown as { __soViolations: string[] }).__soViolations),
    close: () => context.close(),
  };
}

/** The form's element, found through shadow roots by Playwright's CSS engine. */
const inForm = (page: Page, selector: string): Locator => page.locator(`so-request-form ${selector}`);

/** The `part` of the element that has focus, looking through shadow roots. */
export function focusedPart(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.getAttribute('part') ?? null;
  });
}

/** The text of the form's current step heading, once it is rendered. */
export async function stepHeading(page: Page): Promise<string> {
  const heading = inForm(page, '[part~="heading"]');
  await heading.waitFor();
  return (await heading.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Fills step 1 ("who") and presses Next. */
export async function fillWhoAndContinue(page: Page): Promise<void> {
  await inForm(page, 'input[name="requester.relationship"]').first().check();
  await inForm(page, 'input[name="patient.givenName"]').fill('Amélie');
  await inForm(page, 'input[name="patient.familyName"]').fill('Nguyen');
  await inForm(page, 'input[name="patient.birthDate"]').fill('1975-06-02');
  await inForm(page, 'select[name="patient.jurisdiction"]').selectOption('CA-ON');
  await inForm(page, 'input[name="patient.email"]').fill('amelie@example.ca');
  await inForm(page, 'select[name="patient.preferredLanguage"]').selectOption({ index: 1 });
  await inForm(page, '[part~="next"]').click();
}

/** From step 2 to the review: fills every remaining step, consents and submits. */
export async function fillRestAndSubmit(page: Page): Promise<void> {
  await inForm(page, '[name="diagnosis.description"]').fill('Thyroid nodule');
  await inForm(page, 'input[name="treatingPhysician.name"]').fill('Dr. Singh');
  await inForm(page, 'select[name="specialty"]').selectOption('endocrinology');
  await inForm(page, 'input[name="reasons"]').first().check();
  await inForm(page, 'input[name="urgency"]').first().check();
  await inForm(page, 'input[name="consultationMode"]').nth(1).check();
  await inForm(page, '[part~="next"]').click();
  await inForm(page, '[name="questions.0"]').fill('Is surgery needed now?');
  await inForm(page, '[part~="next"]').click();
  await inForm(page, 'input[name="referral.path"]').first().check();
  await inForm(page, 'input[name="coverage.kind"]').nth(2).check();
  await inForm(page, '[part~="next"]').click();
  await inForm(page, '[part~="next"]').click();
  await inForm(page, 'input[name="careTeam.share"]').nth(1).check();
  await inForm(page, 'input[name="consent"]').check();
  await inForm(page, '[part~="submit"]').click();
}
