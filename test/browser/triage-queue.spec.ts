/// <reference types="mocha" />
// <so-triage-queue> in real browsers against the reference server's staff API: what each case needs,
// cursor pages by keyboard with focus on the page heading, filters and reference search through the
// server, live re-reads of a move made elsewhere, the cancelable so-case-open, French, and a patient's
// token told "this page is for staff"; axe in each state.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/staff.js';
import type { SoTriageQueue } from '../../src/components/triage-queue/triage-queue.js';
import type { SoCaseOpenEvent } from '../../src/components/triage-queue/triage-queue.events.js';
import { queueEn } from '../../src/components/triage-queue/triage-queue.messages.js';
import { queueFrCA } from '../../src/components/triage-queue/triage-queue.messages.fr-CA.js';
import { deepActiveElement } from '../../src/components/shared/focus.js';
import { RestBackend, SecondOpinionClient, STATUS_TEXT } from '../../src/core/index.js';
import { expectAccessible } from './support/axe.js';
import { TEST_BACKEND } from './fhir.support.js';
import { nextEvent, request, session, text, until } from './status-tracker.support.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const rows = (el: SoTriageQueue) => [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tr[data-case-id]')];
const ids = (el: SoTriageQueue) => rows(el).map((r) => r.dataset.caseId);
const row = (el: SoTriageQueue, id: string) => rows(el).find((r) => r.dataset.caseId === id);

async function settled(el: SoTriageQueue, cond: () => boolean, what: string): Promise<void> {
  await until(() => cond(), what);
  await el.updateComplete;
}

// The filters are a staff-list query of the reference server; the FHIR engine's staff list has none.
(TEST_BACKEND === 'fhir' ? describe.skip : describe)('<so-triage-queue>', () => {
  it('lists what each case needs, pages by keyboard, filters and searches through the server, and follows moves live', async () => {
    const s = await session();
    const soon = await s.patient.cases.create(request({ urgency: 'soon' }), { submit: true });
    const b = await s.patient.cases.create(request(), { submit: true });
    const c = await s.patient.cases.create(request(), { submit: true });
    await s.staff.staff.triage(soon.id);
    await s.staff.staff.requestInformation(soon.id, { message: 'Please add your pathology report.', recordKinds: ['pathology'] });

    const el = await fixture<SoTriageQueue>(html`<so-triage-queue page-size="2" refresh-seconds="1" .client=${s.staff}></so-triage-queue>`);
    await settled(el, () => ids(el).length === 2, 'first page');
    expect(ids(el)).to.deep.equal([c.id, b.id], 'newest first');
    expect(row(el, c.id)!.querySelector('[data-need]')!.textContent).to.equal(queueEn.needNew);
    await expectAccessible(el);

    // The next page, by keyboard: focus lands on the page's heading.
    $(el, 'button[data-action="next"]').focus();
    await sendKeys({ press: 'Enter' });
    await settled(el, () => ids(el).length === 1, 'second page');
    expect(deepActiveElement()?.id).to.equal('list-heading');
    expect(row(el, soon.id)!.querySelector('[data-need]')!.textContent).to.equal(queueEn.needWaiting(0));
    expect(text(el)).to.contain(queueEn.urgencySoon);

    // A reference the server would refuse is said beside the field, with focus there; nothing else changes.
    const ref = $<HTMLInputElement>(el, '#reference');
    ref.value = 'SO_1';
    $(el, 'button[type="submit"]').click();
    await settled(el, () => !!el.shadowRoot!.querySelector('#reference-error'), 'reference error');
    expect(deepActiveElement()).to.equal(ref);
    expect(ref.getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(el);

    // Search by the start of a reference, and by status: the server narrows the list.
    ref.value = b.reference.slice(0, 9).toLowerCase();
    $(el, 'button[type="submit"]').click();
    await settled(el, () => ids(el).length >= 1 && ids(el).every((id) => id === b.id || id === c.id || id === soon.id) && ids(el).includes(b.id), 'search');
    expect(el.shadowRoot!.querySelector('#reference-error')).to.equal(null);
    ref.value = '';
    $<HTMLSelectElement>(el, '#show').value = 'info_requested';
    $(el, 'button[type="submit"]').click();
    await settled(el, () => ids(el).length === 1 && ids(el)[0] === soon.id, 'status filter');

    // Live: another staff member's move (another client) shows on the next re-read, and is announced.
    $<HTMLSelectElement>(el, '#show').value = 'open';
    $(el, 'button[type="submit"]').click();
    await settled(el, () => ids(el).length === 2 && ids(el)[0] === c.id, 'open cases');
    const other = new SecondOpinionClient({ backend: new RestBackend({ endpoint: s.url }), getAccessToken: () => s.staffToken });
    await other.staff.triage(c.id);
    await settled(el, () => row(el, c.id)?.dataset.status === 'triage', 'live move');
    expect(row(el, c.id)!.textContent).to.contain(STATUS_TEXT.en.triage.label);
    await expectAccessible(el);
  });

  it('sorts the whole list through the server by urgency or due date, pages in that order, and back to the order received', async () => {
    const s = await session();
    const soon = await s.patient.cases.create(request({ urgency: 'soon' }), { submit: true });
    const due = await s.patient.cases.create(request(), { submit: true });
    const last = await s.patient.cases.create(request(), { submit: true });
    await s.staff.staff.triage(due.id);
    await s.staff.staff.accept(due.id, { specialist: { name: 'Dr. Lee', specialty: 'Oncology' } });
    const el = await fixture<SoTriageQueue>(html`<so-triage-queue page-size="2" refresh-seconds="0" .client=${s.staff}></so-triage-queue>`);
    await settled(el, () => ids(el).length === 2, 'the first page');
    expect(ids(el)).to.deep.equal([last.id, due.id], 'as received, newest first: the urgent case is on page 2');
    const sort = $<HTMLSelectElement>(el, '#sort');
    expect(sort.labels![0]!.textContent).to.equal(queueEn.sortLabel);
    const choose = (value: string) => {
      sort.value = value;
      sort.dispatchEvent(new Event('change', { bubbles: true }));
    };
    choose('urgency');
    await settled(el, () => ids(el)[0] === soon.id, 'by urgency');
    expect(ids(el)).to.deep.equal([soon.id, last.id], 'the urgent case from page 2 comes first');
    expect(el.cases.map((c) => c.id)).to.deep.equal(ids(el));
    await expectAccessible(el);
    $(el, 'button[data-action="next"]').focus();
    await sendKeys({ press: 'Enter' });
    await settled(el, () => ids(el).length === 1, 'page 2 by urgency');
    expect(ids(el)).to.deep.equal([due.id]);
    choose('due');
    await settled(el, () => ids(el).length === 2 && ids(el)[0] === due.id, 'by due date, from page 1');
    expect(ids(el)).to.deep.equal([due.id, last.id], 'the case with a due date first');
    sort.focus();
    choose('received');
    await settled(el, () => ids(el)[0] === last.id, 'as received');
    expect(ids(el)).to.deep.equal([last.id, due.id]);
    expect(deepActiveElement() === sort).to.equal(true, 'focus stays on the choice');
  });

  it('fires a cancelable so-case-open, speaks French, and tells a patient token the page is for staff', async () => {
    const s = await session();
    const c = await s.patient.cases.create(request(), { submit: true });
    const el = await fixture<SoTriageQueue>(html`<so-triage-queue lang="fr-CA" refresh-seconds="0" .client=${s.staff}></so-triage-queue>`);
    await settled(el, () => ids(el).length === 1, 'the case');
    expect($(el, '#heading').textContent).to.equal(queueFrCA.heading);
    expect(row(el, c.id)!.querySelector('[data-need]')!.textContent).to.equal(queueFrCA.needNew);
    expect(text(el)).not.to.contain(queueEn.colReference);
    await expectAccessible(el);

    el.addEventListener('so-case-open', (e) => e.preventDefault(), { once: true });
    const opened = nextEvent<SoCaseOpenEvent>(el, 'so-case-open');
    row(el, c.id)!.querySelector<HTMLButtonElement>('button[part="open"]')!.click();
    const e = await opened;
    expect([e.caseId, e.reference, e.defaultPrevented]).to.deep.equal([c.id, c.reference, true]);
    await el.updateComplete;
    expect(row(el, c.id)!.querySelector('button')!.getAttribute('aria-current')).to.equal('true');

    const patient = await fixture<SoTriageQueue>(html`<so-triage-queue .client=${s.patient}></so-triage-queue>`);
    await settled(patient, () => $(patient, '#heading')?.textContent === queueEn.staffOnly, 'staff only');
    expect(patient.shadowRoot!.querySelector('table')).to.equal(null);
    await expectAccessible(patient);
  });
});
