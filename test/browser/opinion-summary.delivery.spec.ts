/// <reference types="mocha" />
// <so-opinion-summary> and a care-team delivery the reference server really makes: a server that
// e-mails through a real SMTP server on loopback, which holds or refuses the care team's address
// while told to. The summary follows the delivery live, with no reload: the server's event stream
// says `case-changed` when the outbox worker writes the delivery's state, and the summary's watch
// reads the case again. "Sent to Dr. Roy on …" and sending, then delivered; failed and retrying,
// then a Send again that goes through.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/elements/opinion-summary.js';
import type { SoOpinionSummary } from '../../src/components/opinion-summary/opinion-summary.js';
import { opinionEn } from '../../src/components/opinion-summary/opinion-summary.messages.js';
import { opinionFrCA } from '../../src/components/opinion-summary/opinion-summary.messages.fr-CA.js';
import { expectAccessible } from './support/axe.js';
import { TEST_BACKEND } from './fhir.support.js';
import { request, session, slowCommand, toOpinion, until } from './status-tracker.support.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const CLINIC = 'clinic@example.ca';
const state = (el: Element) => $(el, '[part~="delivery"]')?.dataset.delivery;
const text = (el: Element) => $(el, '[part~="delivery"]')?.textContent ?? '';

async function summaryOfOpinion(lang: string) {
  const { url } = await slowCommand<{ url: string }>('so-mail-server');
  const s = await session(url);
  const { case: c } = await toOpinion(s, await s.patient.cases.create(request(), { submit: true }));
  const el = await fixture<SoOpinionSummary>(html`<so-opinion-summary lang=${lang} case-id=${c.id} .client=${s.patient}></so-opinion-summary>`);
  await until(() => !!el.case, 'case loaded');
  await el.updateComplete;
  // The test never calls load(): every later read of the case is the summary's watch's own.
  return { el, c };
}

function share(el: SoOpinionSummary): void {
  $<HTMLInputElement>(el, '#share-consent')!.click();
  $<HTMLButtonElement>(el, '[part~="share"] button[type="submit"]')!.click();
}

// The FHIR configs run the workflow specs on FhirBackend, which sends nothing itself.
if (TEST_BACKEND === 'rest') describe('<so-opinion-summary> care-team delivery, live', () => {
  afterEach(async () => {
    await executeServerCommand('so-mail-hold', { address: CLINIC, hold: false });
    await executeServerCommand('so-mail-refuse', { address: CLINIC, refuse: false });
  });

  it('shows sending, then delivered when the SMTP server takes it, without a reload', async () => {
    await executeServerCommand('so-mail-hold', { address: CLINIC, hold: true });
    const { el } = await summaryOfOpinion('en');
    share(el);
    await until(() => state(el) === 'sending', 'sending shown');
    expect($(el, '#share-status')!.textContent).to.match(/^Sent to Dr\. Roy on /);
    expect(text(el)).to.equal(opinionEn.deliverySending);
    // While it sends, there is nothing to send again.
    expect([...el.shadowRoot!.querySelectorAll('[part~="share"] button')].map((b) => b.textContent)).to.not.include(opinionEn.sendAgain);
    await expectAccessible(el);

    await executeServerCommand('so-mail-hold', { address: CLINIC, hold: false });
    await until(() => state(el) === 'delivered', 'delivered shown live');
    expect(text(el)).to.match(/^Delivered on /);
  });

  it('shows failed and retrying, then a Send again that goes through, in French, without a reload', async () => {
    await executeServerCommand('so-mail-refuse', { address: CLINIC, refuse: true });
    const { el, c } = await summaryOfOpinion('fr-CA');
    share(el);
    await slowCommand('so-mail-attempt', { caseId: c.id, ok: false });
    await until(() => state(el) === 'failed', 'failed shown live');
    expect(text(el)).to.equal(opinionFrCA.deliveryRetrying);
    expect($(el, '#share-status')!.textContent).to.match(/^Envoyé à Dr\. Roy le /);
    await expectAccessible(el);

    // The clinic's server answers again, held for a moment so the new share is seen sending.
    await executeServerCommand('so-mail-hold', { address: CLINIC, hold: true });
    await executeServerCommand('so-mail-refuse', { address: CLINIC, refuse: false });
    const again = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="share"] button')].find((b) => b.textContent === opinionFrCA.sendAgain);
    expect(again, 'Send again offered').to.not.equal(undefined);
    const before = el.case!.opinion!.careTeamDelivery!.requestedAt;
    again!.click();
    await until(() => state(el) === 'sending' && el.case!.opinion!.careTeamDelivery!.requestedAt !== before, 'the new share sending');
    expect(text(el)).to.equal(opinionFrCA.deliverySending);
    await executeServerCommand('so-mail-hold', { address: CLINIC, hold: false });
    await until(() => state(el) === 'delivered' && /^Livré le /.test(text(el)), 'delivered shown live in French');
    expect(el.case!.opinion!.careTeamDelivery!.requestedAt).to.not.equal(before);
  });
});
