/// <reference types="mocha" />
// <so-case-review> in real browsers against the reference server's staff API, with a coordinator's
// and a specialist's token: the whole request, records with a download and an inline PDF preview,
// the timeline, only the role's moves, a form checked before it is sent (focus on the field), each
// move by keyboard (announced, focus on the heading), French, the queue opening a case in the review,
// and a patient's token told "this page is for staff"; axe in each state.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/staff.js';
import type { SoCaseReview } from '../../src/components/case-review/case-review.js';
import type { SoCaseMovedEvent } from '../../src/components/case-review/case-review.events.js';
import type { SoTriageQueue } from '../../src/components/triage-queue/triage-queue.js';
import { reviewEn } from '../../src/components/case-review/case-review.messages.js';
import { reviewFrCA } from '../../src/components/case-review/case-review.messages.fr-CA.js';
import { deepActiveElement } from '../../src/components/shared/focus.js';
import { RestBackend, SecondOpinionClient, watchEngine, type Case } from '../../src/core/index.js';
import { expectAccessible } from './support/axe.js';
import { TEST_BACKEND } from './fhir.support.js';
import { nextEvent, pdfBytes, request, session, text, tusUpload, until, type Session } from './status-tracker.support.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;

/** A staff client with one role's token, following cases live. */
function staffClient(s: Session, token: string): SecondOpinionClient {
  return new SecondOpinionClient({ backend: new RestBackend({ endpoint: s.url }), getAccessToken: () => token })
    .use({ watch: watchEngine({ reconnect: { minMs: 50, maxMs: 250 }, pollIntervalMs: 200, silenceMs: 2500 }) });
}

async function shown(el: SoCaseReview, c: Case, status: string): Promise<void> {
  await until(() => el.case?.id === c.id && el.case.status === status && !!el.shadowRoot!.querySelector('#heading'), `case ${status}`);
  await el.updateComplete;
}

const moves = (el: SoCaseReview) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[data-move]')].map((b) => b.dataset.move);

// Roles come from the reference server's tokens; the FHIR engine has none.
(TEST_BACKEND === 'fhir' ? describe.skip : describe)('<so-case-review>', () => {
  it('shows the whole request, records and timeline, and makes the coordinator\'s moves by keyboard', async () => {
    const s = await session();
    const c = await s.patient.cases.create(request({
      coverage: { kind: 'private', insurer: 'Sun Life', memberNumber: 'M-445566', policyNumber: 'P-1234', preAuthorizationNumber: 'PA-7788' },
    }), { submit: true });
    await tusUpload(s, c.id, pdfBytes('pathology'), 'pathology', 'Pathology report');
    const el = await fixture<SoCaseReview>(html`<so-case-review roles="coordinator" case-id=${c.id} .client=${staffClient(s, s.coordinatorToken)}></so-case-review>`);
    await shown(el, c, 'submitted');
    await until(() => el.case!.records[0]?.status === 'verified', 'record verified');
    await el.updateComplete;
    const t = text(el);
    for (const part of ['Sun Life', 'PA-7788', reviewEn.preAuthorization, c.questions[0]!.text, reviewEn.reason.treatment_options, reviewEn.scope.collect_and_review, 'Pathology report']) {
      expect(t).to.contain(part);
    }
    expect(moves(el)).to.deep.equal(['triage'], 'a coordinator may only triage a new case');
    await expectAccessible(el);

    // Preview the PDF inline: a Blob URL in the browser's own viewer; focus on the preview's heading.
    $(el, 'button[data-action="preview"]').click();
    await until(() => !!el.shadowRoot!.querySelector('iframe'), 'preview');
    expect($<HTMLIFrameElement>(el, 'iframe').src).to.match(/^blob:/);
    expect(deepActiveElement()?.id).to.equal('preview-heading');
    await expectAccessible(el);
    $(el, 'button[data-action="close-preview"]').click();
    await until(() => deepActiveElement()?.id === 'preview-0', 'focus back on the preview button');

    // Triage by keyboard: announced, focus on the heading, so-case-moved.
    const moved = nextEvent<SoCaseMovedEvent>(el, 'so-case-moved');
    $(el, '#move-triage').focus();
    await sendKeys({ press: 'Enter' });
    expect((await moved).status).to.equal('triage');
    await shown(el, c, 'triage');
    await until(() => deepActiveElement()?.id === 'heading', 'focus on the heading');
    expect(moves(el)).to.deep.equal(['request_info', 'accept', 'decline']);

    // Ask for information: an empty message is said beside the field, with focus there; then it goes.
    $(el, '#move-request_info').click();
    await until(() => deepActiveElement()?.id === 'move-heading', 'focus on the form');
    $(el, 'form[data-form="request_info"] button[type="submit"]').click();
    await until(() => !!el.shadowRoot!.querySelector('#move-invalid'), 'field error');
    expect(deepActiveElement()?.id).to.equal('info-message');
    expect($(el, '#move-invalid').textContent).to.equal(reviewEn.requestInfoRequired);
    await expectAccessible(el);
    $<HTMLTextAreaElement>(el, '#info-message').value = 'Please add your imaging from October.';
    $<HTMLInputElement>(el, 'input[name="kind"][value="imaging"]').click();
    $(el, 'form[data-form="request_info"] button[type="submit"]').click();
    await shown(el, c, 'info_requested');
    expect(el.case!.actionsRequired[0]!.recordKinds).to.deep.equal(['imaging']);
    expect(text(el)).to.contain('Please add your imaging from October.');
    expect(moves(el)).to.deep.equal(['decline']);
    await expectAccessible(el);

    // The patient's reply arrives live, naming the record it sent; the coordinator accepts with a specialist.
    const imaging = await tusUpload(s, c.id, pdfBytes('imaging'), 'imaging', 'CT scan, October');
    await s.patient.cases.reply(c.id, { text: 'Added.', recordIds: [imaging] });
    await shown(el, c, 'triage');
    await until(() => !!el.shadowRoot!.querySelector('[data-reply-records]'), 'the reply names its records');
    expect($(el, '[data-reply-records]').textContent).to.equal(reviewEn.replyRecords('CT scan, October'));
    $(el, '#move-accept').click();
    await until(() => !!el.shadowRoot!.querySelector('#specialist-name'), 'accept form');
    expect($<HTMLInputElement>(el, '#specialist-specialty').value).to.equal(c.request.specialty);
    $<HTMLInputElement>(el, '#specialist-name').value = 'Dr. Lee';
    $(el, 'form[data-form="accept"] button[type="submit"]').click();
    await shown(el, c, 'accepted');
    expect(moves(el)).to.deep.equal([], 'starting the review is the specialist\'s');
    expect(text(el)).to.contain(reviewEn.movesNone);
  });

  it('offers the specialist only their move, speaks French, opens a case chosen in the queue, and tells a patient the page is for staff', async () => {
    const s = await session();
    const c = await s.patient.cases.create(request(), { submit: true });
    await s.staff.staff.triage(c.id);
    await s.staff.staff.accept(c.id, { specialist: { name: 'Dr. Lee', specialty: 'Oncology' } });
    const client = staffClient(s, s.specialistToken);
    const page = await fixture<HTMLElement>(html`<div>
      <so-triage-queue refresh-seconds="0" lang="fr-CA" .client=${client}></so-triage-queue>
      <so-case-review roles="specialist" lang="fr-CA" .client=${client}></so-case-review>
    </div>`);
    const queue = page.querySelector<SoTriageQueue>('so-triage-queue')!;
    const el = page.querySelector<SoCaseReview>('so-case-review')!;
    await until(() => !!queue.shadowRoot!.querySelector(`tr[data-case-id="${c.id}"]`), 'the queue lists the case');
    queue.shadowRoot!.querySelector<HTMLButtonElement>(`tr[data-case-id="${c.id}"] button[part="open"]`)!.click();
    await shown(el, c, 'accepted');
    await until(() => deepActiveElement()?.id === 'heading' && deepActiveElement()?.getRootNode() === el.shadowRoot, 'focus on the review');
    expect($(el, '#heading').textContent).to.equal(reviewFrCA.heading(c.reference));
    expect(moves(el)).to.deep.equal(['start_review']);
    expect(text(el)).not.to.contain(reviewEn.requestHeading);
    await expectAccessible(el);
    $(el, '#move-start_review').click();
    await shown(el, c, 'in_review');
    expect(moves(el)).to.deep.equal(['request_info']);

    const patient = await fixture<SoCaseReview>(html`<so-case-review case-id=${c.id} .client=${s.patient}></so-case-review>`);
    await until(() => $(patient, '#heading')?.textContent === reviewEn.staffOnly, 'staff only');
    expect(patient.shadowRoot!.querySelector('button[data-move]')).to.equal(null);
    await expectAccessible(patient);
  });
});
