/// <reference types="mocha" />
// <so-status-tracker> in real browsers against the reference server and its staff API.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/elements/status-tracker.js';
import '../../src/elements/record-uploader.js';
import type { SoStatusTracker } from '../../src/components/status-tracker/status-tracker.js';
import type { SoActionRequiredEvent, SoBeforeWithdrawEvent, SoStatusChangedEvent } from '../../src/components/status-tracker/status-tracker.events.js';
import { trackerEn } from '../../src/components/status-tracker/status-tracker.messages.js';
import { deepActiveElement } from '../../src/components/shared/focus.js';
import { STATUS_TEXT, type Case, type Status } from '../../src/core/index.js';
import { expectAccessible } from './support/axe.js';
import { TEST_BACKEND } from './fhir.support.js';
import { catalogueStrings, nextEvent, request, session, slowCommand, until, text, tusUpload, pdfBytes, type Session } from './status-tracker.support.js';

const specialist = { name: 'Dr. Lee', specialty: 'Oncology' };
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const label = (s: Status) => STATUS_TEXT.en[s].label;

async function tracker(s: Session, c: Case, lang = 'en'): Promise<SoStatusTracker> {
  const el = await fixture<SoStatusTracker>(html`<so-status-tracker lang=${lang} case-id=${c.id} .client=${s.patient}></so-status-tracker>`);
  return el;
}

/** Waits for `wait`, bounded: a change that never arrives fails with what the tracker had, not at the test's timeout. */
async function within<T>(wait: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), ms);
  });
  try {
    return await Promise.race([wait, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for the so-status-changed event that moves the tracker to `status`, then for the DOM to show it. */
async function shows(el: SoStatusTracker, status: Status): Promise<void> {
  if (el.case?.status !== status) {
    await within(nextEvent<SoStatusChangedEvent>(el, 'so-status-changed', (e) => e.status === status), 25_000,
      () => `never showed ${status}: the tracker has ${el.case?.status ?? 'no case'}, connection ${el.connection}, page ${document.visibilityState}`);
  }
  await until(() => el.case?.status === status, `case ${status}`);
  await el.updateComplete;
  expect($(el, 'so-status-badge').getAttribute('status')).to.equal(status);
}

/** Waits until the tracker has loaded its case and the stream is live. */
async function ready(el: SoStatusTracker): Promise<void> {
  await until(() => !!el.case && el.connection === 'live', 'tracker live');
  await el.updateComplete;
}

describe('<so-status-tracker> follows a case through every status', () => {
  it('shows each status as the staff API moves the case, with steps, clock, and axe clean in each state', async () => {
    const s = await session();
    const c = await s.patient.cases.create(request(), { submit: true });
    const el = await tracker(s, c);
    await ready(el);
    expect(text(el)).to.contain(label('submitted'));
    expect(text(el)).to.contain(trackerEn.clockNotStarted);
    await expectAccessible(el);

    const seen: string[] = [];
    el.addEventListener('so-status-changed', (e) => seen.push(`${e.previousStatus}>${e.status}`));
    const moves: [Status, () => Promise<unknown>][] = [
      ['triage', () => s.staff.staff.triage(c.id)],
      ['accepted', () => s.staff.staff.accept(c.id, { specialist })],
      ['in_review', () => s.staff.staff.startReview(c.id)],
      ['info_requested', () => s.staff.staff.requestInformation(c.id, { message: 'Please add your pathology report.', recordKinds: ['pathology'] })],
    ];
    for (const [status, move] of moves) {
      const shown = shows(el, status);
      await move();
      await shown;
      expect(text(el)).to.contain(STATUS_TEXT.en[status].next);
      await expectAccessible(el);
    }
    expect($(el, '[part~="clock"]').textContent).to.equal('Paused: waiting for your pathology report');
    expect($(el, '[data-step="in_review"]').getAttribute('aria-current')).to.equal('step');
    expect(seen).to.deep.equal(['submitted>triage', 'triage>accepted', 'accepted>in_review', 'in_review>info_requested']);
    // Each live change is read out to screen readers (the live region arrives with the first one).
    await until(() => document.getElementById('so-announcer-polite')?.textContent === trackerEn.statusChanged(label('info_requested')), 'status change announced');
  });

  it('shows the opinion, and the declined and withdrawn endings', async () => {
    const s = await session();
    const [a, b, d] = await Promise.all([0, 1, 2].map(() => s.patient.cases.create(request(), { submit: true })));
    await s.staff.staff.triage(a!.id);
    await s.staff.staff.accept(a!.id, { specialist });
    await s.staff.staff.startReview(a!.id);
    const elA = await tracker(s, a!);
    await ready(elA);
    const shownA = shows(elA, 'opinion_ready');
    await s.staff.staff.issueOpinion(a!.id, { outcome: 'confirmed', summary: 'Agreed.', recommendations: [], answers: a!.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })) });
    await shownA;
    expect([...elA.shadowRoot!.querySelectorAll('[part~="step"]')].map((x) => x.className.split(' ')[1])).to.deep.equal(['done', 'done', 'done', 'done', 'done']);
    expect(elA.shadowRoot!.querySelector('[part~="withdraw"]')).to.equal(null);
    await expectAccessible(elA);

    await s.staff.staff.triage(b!.id);
    const elB = await tracker(s, b!);
    await ready(elB);
    const shownB = shows(elB, 'declined');
    await s.staff.staff.decline(b!.id, { reason: 'This service does not review this kind of case.' });
    await shownB;
    expect([...elB.shadowRoot!.querySelectorAll('[part~="step"]')].map((x) => (x as HTMLElement).dataset.step)).to.deep.equal(['submitted', 'triage', 'declined']);
    expect(text(elB)).to.contain('This service does not review this kind of case.');
    await expectAccessible(elB);

    const elD = await tracker(s, d!);
    await ready(elD);
    const shownD = shows(elD, 'withdrawn');
    await s.patient.cases.withdraw(d!.id, {});
    await shownD;
    expect([...elD.shadowRoot!.querySelectorAll('[part~="step"]')].map((x) => (x as HTMLElement).dataset.step)).to.deep.equal(['submitted', 'withdrawn']);
    await expectAccessible(elD);
  });
});

// A restart applies to the reference server (its database outlives it); the FHIR test engine is in memory.
if (TEST_BACKEND === 'rest') describe('<so-status-tracker> keeps up through a server restart', () => {
  it('reconnects and misses no event', async () => {
    const { id, url } = await slowCommand<{ id: string; url: string }>('so-server-start');
    try {
      const s = await session(url);
      const c = await s.patient.cases.create(request(), { submit: true });
      const el = await tracker(s, c);
      await ready(el);
      const seen: Status[] = [];
      el.addEventListener('so-status-changed', (e) => seen.push(e.status));
      await slowCommand('so-server-restart', { id });
      // Moves made while the tracker is still reconnecting reach it through the Last-Event-ID replay.
      await s.staff.staff.triage(c.id);
      await s.staff.staff.accept(c.id, { specialist });
      await s.staff.staff.startReview(c.id);
      await shows(el, 'in_review');
      expect(seen).to.deep.equal(['triage', 'accepted', 'in_review']);
      expect(el.connection).to.be.oneOf(['live', 'connecting']);
    } finally {
      await executeServerCommand('so-server-stop', { id });
    }
  });
});

describe('<so-status-tracker> in a hidden tab', () => {
  it('makes no request while hidden and refreshes at once when shown', async () => {
    const s = await session();
    const c = await s.patient.cases.create(request(), { submit: true });
    const el = await tracker(s, c);
    await ready(el);
    let hidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    try {
      hidden = true;
      document.dispatchEvent(new Event('visibilitychange'));
      const before = s.patientCounter.count;
      // Staff move the case three times; a tracker that polled or streamed would ask meanwhile.
      await s.staff.staff.triage(c.id);
      await s.staff.staff.accept(c.id, { specialist });
      await s.staff.staff.startReview(c.id);
      expect(el.connection).to.equal('paused');
      expect(s.patientCounter.count).to.equal(before);
      hidden = false;
      const shown = shows(el, 'in_review');
      document.dispatchEvent(new Event('visibilitychange'));
      await shown;
      expect(s.patientCounter.count).to.be.greaterThan(before);
    } finally {
      delete (document as { hidden?: boolean }).hidden;
      delete (document as { visibilityState?: string }).visibilityState;
    }
  });
});

describe('<so-status-tracker> when the patient is needed', () => {
  it('shows the request, takes a reply with an uploaded record, and the case returns to triage', async () => {
    const s = await session();
    const c = await s.patient.cases.create(request(), { submit: true });
    await s.staff.staff.triage(c.id);
    const el = await fixture<SoStatusTracker>(html`<so-status-tracker .client=${s.patient} case-id=${c.id}><p slot="uploader" id="uploader">uploader here</p></so-status-tracker>`);
    await ready(el);
    const needed = nextEvent<SoActionRequiredEvent>(el, 'so-action-required');
    await s.staff.staff.requestInformation(c.id, { message: 'Please add your pathology report.', recordKinds: ['pathology'] });
    const action = await within(needed, 25_000, () => `no so-action-required: the tracker has ${el.case?.status ?? 'no case'}, connection ${el.connection}, page ${document.visibilityState}`);
    expect(action.action.message).to.equal('Please add your pathology report.');
    await shows(el, 'info_requested');
    expect($(el, '[part~="action"]').textContent).to.contain('Please add your pathology report.');
    expect($(el, '[part~="action"]').textContent).to.contain('Pathology report');
    expect($<HTMLSlotElement>(el, 'slot[name="uploader"]').assignedElements()[0]?.id).to.equal('uploader');
    await expectAccessible(el);

    // An empty reply is refused with a message beside the field.
    $<HTMLButtonElement>(el, '[part~="reply"] button[type="submit"]').click();
    await el.updateComplete;
    expect($(el, '#reply-error').textContent).to.equal(trackerEn.replyRequired);
    expect(deepActiveElement()?.id).to.equal('reply');

    // No uploader element exists yet: the record goes up over tus directly, then the case shows it.
    const recordId = await tusUpload(s, c.id, pdfBytes('pathology'), 'pathology', 'Pathology report');
    // The record reaches the tracker through its live stream.
    await until(() => !!el.case?.records.some((r) => r.id === recordId && r.status !== 'uploading'), 'record on the case');
    await el.updateComplete;
    expect(text(el)).to.contain(trackerEn.replyRecordsAttached(1));
    $<HTMLTextAreaElement>(el, '#reply').value = 'Here is my pathology report.';
    const back = shows(el, 'triage');
    $<HTMLButtonElement>(el, '[part~="reply"] button[type="submit"]').click();
    await back;
    const after = await s.patient.cases.get(c.id);
    expect(after.status).to.equal('triage');
    const reply = after.timeline.findLast((e) => e.kind === 'message' || e.action === 'reply');
    expect(reply?.message).to.equal('Here is my pathology report.');
    expect(reply?.recordIds).to.deep.equal([recordId]);
    expect(el.shadowRoot!.querySelector('[part~="reply"]')).to.equal(null);
    // The timeline's step names the reply and the record it sent.
    await until(() => !!el.shadowRoot!.querySelector('[part~="replies"]'), 'the reply on the timeline');
    const replies = [...el.shadowRoot!.querySelectorAll('[data-step="triage"] [part~="replies"] li')].map((li) => li.textContent?.trim());
    expect(replies).to.have.length(1);
    expect(replies[0]).to.match(/^You replied on .+ and sent Pathology report\.$/);
    await expectAccessible(el);
  });
});

describe('<so-status-tracker> withdraw', () => {
  it('asks first, can be cancelled by so-before-withdraw, then withdraws and moves focus', async () => {
    const s = await session();
    const c = await s.patient.cases.create(request(), { submit: true });
    const el = await tracker(s, c);
    await ready(el);
    $<HTMLButtonElement>(el, '[part~="withdraw"]').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(deepActiveElement()?.id).to.equal('confirm-heading');
    await expectAccessible(el);
    $<HTMLButtonElement>(el, '[data-action="cancel-withdraw"]').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(deepActiveElement()?.id).to.equal('withdraw');

    $<HTMLButtonElement>(el, '[part~="withdraw"]').click();
    await el.updateComplete;
    $<HTMLTextAreaElement>(el, '#reason').value = 'I found an answer.';
    const veto = (e: SoBeforeWithdrawEvent) => e.preventDefault();
    el.addEventListener('so-before-withdraw', veto, { once: true });
    const vetoed = nextEvent<SoBeforeWithdrawEvent>(el, 'so-before-withdraw');
    $<HTMLButtonElement>(el, '[data-action="confirm-withdraw"]').click();
    expect((await vetoed).reason).to.equal('I found an answer.');
    expect((await s.patient.cases.get(c.id)).status).to.equal('submitted');

    const done = shows(el, 'withdrawn');
    $<HTMLButtonElement>(el, '[data-action="confirm-withdraw"]').click();
    await done;
    expect((await s.patient.cases.get(c.id)).status).to.equal('withdrawn');
    for (let i = 0; i < 3; i++) await el.updateComplete;
    expect(deepActiveElement()?.id).to.equal('heading');
    await expectAccessible(el);
  });
});

describe('<so-status-tracker> without case-id', () => {
  it('lists the caller’s cases with status badges, a page at a time', async () => {
    const s = await session();
    const made: Case[] = [];
    for (let i = 0; i < 3; i++) made.push(await s.patient.cases.create(request(), { submit: true }));
    await s.staff.staff.triage(made[0]!.id);
    await s.staff.staff.requestInformation(made[0]!.id, { message: 'More please.', recordKinds: [] });
    const el = await fixture<SoStatusTracker>(html`<so-status-tracker page-size="2" .client=${s.patient}></so-status-tracker>`);
    await until(() => !!el.shadowRoot!.querySelector('[part~="case"]'), 'list shown');
    const ids = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="case"]')].map((x) => x.dataset.caseId);
    expect(ids()).to.deep.equal([made[2]!.id, made[1]!.id]);
    expect(el.shadowRoot!.querySelectorAll('so-status-badge').length).to.equal(2);
    await expectAccessible(el);
    $<HTMLButtonElement>(el, '[data-action="next"]').click();
    await until(() => ids()[0] === made[0]!.id, 'page 2');
    expect(ids()).to.deep.equal([made[0]!.id]);
    expect(text(el)).to.contain(trackerEn.listActionNeeded);
    expect(text(el)).to.contain('Page 2');
    expect(deepActiveElement()?.id).to.equal('list-heading');
    expect($<HTMLButtonElement>(el, '[data-action="next"]').disabled).to.equal(true);
    $<HTMLButtonElement>(el, '[data-action="previous"]').click();
    await until(() => ids()[0] === made[2]!.id, 'page 1 again');
    expect(ids()).to.deep.equal([made[2]!.id, made[1]!.id]);
  });
});

describe('<so-status-tracker> with an uploader in its slot', () => {
  it('the uploader’s checklist follows a live information request', async () => {
    const s = await session();
    const c = await s.patient.cases.create(request(), { submit: true });
    const el = await fixture<SoStatusTracker>(html`<so-status-tracker lang="en" case-id=${c.id} .client=${s.patient}>
      <so-record-uploader slot="uploader" case-id=${c.id} .client=${s.patient}></so-record-uploader></so-status-tracker>`);
    await ready(el);
    const uploader = el.querySelector('so-record-uploader')!;
    const checklist = () => uploader.shadowRoot?.querySelector('[part="checklist"]')?.textContent ?? '';
    await s.staff.staff.triage(c.id);
    const asked = shows(el, 'info_requested');
    await s.staff.staff.requestInformation(c.id, { message: 'Please add your pathology report.', recordKinds: ['pathology'] });
    await asked;
    await until(() => checklist().includes('Pathology report'), 'the uploader lists the pathology report');
  });
});

describe('<so-status-tracker> switches language live', () => {
  const badgeText = (badge: Element) => (badge.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
  // Each badge inside the tracker's shadow root, once it has rendered after the switch.
  async function badgesSay(el: SoStatusTracker, status: Status, lang: 'en' | 'fr-CA'): Promise<void> {
    await el.updateComplete;
    const badges = [...el.shadowRoot!.querySelectorAll<Element & { updateComplete: Promise<unknown> }>('so-status-badge')];
    expect(badges.length).to.be.greaterThan(0);
    for (const badge of badges) {
      await badge.updateComplete;
      expect(badgeText(badge)).to.contain(STATUS_TEXT[lang][status].label);
    }
  }

  it('down to the status badge of its case', async () => {
    const s = await session();
    const c = await s.patient.cases.create(request(), { submit: true });
    const el = await tracker(s, c);
    await ready(el);
    await badgesSay(el, 'submitted', 'en');
    el.setAttribute('lang', 'fr-CA');
    await badgesSay(el, 'submitted', 'fr-CA');
    el.setAttribute('lang', 'en');
    await badgesSay(el, 'submitted', 'en');
  });

  it('down to the status badges of its list', async () => {
    const s = await session();
    await s.patient.cases.create(request(), { submit: true });
    const el = await fixture<SoStatusTracker>(html`<so-status-tracker lang="en" .client=${s.patient}></so-status-tracker>`);
    await until(() => !!el.shadowRoot!.querySelector('so-status-badge'), 'list shown');
    await badgesSay(el, 'submitted', 'en');
    el.setAttribute('lang', 'fr-CA');
    await badgesSay(el, 'submitted', 'fr-CA');
  });
});

describe('<so-status-tracker> in French', () => {
  it('leaves no English string, with a paused clock and a withdraw confirmation on show', async () => {
    const s = await session();
    const c = await s.patient.cases.create(request(), { submit: true });
    await s.staff.staff.triage(c.id);
    await s.staff.staff.accept(c.id, { specialist });
    await s.staff.staff.startReview(c.id);
    await s.staff.staff.requestInformation(c.id, { message: 'Ajoutez votre rapport.', recordKinds: ['pathology', 'imaging'] });
    const el = await tracker(s, c, 'fr-CA');
    await ready(el);
    $<HTMLButtonElement>(el, '[part~="withdraw"]').click();
    await el.updateComplete;
    const shown = text(el);
    expect($(el, '[part~="clock"]').textContent).to.equal('En pause : en attente de votre rapport de pathologie et vos examens d’imagerie (radiographies ou autres)');
    const english = [...catalogueStrings(trackerEn), ...Object.values(STATUS_TEXT.en).flatMap((t) => [t.label, t.next]), 'Pathology report', 'Imaging']
      .filter((w) => !['Page'].includes(w))
      .filter((w) => shown.includes(w));
    expect(english).to.deep.equal([]);
    await expectAccessible(el);
  });
});
