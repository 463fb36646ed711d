/// <reference types="mocha" />
// <so-opinion-summary> and a care-team delivery the reference server really makes: a server that
// e-mails through a real SMTP server on loopback, which first refuses the care team's address.
// The summary says "Sent to Dr. Roy on …", then not delivered and retrying, offers Send again,
// and says delivered once the SMTP server takes it.
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

// The FHIR configs run the workflow specs on FhirBackend, which sends nothing itself.
if (TEST_BACKEND === 'rest') describe('<so-opinion-summary> care-team delivery', () => {
  it('shows sent, failed and retrying, send again, then delivered', async () => {
    const { url } = await slowCommand<{ url: string }>('so-mail-server');
    await executeServerCommand('so-mail-refuse', { address: 'clinic@example.ca', refuse: true });
    const s = await session(url);
    const { case: c } = await toOpinion(s, await s.patient.cases.create(request(), { submit: true }));
    const el = await fixture<SoOpinionSummary>(html`<so-opinion-summary lang="en" case-id=${c.id} .client=${s.patient}></so-opinion-summary>`);
    await until(() => !!el.case, 'case loaded');
    await el.updateComplete;
    $<HTMLInputElement>(el, '#share-consent')!.click();
    $<HTMLButtonElement>(el, '[part~="share"] button[type="submit"]')!.click();
    await until(() => !!$(el, '[part~="delivery"]'), 'delivery shown');
    expect($(el, '#share-status')!.textContent).to.match(/^Sent to Dr\. Roy on /);
    expect($(el, '[part~="delivery"]')!.textContent).to.equal(opinionEn.deliverySending);

    await slowCommand('so-mail-attempt', { caseId: c.id, ok: false });
    await el.load();
    await until(() => $(el, '[part~="delivery"]')?.dataset.delivery === 'failed', 'failed shown');
    expect($(el, '[part~="delivery"]')!.textContent).to.equal(opinionEn.deliveryRetrying);
    const again = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="share"] button')].find((b) => b.textContent === opinionEn.sendAgain);
    expect(again).to.not.equal(undefined);
    await expectAccessible(el);

    await executeServerCommand('so-mail-refuse', { address: 'clinic@example.ca', refuse: false });
    await slowCommand('so-mail-attempt', { caseId: c.id, ok: true });
    el.lang = 'fr-CA';
    await el.load();
    await until(() => $(el, '[part~="delivery"]')?.dataset.delivery === 'delivered' && /^Livré le /.test($(el, '[part~="delivery"]')!.textContent ?? ''), 'delivered shown in French');
    expect($(el, '#share-status')!.textContent).to.match(/^Envoyé à Dr\. Roy le /);
    expect(opinionFrCA.sendAgain).to.equal('Envoyer de nouveau');
    await expectAccessible(el);
  });
});
