/// <reference types="mocha" />
// <so-opinion-editor> in real browsers against the reference server's staff API with a specialist's
// token: Issue says what is missing and moves focus to it, the report PDF is attached, the opinion is
// issued and the patient's client reads it; French; a patient's token told "this page is for staff";
// axe in each state.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/staff.js';
import type { SoOpinionEditor } from '../../src/components/opinion-editor/opinion-editor.js';
import type { OpinionEditorController } from '../../src/components/opinion-editor/opinion-editor.controller.js';
import type { SoOpinionIssuedEvent } from '../../src/components/opinion-editor/opinion-editor.events.js';
import { editorEn } from '../../src/components/opinion-editor/opinion-editor.messages.js';
import { editorFrCA } from '../../src/components/opinion-editor/opinion-editor.messages.fr-CA.js';
import { opinionEn } from '../../src/components/opinion-summary/opinion-summary.messages.js';
import { deepActiveElement } from '../../src/components/shared/focus.js';
import { RestBackend, SecondOpinionClient, watchEngine } from '../../src/core/index.js';
import { expectAccessible } from './support/axe.js';
import { TEST_BACKEND } from './fhir.support.js';
import { nextEvent, pdfBytes, request, session, until, type Session } from './status-tracker.support.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;

function specialistClient(s: Session): SecondOpinionClient {
  return new SecondOpinionClient({ backend: new RestBackend({ endpoint: s.url }), getAccessToken: () => s.specialistToken })
    .use({ watch: watchEngine({ reconnect: { minMs: 50, maxMs: 250 }, pollIntervalMs: 200, silenceMs: 2500 }) });
}

/** Types into a field as a person would: its value, then the input event. */
function type(el: SoOpinionEditor, selector: string, value: string): void {
  const field = $<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(el, selector);
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

/** Every value in the kit's IndexedDB store, as stored. */
async function storedValues(): Promise<unknown[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('second-opinion-kit');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  try {
    if (!db.objectStoreNames.contains('drafts')) return [];
    return await new Promise<unknown[]>((resolve, reject) => {
      const r = db.transaction('drafts').objectStore('drafts').getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  } finally {
    db.close();
  }
}

/** A submitted case, taken to review by staff. */
async function inReview(s: Session) {
  const c = await s.patient.cases.create(request(), { submit: true });
  await s.staff.staff.triage(c.id);
  await s.staff.staff.accept(c.id, { specialist: { name: 'Dr. Lee', specialty: 'Oncology' } });
  await s.staff.staff.startReview(c.id);
  return c;
}

const draftSaved = (el: SoOpinionEditor) => (el as unknown as { editor: OpinionEditorController }).editor.draftSaved();

(TEST_BACKEND === 'fhir' ? describe.skip : describe)('<so-opinion-editor>', () => {
  it('says what is missing, attaches the report, issues the opinion the patient then reads; French; staff only', async () => {
    const s = await session();
    const c = await inReview(s);
    const el = await fixture<SoOpinionEditor>(html`<so-opinion-editor case-id=${c.id} .client=${specialistClient(s)}></so-opinion-editor>`);
    await until(() => !!el.shadowRoot!.querySelector('#issue'), 'the form');
    expect($(el, '#issue').getAttribute('aria-disabled')).to.equal('true');
    expect($(el, '#blockers').textContent).to.contain(editorEn.needAnswers('3'));
    await expectAccessible(el);

    type(el, '#outcome', 'confirmed');
    type(el, '#summary', 'Surgery first is the right plan.');
    type(el, '#answer-1', 'Yes.');
    type(el, '#answer-2', 'A month is safe.');
    await el.updateComplete;
    $(el, '#issue').click();
    await until(() => deepActiveElement()?.id === 'answer-3', 'focus on the missing answer');
    expect($(el, '#issue-invalid').textContent).to.equal(editorEn.needAnswers('3'));
    await expectAccessible(el);
    type(el, '#answer-3', 'Not needed now.');

    // Preview: the patient's own <so-opinion-summary> given the draft, with nothing sent.
    const toggle = $(el, '#preview-toggle');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await until(() => !!el.shadowRoot!.querySelector('so-opinion-summary')?.shadowRoot?.querySelector('[part=outcome]'), 'the preview');
    const summary = $(el, 'so-opinion-summary');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect($(summary, '[part=outcome] h4').textContent).to.equal(opinionEn.outcome.confirmed.headline);
    expect($(summary, '[part=second]').textContent).to.contain('Surgery first is the right plan.');
    expect([...summary.shadowRoot!.querySelectorAll('.qa .answer')].map((a) => a.textContent)).to.deep.equal(['Yes.', 'A month is safe.', 'Not needed now.']);
    expect(summary.shadowRoot!.querySelector('[part=share], [part=another], [part=follow-up], [part=report]'), 'no patient action').to.equal(null);
    expect((await s.patient.cases.get(c.id)).status).to.equal('in_review');
    await expectAccessible(el);
    type(el, '#summary', 'Surgery first is the right plan for you.');
    await until(() => $(summary, '[part=second]').textContent!.includes('the right plan for you.'), 'the preview follows the draft');
    toggle.click();
    await el.updateComplete;
    expect([toggle.getAttribute('aria-expanded'), el.shadowRoot!.querySelector('so-opinion-summary')]).to.deep.equal(['false', null]);
    type(el, '#summary', 'Surgery first is the right plan.');

    // The report PDF, picked as a file.
    const input = $<HTMLInputElement>(el, '#report');
    const files = new DataTransfer();
    files.items.add(new File([pdfBytes('editor report') as BlobPart], 'report.pdf', { type: 'application/pdf' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => el.shadowRoot!.textContent!.includes(editorEn.reportAttached), 'report attached');
    await el.updateComplete;
    expect($(el, '#issue').getAttribute('aria-disabled')).to.equal('false');

    const issued = nextEvent<SoOpinionIssuedEvent>(el, 'so-opinion-issued');
    $(el, '#issue').click();
    expect((await issued).caseId).to.equal(c.id);
    const read = await s.patient.cases.get(c.id);
    expect(read.status).to.equal('opinion_ready');
    expect(read.opinion!.summary).to.equal('Surgery first is the right plan.');
    expect(read.opinion!.reportRecordId).to.be.a('string');
    await until(() => el.case?.status === 'opinion_ready' && deepActiveElement()?.id === 'heading', 'focus on the heading');
    await until(() => el.shadowRoot!.textContent!.includes(editorEn.alreadyIssued), 'issued state');
    await expectAccessible(el);

    el.setAttribute('lang', 'fr-CA');
    await until(() => $(el, '#heading')?.textContent === editorFrCA.heading(c.reference), 'French');

    const patient = await fixture<SoOpinionEditor>(html`<so-opinion-editor case-id=${c.id} .client=${s.patient}></so-opinion-editor>`);
    await until(() => $(patient, '#heading')?.textContent === editorEn.staffOnly, 'staff only');
    await expectAccessible(patient);
  });

  it('keeps the draft only encrypted: back after the element is re-created, gone once issued', async () => {
    const s = await session();
    const c = await inReview(s);
    const client = specialistClient(s);
    const secret = 'Unmistakable draft text 7f3a';
    const el = await fixture<SoOpinionEditor>(html`<so-opinion-editor case-id=${c.id} .client=${client}></so-opinion-editor>`);
    await until(() => !!el.shadowRoot!.querySelector('#issue'), 'the form');
    type(el, '#outcome', 'refined');
    type(el, '#summary', secret);
    type(el, '#answer-2', `${secret} answer`);
    await draftSaved(el);
    const sealed = (await storedValues()).filter((v): v is { iv: Uint8Array; data: ArrayBuffer } => !!v && typeof v === 'object' && 'data' in v);
    expect(sealed.length).to.be.greaterThan(0);
    for (const v of sealed) expect(new TextDecoder().decode(v.data)).not.to.contain('Unmistakable');
    expect(JSON.stringify(await storedValues())).not.to.contain(c.id);
    expect([localStorage.length, sessionStorage.length]).to.deep.equal([0, 0]);
    el.remove();

    const again = await fixture<SoOpinionEditor>(html`<so-opinion-editor case-id=${c.id} .client=${client}></so-opinion-editor>`);
    await until(() => again.shadowRoot!.querySelector<HTMLTextAreaElement>('#summary')?.value === secret, 'the draft restored');
    expect($<HTMLSelectElement>(again, '#outcome').value).to.equal('refined');
    expect($<HTMLTextAreaElement>(again, '#answer-2').value).to.equal(`${secret} answer`);
    expect($<HTMLTextAreaElement>(again, '#answer-1').value).to.equal('');
    await expectAccessible(again);

    type(again, '#answer-1', 'Yes.');
    type(again, '#answer-3', 'No.');
    await again.updateComplete;
    const issued = nextEvent<SoOpinionIssuedEvent>(again, 'so-opinion-issued');
    $(again, '#issue').click();
    await issued;
    await draftSaved(again);
    expect((await storedValues()).filter((v) => !!v && typeof v === 'object' && 'data' in v)).to.have.length(sealed.length - 1);
    again.remove();
    const after = await fixture<SoOpinionEditor>(html`<so-opinion-editor case-id=${c.id} .client=${client}></so-opinion-editor>`);
    await until(() => after.shadowRoot!.textContent!.includes(editorEn.alreadyIssued), 'issued state');
  });
});
