/// <reference types="mocha" />
// <so-record-uploader> in real browsers against the reference server: keyboard use, every state
// accessible, folder drops without rendering every row, refusals, resume after a reload, form
// association, events, and browser storage free of names after every flow.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { SecondOpinionClient } from '../../src/core/index.js';
import '../../src/elements/record-uploader.js';
import type { SoRecordUploader } from '../../src/components/record-uploader/record-uploader.js';
import { deepActiveElement } from '../../src/components/shared/focus.js';
import { expectAccessible } from './support/axe.js';
import { MiB, NAME, expectCleanStorage, holdUploadAt, newCase, pdfFile, session } from './uploads/support.js';

const $ = <T extends Element = HTMLElement>(el: SoRecordUploader, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const statusTexts = (el: SoRecordUploader) => [...el.shadowRoot!.querySelectorAll('[part~="status"]')].map((s) => s.textContent!.trim());

async function uploader(client: SecondOpinionClient, caseId: string, attrs: { lang?: string; maxSize?: number; needed?: string } = {}): Promise<SoRecordUploader> {
  return fixture<SoRecordUploader>(html`<so-record-uploader .client=${client} case-id=${caseId} lang=${attrs.lang ?? 'en'}
    max-size=${attrs.maxSize ?? 1024 * MiB} needed=${attrs.needed ?? ''}></so-record-uploader>`);
}

/** What a drop or the picker hands over, built with DataTransfer (the picker dialog itself is the browser's). */
function pick(el: SoRecordUploader, files: File[]): void {
  const input = $<HTMLInputElement>(el, 'input.files');
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change'));
}

/** Resolves once the engine's states satisfy `done` (checked at each state change), then lets the element render. */
async function until(el: SoRecordUploader, done: (states: string[]) => boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const states = el.manager!.uploads.map((u) => u.state);
    if (done(states)) break;
    await new Promise((r) => el.manager!.addEventListener('state', r, { once: true }));
  }
  await el.updateComplete;
}

/** The next event of a type, typed. */
const oneEvent = <K extends keyof GlobalEventHandlersEventMap>(el: EventTarget, type: K) =>
  new Promise<GlobalEventHandlersEventMap[K]>((resolve) => el.addEventListener(type, (e) => resolve(e as GlobalEventHandlersEventMap[K]), { once: true }));

afterEach(() => localStorage.clear());

describe('<so-record-uploader>', () => {
  it('is operated by keyboard: Tab reaches the drop zone, Enter and Space open the picker', async () => {
    const { client } = await session();
    const el = await uploader(client, await newCase(client));
    const input = $<HTMLInputElement>(el, 'input.files');
    let opened = 0;
    // The native dialog cannot be driven; the click that opens it is what Enter and Space must cause.
    input.addEventListener('click', (e) => {
      opened++;
      e.preventDefault();
    });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal($(el, '[part~="dropzone"]'));
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: ' ' });
    expect(opened).to.equal(2);
    await expectAccessible(el);
  });

  it('on a touch phone (390x844), offers the camera as a button and keeps every file input hidden', async function () {
    const phone = await executeServerCommand<boolean, { on: boolean }>('so-touch-phone', { on: true });
    try {
      // Only Chromium's driver emulates touch; elsewhere the test cannot show the rule at work.
      if (!phone || !matchMedia('(pointer: coarse)').matches) this.skip();
      expect(innerWidth).to.equal(390);
      const { client } = await session();
      const el = await uploader(client, await newCase(client));
      // The button and the hidden `<input capture>` once shared the class the touch rule shows.
      expect(getComputedStyle($(el, 'button.camera')).display).to.not.equal('none');
      for (const input of el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="file"]')) {
        expect(getComputedStyle(input).display, `input.${input.className}`).to.equal('none');
        expect(input.getBoundingClientRect().width).to.equal(0);
      }
    } finally {
      if (phone) await executeServerCommand('so-touch-phone', { on: false });
    }
  });

  it('sends records added and sent at once, before its rows and the upload engine are in', async () => {
    const { client } = await session();
    const el = await uploader(client, await newCase(client));
    const uploaded = oneEvent(el, 'so-record-uploaded');
    el.addFiles([pdfFile(200_000, 'biopsy.pdf')]);
    // Counted at once, though the rows and the engine load on demand with this first file.
    expect(el.rowCount).to.equal(1);
    expect(el.manager).to.equal(undefined);
    el.send();
    await el.updateComplete;
    expect(el.renderedRowCount).to.equal(1);
    await until(el, (states) => states.length === 1 && states[0] === 'verified');
    expect(statusTexts(el)).to.deep.equal(['Received and checked']);
    expect(el.value).to.deep.equal([(await uploaded).record.id]);
    await expectAccessible(el);
  });

  it('sends a chosen record: kind and neutral title, progress, verified, events, form value and checklist', async () => {
    const { client } = await session();
    const caseId = await newCase(client);
    const form = await fixture<HTMLFormElement>(html`<form><so-record-uploader .client=${client} case-id=${caseId} name="records" required needed="pathology" lang="en"></so-record-uploader></form>`);
    const el = form.querySelector('so-record-uploader')!;
    await el.updateComplete;
    expect(form.checkValidity(), 'required and empty').to.equal(false);
    expect(el.validity.valueMissing).to.equal(true);
    expect($(el, '[part~="checklist"]').textContent).to.match(/Pathology report\s*: still needed/);
    pick(el, [pdfFile(3 * MiB, 'biopsy_TREMBLAY.pdf')]);
    await el.updateComplete;
    expect($<HTMLSelectElement>(el, 'select').value).to.equal('pathology');
    expect($<HTMLInputElement>(el, 'input[type="text"]').value).to.equal('Pathology report 1');
    expect(statusTexts(el)).to.deep.equal(['Ready to send']);
    await expectAccessible(el);
    const before = oneEvent(el, 'so-before-upload');
    const uploaded = oneEvent(el, 'so-record-uploaded');
    $<HTMLButtonElement>(el, '.send').click();
    const b = await before;
    expect([b.kind, b.title, b.mediaType]).to.deep.equal(['pathology', 'Pathology report 1', 'application/pdf']);
    const { record } = await uploaded;
    await el.updateComplete;
    expect(record.status).to.equal('verified');
    expect(record.title).to.equal('Pathology report 1');
    expect(statusTexts(el)).to.deep.equal(['Received and checked']);
    expect(el.value).to.deep.equal([record.id]);
    expect(new FormData(form).getAll('records')).to.deep.equal([record.id]);
    expect(form.checkValidity()).to.equal(true);
    expect($(el, '[part~="checklist"]').textContent).to.match(/Pathology report\s*: received/);
    await expectAccessible(el);
    form.reset();
    await el.updateComplete;
    expect(el.value).to.deep.equal([]);
    expect(el.rowCount).to.equal(0);
    expect(form.checkValidity()).to.equal(false);
    await expectCleanStorage([NAME, 'biopsy', 'Pathology']);
  });

  it('lets the host cancel before any byte is sent (so-before-upload)', async () => {
    const { client } = await session();
    const caseId = await newCase(client);
    const el = await uploader(client, caseId);
    el.addEventListener('so-before-upload', (e) => e.preventDefault());
    pick(el, [pdfFile(MiB)]);
    await el.updateComplete;
    $<HTMLButtonElement>(el, '.send').click();
    await until(el, (t) => t[0] === 'cancelled');
    expect(statusTexts(el)).to.deep.equal(['Cancelled']);
    expect((await client.cases.get(caseId)).records).to.deep.equal([]);
  });

  it('refuses an executable renamed .pdf and an oversized file before upload, saying why (en and fr-CA)', async () => {
    const { client } = await session();
    const caseId = await newCase(client);
    for (const lang of ['en', 'fr-CA']) {
      const el = await uploader(client, caseId, { lang, maxSize: 2_000_000 });
      const errors: string[] = [];
      el.addEventListener('so-upload-error', (e) => errors.push(`${e.state} ${e.willRetry}`));
      pick(el, [new File([Uint8Array.from([0x4d, 0x5a, 0x90, 0]), new Uint8Array(2048)], 'report.pdf', { type: 'application/pdf' }), pdfFile(3 * MiB)]);
      await el.updateComplete;
      $<HTMLButtonElement>(el, '.send').click();
      await until(el, (t) => t.length === 2 && t.every((s) => s === 'rejected'));
      const text = el.shadowRoot!.textContent!;
      if (lang === 'en') {
        expect(statusTexts(el)).to.deep.equal(['Not accepted', 'Not accepted']);
        expect(text).to.include('This kind of file cannot be sent').and.include('Choose a file smaller than 2 MB');
      } else {
        expect(statusTexts(el)).to.deep.equal(['Refusé', 'Refusé']);
        expect(text).to.include('Ce type de fichier ne peut pas être envoyé').and.match(/moins de 2\s+Mo/);
      }
      expect(errors).to.deep.equal(['rejected false', 'rejected false']);
      await expectAccessible(el);
    }
    expect((await client.cases.get(caseId)).records).to.deep.equal([]);
    await expectCleanStorage([NAME]);
  });

  it('queues 3,000 files of a folder in under a second, rendering only the rows in view', async () => {
    const { client } = await session();
    const el = await uploader(client, await newCase(client));
    const files = Array.from({ length: 3000 }, (_, i) => new File([new Uint8Array(8)], `IM_${i}`, { type: '' }));
    const t0 = performance.now();
    el.addFiles(files.map((file) => ({ file, fromFolder: true })));
    await el.updateComplete;
    const added = performance.now() - t0;
    expect(added, `${added.toFixed(0)} ms to list`).to.be.below(1000);
    expect(el.rowCount).to.equal(3000);
    expect(el.renderedRowCount).to.be.within(1, 40);
    expect($<HTMLSelectElement>(el, 'select').value).to.equal('imaging');
    // Paused as soon as queued, so the test measures queueing, not sending.
    const t1 = performance.now();
    el.send();
    el.pauseAll();
    await el.updateComplete;
    const queued = performance.now() - t1;
    expect(queued, `${queued.toFixed(0)} ms to queue`).to.be.below(1000);
    expect(el.manager!.uploads).to.have.length(3000);
    expect(el.renderedRowCount).to.be.within(1, 40);
    // Scrolling to the end renders the last rows, still only a window of them.
    const list = $(el, '[part~="list"]');
    list.scrollTop = list.scrollHeight;
    await new Promise<void>((resolve) => list.addEventListener('scroll', () => resolve(), { once: true }));
    await new Promise(requestAnimationFrame);
    await el.updateComplete;
    const rows = el.shadowRoot!.querySelectorAll('[part~="row"]');
    expect(rows.length).to.be.within(1, 40);
    expect(rows[rows.length - 1]!.getAttribute('aria-posinset')).to.equal('3000');
    await el.cancelAll();
    await expectCleanStorage(['IM_']);
  });

  it('resumes from the server offset after a reload when the same file is chosen again', async () => {
    const { client } = await session();
    const caseId = await newCase(client);
    const file = pdfFile(48 * MiB);
    const first = await uploader(client, caseId);
    pick(first, [file]);
    await first.updateComplete;
    // "Reload" once the first 16 MiB part is in: the element and its engine go away; only localStorage stays.
    const hold = holdUploadAt(16 * MiB);
    try {
      $<HTMLButtonElement>(first, '.send').click();
      await hold.held;
      first.manager!.dispose();
      first.remove();
    } finally {
      hold.restore();
    }
    await expectCleanStorage();
    const second = await uploader(client, caseId);
    pick(second, [new File([await file.arrayBuffer()], NAME, { type: 'application/pdf' })]);
    await second.updateComplete;
    const firstProgress = oneEvent(second, 'so-upload-progress');
    const uploaded = oneEvent(second, 'so-record-uploaded');
    $<HTMLButtonElement>(second, '.send').click();
    expect((await firstProgress).progress.bytesSent).to.be.at.least(16 * MiB);
    expect((await uploaded).record.status).to.equal('verified');
    // One record: the upload went on, no second one was created.
    expect((await client.cases.get(caseId)).records).to.have.length(1);
    await expectCleanStorage([NAME]);
  });

  it('pauses and resumes a record, accessible in every state', async () => {
    const { client } = await session();
    const el = await uploader(client, await newCase(client));
    pick(el, [pdfFile(40 * MiB)]);
    await el.updateComplete;
    $<HTMLButtonElement>(el, '.send').click();
    await oneEvent(el, 'so-upload-progress');
    $<HTMLButtonElement>(el, '.row .pause').click();
    await el.updateComplete;
    expect(statusTexts(el)).to.deep.equal(['Paused']);
    await expectAccessible(el);
    const uploaded = oneEvent(el, 'so-record-uploaded');
    $<HTMLButtonElement>(el, '.row .resume').click();
    await uploaded;
    await el.updateComplete;
    expect(statusTexts(el)).to.deep.equal(['Received and checked']);
    await expectAccessible(el);
  });
});
