/// <reference types="mocha" />
// <so-opinion-summary> in real browsers against the reference server and its staff API.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/opinion-summary.js';
import { createClient, RestBackend } from '../../src/core/index.js';
import { TEST_BACKEND, watchesWithoutChanges } from './fhir.support.js';
import type { SoOpinionSummary } from '../../src/components/opinion-summary/opinion-summary.js';
import type { SoAnotherOpinionEvent, SoOpinionSharedEvent } from '../../src/components/opinion-summary/opinion-summary.events.js';
import { opinionEn } from '../../src/components/opinion-summary/opinion-summary.messages.js';
import { deepActiveElement } from '../../src/components/shared/focus.js';
import type { Case } from '../../src/core/index.js';
import { expectAccessible } from './support/axe.js';
import { catalogueStrings, nextEvent, request, session, until, text, toOpinion, type Session } from './status-tracker.support.js';

// On FHIR this page's summaries watch their cases, but none is changed while watched.
watchesWithoutChanges();

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;


async function summary(s: Session, c: Case, lang = 'en'): Promise<SoOpinionSummary> {
  const el = await fixture<SoOpinionSummary>(html`<so-opinion-summary lang=${lang} case-id=${c.id} .client=${s.patient}></so-opinion-summary>`);
  await until(() => !!el.case, 'case loaded');
  await el.updateComplete;
  return el;
}

describe('<so-opinion-summary> shows the opinion', () => {
  it('puts the first opinion beside the second, "confirmed" as good news, and every question with its answer', async () => {
    const s = await session();
    const created = await s.patient.cases.create(request(), { submit: true });
    const { case: c } = await toOpinion(s, created);
    const el = await summary(s, c);
    expect($(el, '[part~="first"]').textContent).to.contain('Breast cancer, stage II');
    expect($(el, '[part~="first"]').textContent).to.contain('Mastectomy, then chemotherapy');
    expect($(el, '[part~="outcome"]').textContent).to.contain(opinionEn.outcome.confirmed.headline);
    expect($(el, '[part~="outcome"]').classList.contains('good')).to.equal(true);
    expect($(el, '[part~="second"]').textContent).to.contain('Invasive ductal carcinoma, stage II');
    expect($(el, '[part~="second"]').textContent).to.contain('Dr. Lee, MD, FRCPC, Oncology');
    const items = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="questions"] > li')];
    expect(items.map((li) => li.dataset.questionId)).to.deep.equal(c.questions.map((q) => q.id));
    c.questions.forEach((q, i) => {
      expect(items[i]!.querySelector('.question')!.textContent).to.equal(q.text);
      expect(items[i]!.querySelector('.answer')!.textContent).to.equal(`Answer ${i + 1}: ${q.text.slice(0, 20).trim()}`);
    });
    await expectAccessible(el);
  });

  it('says the opinion is not ready before it is', async () => {
    const s = await session();
    const c = await s.patient.cases.create(request(), { submit: true });
    const el = await summary(s, c);
    expect(text(el)).to.contain(opinionEn.notReady);
    expect(el.shadowRoot!.querySelector('[part~="second"]')).to.equal(null);
    await expectAccessible(el);
  });

  it('downloads the report through a Blob URL and revokes it afterwards', async () => {
    const s = await session();
    const { case: c, report } = await toOpinion(s, await s.patient.cases.create(request(), { submit: true }));
    const el = await summary(s, c);
    const create = URL.createObjectURL;
    const revoke = URL.revokeObjectURL;
    let blob: Blob | undefined;
    let url = '';
    const revoked = new Promise<string>((resolve) => {
      URL.revokeObjectURL = (u: string) => {
        revoke.call(URL, u);
        resolve(u);
      };
    });
    URL.createObjectURL = (b: Blob) => ((blob = b), (url = create.call(URL, b)));
    // The test page stays put: the click that would save the file is stopped here.
    const clicked = new Promise<HTMLAnchorElement>((resolve) => el.shadowRoot!.addEventListener('click', (e) => {
      const a = e.target as HTMLAnchorElement;
      if (a.localName === 'a') {
        e.preventDefault();
        resolve(a);
      }
    }, { capture: true }));
    try {
      $<HTMLButtonElement>(el, '[part~="report"]').click();
      const a = await clicked;
      expect(a.download).to.equal('second-opinion-report.pdf');
      expect(new Uint8Array(await blob!.arrayBuffer())).to.deep.equal(report);
      expect(await revoked).to.equal(url);
      expect(el.shadowRoot!.querySelector('a[download]')).to.equal(null);
    } finally {
      URL.createObjectURL = create;
      URL.revokeObjectURL = revoke;
    }
  });
});

describe('<so-opinion-summary> closes the loop', () => {
  it('shares with the care team only after consent, fires so-opinion-shared and shows when', async () => {
    const s = await session();
    const { case: c } = await toOpinion(s, await s.patient.cases.create(request(), { submit: true }));
    const el = await summary(s, c);
    expect($(el, '[part~="share"]').textContent).to.contain('Dr. Roy');
    const button = () => $<HTMLButtonElement>(el, '[part~="share"] button[type="submit"]');
    button().click();
    await el.updateComplete;
    expect($(el, '#share-error').textContent).to.equal(opinionEn.shareConsentRequired);
    expect(deepActiveElement()?.id).to.equal('share-consent');
    await expectAccessible(el);
    $<HTMLInputElement>(el, '#share-consent').click();
    const shared = nextEvent<SoOpinionSharedEvent>(el, 'so-opinion-shared');
    button().click();
    const e = await shared;
    expect(e.caseId).to.equal(c.id);
    const after = await s.patient.cases.get(c.id);
    expect(after.opinion?.sharedWithCareTeamAt).to.equal(e.sharedAt);
    await el.updateComplete;
    expect($(el, '#share-status').textContent).to.match(/^Shared with your care team on /);
    expect(deepActiveElement()?.id).to.equal('share-status');
    await expectAccessible(el);
  });

  it('sends a follow-up question (the case goes back to review) and asks for another opinion', async () => {
    const s = await session();
    const { case: c } = await toOpinion(s, await s.patient.cases.create(request(), { submit: true }));
    const el = await summary(s, c);
    const another = nextEvent<SoAnotherOpinionEvent>(el, 'so-another-opinion');
    $<HTMLButtonElement>(el, '[part~="another"]').click();
    expect((await another).previousCaseId).to.equal(c.id);

    expect(text(el)).to.contain(opinionEn.followUpIntro(c.followUpsRemaining));
    $<HTMLTextAreaElement>(el, '#follow-up').value = 'Should I also see a radiation oncologist?';
    $<HTMLButtonElement>(el, '[part~="follow-up"] button[type="submit"]').click();
    await until(() => el.case?.status === 'in_review', 'back in review');
    await el.updateComplete;
    expect((await s.patient.cases.get(c.id)).status).to.equal('in_review');
    expect(text(el)).to.contain(opinionEn.followUpSent);
    expect(el.shadowRoot!.querySelector('[part~="follow-up"]')).to.equal(null);
    await expectAccessible(el);
  });

  it('shows the chain of earlier opinions on a fourth opinion linked by reference', async () => {
    const s = await session();
    const { case: first } = await toOpinion(s, await s.patient.cases.create(request(), { submit: true }));
    const { case: second } = await toOpinion(s, await s.patient.cases.create(request({ previousCaseId: first.reference }), { submit: true }), 'different_diagnosis');
    // The third asks for another opinion and gets none before the patient withdraws it.
    const third = await s.patient.cases.withdraw((await s.patient.cases.create(request(), { submit: true, previousCaseId: second.reference })).id);
    const { case: fourth } = await toOpinion(s, await s.patient.cases.create(request({ previousCaseId: third.reference }), { submit: true }));
    expect([fourth.previousCaseId, third.previousCaseId, second.previousCaseId]).to.deep.equal([third.id, second.id, first.id]);
    const el = await summary(s, fourth);
    await until(() => !!el.shadowRoot!.querySelector('[part~="earlier"]'), 'the earlier opinions');
    const items = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="earlier"] li')];
    expect(items.map((li) => li.dataset.caseId)).to.deep.equal([third.id, second.id, first.id]);
    expect(items.map((li) => li.querySelector('h4')!.textContent)).to.deep.equal([third, second, first].map((c) => opinionEn.earlierRequest(c.reference)));
    expect(items[0]!.textContent).to.contain(opinionEn.earlierNoOpinion);
    expect(items[1]!.querySelector('.outcome')!.textContent).to.equal(opinionEn.outcome.different_diagnosis.headline);
    expect(items[2]!.querySelector('.outcome')!.textContent).to.equal(opinionEn.outcome.confirmed.headline);
    await expectAccessible(el);
  });

  it('explains the report route when sharing was not consented', async () => {
    const s = await session();
    const created = await s.patient.cases.create(request({
      careTeam: { share: false },
      consent: { version: '2026-11', acceptedAt: '2026-11-20T15:00:00Z', scopes: ['collect_and_review'] },
    }), { submit: true });
    const { case: c } = await toOpinion(s, created, 'different_diagnosis');
    const el = await summary(s, c);
    expect($(el, '[part~="share"]').textContent).to.contain(opinionEn.shareNotConsented);
    expect(el.shadowRoot!.querySelector('#share-consent')).to.equal(null);
    expect($(el, '[part~="outcome"]').classList.contains('change')).to.equal(true);
    await expectAccessible(el);
  });
});

describe('<so-opinion-summary> follows the case live', () => {
  it('shows a follow-up and its answer issued while it is open, through no call of its own', async function () {
    // Its own client (same patient, its own connection), so nothing it shows comes from calls made here.
    if (TEST_BACKEND === 'fhir') this.skip();
    const s = await session();
    const { case: c } = await toOpinion(s, await s.patient.cases.create(request(), { submit: true }));
    const own = createClient({ backend: new RestBackend({ endpoint: s.url }), getAccessToken: () => s.patientToken });
    const el = await fixture<SoOpinionSummary>(html`<so-opinion-summary lang="en" case-id=${c.id} .client=${own}></so-opinion-summary>`);
    await until(() => el.case?.status === 'opinion_ready', 'opinion shown');
    await s.patient.cases.followUp(c.id, { text: 'Should I also see a radiation oncologist?' });
    await until(() => el.case?.status === 'in_review', 'the follow-up seen live');
    const open = (await s.staff.cases.get(c.id)).questions.filter((q) => !q.answer);
    expect(open.length).to.be.greaterThan(0);
    await s.staff.staff.issueOpinion(c.id, {
      outcome: 'confirmed', summary: 'Surgery first is still the right plan.', diagnosis: 'Invasive ductal carcinoma, stage II',
      recommendations: ['See a radiation oncologist after surgery'], answers: open.map((q) => ({ questionId: q.id, text: 'Yes: after surgery, see a radiation oncologist.' })),
    });
    await until(() => text(el).includes('Yes: after surgery, see a radiation oncologist.'), 'the answer seen live');
  });
});

describe('<so-opinion-summary> in French', () => {
  it('leaves no English string', async () => {
    const s = await session();
    const { case: c } = await toOpinion(s, await s.patient.cases.create(request(), { submit: true }));
    const el = await summary(s, c, 'fr-CA');
    const shown = text(el);
    expect(shown).to.contain('Bonne nouvelle : votre diagnostic est confirmé');
    const english = catalogueStrings(opinionEn).filter((w) => shown.includes(w));
    expect(english).to.deep.equal([]);
    await expectAccessible(el);
  });
});
