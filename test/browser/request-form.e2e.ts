/// <reference types="mocha" />
// <so-request-form> in real browsers against the real reference server: the whole form by keyboard,
// axe on every step, one case despite double clicks and a dropped answer, server problems on their
// fields, French throughout, hostile input kept inert, and the encrypted draft.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/elements/request-form.js';
import { createClient, RestBackend, type RequestInput, type SecondOpinionClient } from '../../src/core/index.js';
import type { SoRequestForm } from '../../src/components/request-form/request-form.js';
import { FORM_MESSAGES } from '../../src/components/request-form/request-form.messages.js';
import { FORM_WORDS } from '../../src/components/request-form/request-form.i18n.js';
import { STEPS } from '../../src/components/request-form/request-form.model.js';
import type { SoCaseCreatedEvent, SoStepChangeEvent } from '../../src/components/request-form/request-form.events.js';
import { deepActiveElement } from '../../src/components/shared/focus.js';
import { expectAccessible } from './support/axe.js';
import { settled } from './support/dom.js';
import { validRequest } from '../fixtures/requests.js';

interface Session { endpoint: string; direct: string; token: string }

async function session(mode?: 'drop-first-create' | 'future-birth-date'): Promise<{ client: SecondOpinionClient; own: SecondOpinionClient }> {
  const s = await executeServerCommand<Session, { mode?: string }>('so-form-session', mode ? { mode } : {});
  const make = (endpoint: string) => createClient({ backend: new RestBackend({ endpoint, retry: { baseDelayMs: 5, maxDelayMs: 50 } }), getAccessToken: () => s.token });
  return { client: make(s.endpoint), own: make(s.direct) };
}

/** The fixture request without consent: what a person would have typed by the review step. */
function typed(overrides: Partial<RequestInput> = {}): Partial<RequestInput> {
  const { consent: _consent, ...rest } = validRequest(overrides);
  return rest;
}

async function formWith(client: SecondOpinionClient, initial?: unknown, attrs: { lang?: string; hidden?: string } = {}): Promise<SoRequestForm> {
  const el = await fixture<SoRequestForm>(html`<so-request-form lang=${attrs.lang ?? 'en'} hidden-fields=${attrs.hidden ?? ''} .client=${client} .initial=${initial}></so-request-form>`);
  await client.config();
  await settled(el);
  return el;
}

const root = (el: SoRequestForm) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: SoRequestForm, sel: string) => root(el).querySelector<T>(sel)!;
const text = (el: SoRequestForm) => (root(el).textContent ?? '').replace(/\s+/g, ' ');
const activeName = () => {
  const a = deepActiveElement() as HTMLInputElement | null;
  return a?.getAttribute('name') ?? a?.id ?? a?.textContent?.trim() ?? '';
};

/** Presses Tab until the focused control matches (bounded), the way a keyboard user would. */
async function tabTo(match: (a: HTMLElement) => boolean): Promise<void> {
  for (let i = 0; i < 80; i++) {
    const a = deepActiveElement() as HTMLElement | null;
    if (a && match(a)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached the control (last: ${activeName()})`);
}
const byName = (name: string) => (a: HTMLElement) => a.getAttribute('name') === name;
// WebKitGTK's driver drops a key typed right after the same key, so there each key goes alone.
const oneKeyAtATime = !/Chrome\/|Firefox\//.test(navigator.userAgent);
async function typeText(value: string): Promise<void> {
  if (!oneKeyAtATime) return sendKeys({ type: value });
  for (const ch of value) await sendKeys({ type: ch });
}
async function typeInto(name: string, value: string): Promise<void> {
  await tabTo(byName(name));
  await typeText(value);
}
/** Picks the n-th radio of a group: Space checks the first, arrows move the choice. */
async function pickRadio(name: string, index: number): Promise<void> {
  await tabTo(byName(name));
  await sendKeys({ press: ' ' });
  for (let i = 0; i < index; i++) await sendKeys({ press: 'ArrowDown' });
}
/** Chooses in a closed list by typing the start of an option's label. */
async function pickOption(name: string, label: string): Promise<void> {
  await tabTo(byName(name));
  await typeText(label);
}
async function pressButton(part: string): Promise<void> {
  await tabTo((a) => (a.getAttribute('part') ?? '').split(' ').includes(part));
  await sendKeys({ press: 'Enter' });
}

describe('<so-request-form> by keyboard alone', () => {
  it('completes all six steps, focusing each heading, and shows the reference and what comes next', async () => {
    const { client, own } = await session();
    const el = await formWith(client);
    const changes: string[] = [];
    el.addEventListener('so-step-change', (e: SoStepChangeEvent) => changes.push(`${e.from}>${e.to}`));
    q(el, 'input[name="requester.relationship"]').focus();
    const heading = () => (deepActiveElement()?.getAttribute('part') === 'heading' ? deepActiveElement()!.textContent!.replace(/\s+/g, ' ').trim() : '');

    await pickRadio('requester.relationship', 0);
    await typeInto('patient.givenName', 'Amélie');
    await typeInto('patient.familyName', 'Nguyen');
    await typeInto('patient.birthDate', '1975-06-02');
    await pickOption('patient.jurisdiction', 'Ontario');
    await typeInto('patient.email', 'amelie@example.ca');
    await pickOption('patient.preferredLanguage', 'English');
    await pressButton('next');
    await settled(el);
    expect(heading()).to.equal('Step 2 of 6Diagnosis and treatment');

    await typeInto('diagnosis.description', 'Thyroid nodule');
    await typeInto('treatingPhysician.name', 'Dr. Singh');
    await pickOption('specialty', 'Hormones');
    await tabTo(byName('reasons'));
    await sendKeys({ press: ' ' });
    await pickRadio('urgency', 0);
    await pickRadio('consultationMode', 1);
    await pressButton('next');
    await settled(el);
    expect(heading()).to.equal('Step 3 of 6Your questions for the specialist');

    await typeInto('questions.0', 'Is surgery needed now?');
    await pressButton('next');
    await settled(el);
    expect(heading()).to.contain('Step 4 of 6');
    await pickRadio('referral.path', 0);
    await pickRadio('coverage.kind', 2);
    await pressButton('next');
    await settled(el);
    expect(heading()).to.contain('Step 5 of 6');
    expect(q(el, '[part="checklist"]').textContent).to.contain('Referral letter');
    await pressButton('next');
    await settled(el);
    expect(heading()).to.contain('Step 6 of 6');
    expect(text(el)).to.contain('Amélie').and.contain('Is surgery needed now?');
    await pickRadio('careTeam.share', 1);
    await tabTo(byName('consent'));
    await sendKeys({ press: ' ' });
    const created = oneEvent(el, 'so-case-created') as unknown as Promise<SoCaseCreatedEvent>;
    await pressButton('submit');
    const event = await created;
    await settled(el);
    expect(changes).to.deep.equal(['who>diagnosis', 'diagnosis>questions', 'questions>coverage', 'coverage>records', 'records>review']);
    expect(q(el, '[part="reference"]').textContent).to.equal(event.case.reference);
    expect(text(el)).to.contain('10 business days').and.contain('What to do next');
    const mine = await own.cases.list();
    expect(mine.items.map((c) => c.id)).to.deep.equal([event.case.id]);
    expect(event.case.request.patient?.givenName).to.equal('Amélie');
    expect(event.case.request.consent?.scopes).to.deep.equal(['collect_and_review', 'share_with_specialist', 'contact']);
  });
});

describe('<so-request-form> validation', () => {
  it('blocks Next with an error summary that takes focus and links to the field; re-checks a shown problem as it is fixed', async () => {
    const { client } = await session();
    const el = await formWith(client);
    q<HTMLButtonElement>(el, '[part~="next"]').click();
    await settled(el);
    const summary = q(el, '[part="error-summary"]');
    expect(deepActiveElement()).to.equal(summary);
    const links = [...summary.querySelectorAll('a')];
    expect(links.length).to.be.greaterThan(3);
    expect(q(el, '#f-patient-givenName').getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(el);
    links.find((a) => a.getAttribute('href') === '#f-patient-givenName')!.click();
    expect(deepActiveElement()).to.equal(q(el, '#f-patient-givenName'));
    // A problem already shown is checked again as the person types.
    const birth = q<HTMLInputElement>(el, '#f-patient-birthDate');
    birth.focus();
    await typeText('2999-01-01');
    await sendKeys({ press: 'Tab' });
    await settled(el);
    expect(q(el, '#f-patient-birthDate-error').textContent).to.equal('Enter a date of birth in the past');
    expect(birth.value).to.equal('2999-01-01');
  });

  describe('a real pointer on Continue, pressed and released at a human pace', () => {
    // Tall enough for all of step 1 without scrolling: a scrolled page's scroll anchoring would hide
    // a shift above the viewport, and a person sees both the field and the button here.
    // WebKitGTK's driver cannot resize: there the page scrolls the button into view (WebKit has no
    // scroll anchoring to hide the shift).
    before(() => (oneKeyAtATime ? undefined : setViewport({ width: 800, height: 1800 })));
    after(() => (oneKeyAtATime ? undefined : setViewport({ width: 800, height: 600 })));
    afterEach(() => resetMouse());
    const frame = () => new Promise((r) => requestAnimationFrame(r));

    // Presses near the top edge of the button (any shift under it shows), waits until the press has
    // reached the page and two frames have been drawn after it (what a blur re-render would have
    // moved has moved), then releases at the same place.
    async function pressAndRelease(button: HTMLElement): Promise<void> {
      if (oneKeyAtATime) button.scrollIntoView({ block: 'center' });
      const r = button.getBoundingClientRect();
      expect(r.bottom, 'Continue is on screen').to.be.at.most(window.innerHeight);
      const at: [number, number] = [Math.round(r.left + r.width / 2), Math.round(r.top + 3)];
      const seen = (type: string) => new Promise((resolve) => window.addEventListener(type, resolve, { once: true, capture: true }));
      const pressed = seen('pointerdown');
      await sendMouse({ type: 'move', position: at });
      await sendMouse({ type: 'down' });
      await pressed;
      await frame();
      await frame();
      const released = seen('pointerup');
      await sendMouse({ type: 'up' });
      await released;
      // The click (and the submit it causes) follows the release in the same task.
      await frame();
    }

    for (const [what, field, prepare] of [
      ['after typing a future date of birth last', 'patient.birthDate', () => typeText('2099-05-17')],
      ['after emptying a required field', 'patient.givenName', async () => {
        await typeText('A');
        await sendKeys({ press: 'Backspace' });
      }],
    ] as const) {
      it(`takes the first click ${what}: the summary shows and takes focus`, async () => {
        const { client } = await session();
        const { patient } = validRequest();
        const el = await formWith(client, { patient: { ...patient, birthDate: '', givenName: '' } });
        q<HTMLInputElement>(el, `[name="${field}"]`).focus();
        await prepare();
        const next = q(el, '[part~="next"]');
        let submitted = false;
        q(el, 'form').addEventListener('submit', () => (submitted = true), { once: true });
        await pressAndRelease(next);
        expect(submitted, 'the click on Continue was lost').to.equal(true);
        await settled(el);
        const summary = q(el, '[part="error-summary"]');
        expect(deepActiveElement() === summary, 'the summary has focus').to.equal(true);
        expect(!!summary.querySelector(`a[href="#f-${field.replace('.', '-')}"]`), 'the summary links to the field').to.equal(true);
      });
    }
  });

  it('is axe-clean on every step', async () => {
    const { client } = await session();
    const el = await formWith(client, typed());
    for (const step of STEPS) {
      el.goTo(step);
      await settled(el);
      expect(q(el, '[part~="heading"]').textContent).to.contain(`${STEPS.indexOf(step) + 1} of 6`);
      await expectAccessible(el);
    }
  });

  it('shows a hidden, pre-filled field’s problem in the summary instead of losing it', async () => {
    const { client } = await session();
    const el = await formWith(client, typed({ patient: { ...validRequest().patient, birthDate: '31/02/1970' } }), { hidden: 'patient.givenName patient.familyName patient.birthDate' });
    expect(root(el).querySelector('#f-patient-birthDate')).to.equal(null);
    expect(el.next()).to.equal(false);
    await settled(el);
    expect(q(el, '[part="error-summary"]').textContent).to.contain('Date of birth: Enter a real date').and.contain('filled in for you');
  });
});

describe('<so-request-form> submits exactly one case', () => {
  it('despite a double click and a dropped answer', async () => {
    const { client, own } = await session('drop-first-create');
    const el = await formWith(client, typed());
    el.goTo('review');
    await settled(el);
    q<HTMLInputElement>(el, 'input[name="consent"]').click();
    let fired = 0;
    el.addEventListener('so-case-created', () => fired++);
    const created = oneEvent(el, 'so-case-created');
    const send = q<HTMLButtonElement>(el, '[part~="submit"]');
    send.click();
    send.click();
    await created;
    await settled(el);
    const mine = await own.cases.list();
    expect(mine.items.length).to.equal(1);
    expect(fired).to.equal(1);
    expect(q(el, '[part="reference"]').textContent).to.equal(mine.items[0]!.reference);
  });

  it('lets the host take over by cancelling so-case-created', async () => {
    const { client } = await session();
    const el = await formWith(client, typed());
    el.goTo('review');
    await settled(el);
    q<HTMLInputElement>(el, 'input[name="consent"]').click();
    el.addEventListener('so-case-created', (e) => e.preventDefault());
    const made = await el.submit();
    await settled(el);
    expect(made?.status).to.equal('submitted');
    expect(root(el).querySelector('[part="confirmation"]')).to.equal(null);
  });

  it('places the server’s field problems on their fields and step, keeping every answer', async () => {
    const { client, own } = await session('future-birth-date');
    const el = await formWith(client, typed());
    el.goTo('review');
    await settled(el);
    q<HTMLInputElement>(el, 'input[name="consent"]').click();
    expect(await el.submit()).to.equal(undefined);
    await settled(el);
    expect(el.step).to.equal('who');
    expect(q(el, '#f-patient-birthDate-error').textContent).to.equal('Enter a date of birth in the past');
    expect(q<HTMLInputElement>(el, '#f-patient-birthDate').value).to.equal('1968-04-12');
    expect(deepActiveElement()).to.equal(q(el, '[part="error-summary"]'));
    expect(el.request.questions).to.deep.equal(validRequest().questions);
    expect((await own.cases.list()).items.length).to.equal(0);
  });
});

describe('<so-request-form> in French', () => {
  it('leaves no English string on any step or in the error state', async () => {
    const { client } = await session();
    const el = await formWith(client, typed(), { lang: 'fr-CA' });
    // Every English string of the catalogue (field messages and generic ones included) that French does not share ("Ontario").
    const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);
    await FORM_WORDS.ready('fr-CA');
    const french = new Set(strings(FORM_WORDS.now('fr-CA')));
    const english = strings(FORM_MESSAGES.en).filter((s) => s.length > 3 && !french.has(s) && !/^(Questions?|Canada|Consent)$/.test(s));
    expect(english.length).to.be.greaterThan(200);
    const check = () => {
      const t = text(el);
      for (const s of english) {
        // Whole words only: "Continue" is English, "Continuer" is French.
        const word = new RegExp(`(?<!\\p{L})${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u');
        expect(word.test(t), `English left: ${s}`).to.equal(false);
      }
      expect(t).not.to.match(/\bStep \d|This information is needed|Choose one\b/);
    };
    for (const step of STEPS) {
      el.goTo(step);
      await settled(el);
      check();
    }
    el.goTo('who');
    await settled(el);
    q<HTMLInputElement>(el, '#f-patient-givenName').value = '';
    q<HTMLInputElement>(el, '#f-patient-givenName').dispatchEvent(new Event('input', { bubbles: true }));
    el.next();
    await settled(el);
    expect(text(el)).to.contain('Il y a un problème').and.contain('Entrez le prénom de la personne');
    check();
  });
});

describe('<so-request-form> review', () => {
  for (const [lang, name] of [['en', /^Change: \S/], ['fr-CA', /^Modifier : \S/]] as const) {
    it(`names each change link in its own language and punctuation (${lang})`, async () => {
      const { client } = await session();
      const el = await formWith(client, typed(), { lang });
      el.goTo('review');
      await settled(el);
      const links = [...root(el).querySelectorAll('[part="review"] button.link')];
      expect(links.length).to.equal(4);
      for (const link of links) expect(link.getAttribute('aria-label')).to.match(name);
    });
  }
});

describe('<so-request-form> field messages', () => {
  /** Each shown problem's message beside its field, and the summary's link text for it. */
  const shown = (el: SoRequestForm, field: string) => {
    const id = `f-${field.replace(/\./g, '-')}`;
    return {
      inline: root(el).querySelector(`#${id}-error`)?.textContent ?? '',
      summary: root(el).querySelector(`[part="error-summary"] a[href="#${id}"]`)?.textContent ?? '',
    };
  };
  const same = (text: string) => ({ inline: text, summary: text });

  for (const [lang, words] of [
    ['en', {
      given: 'Enter the patient’s first name', where: 'Choose the province, territory or state where the patient lives',
      birth: 'Enter a date of birth in the past', questions: 'Add at least one question for the specialist',
      card: 'Enter the health card number as it is on the card, like ABCD 1234 5678', plan: 'Choose the province or territory',
    }],
    ['fr-CA', {
      given: 'Entrez le prénom de la personne', where: 'Choisissez la province, le territoire ou l’État où vit la personne',
      birth: 'Entrez une date de naissance passée', questions: 'Ajoutez au moins une question pour le ou la spécialiste',
      card: 'Entrez le numéro d’assurance maladie tel qu’il figure sur la carte, par exemple ABCD 1234 5678', plan: 'Choisissez la province ou le territoire',
    }],
  ] as const) {
    it(`says what is wrong and how to fix it, beside the field and in the summary alike (${lang})`, async () => {
      const { client } = await session();
      const el = await formWith(client, { patient: { birthDate: '2999-01-01' } }, { lang });
      el.next();
      await settled(el);
      expect(shown(el, 'patient.givenName')).to.deep.equal(same(words.given));
      expect(shown(el, 'patient.jurisdiction')).to.deep.equal(same(words.where));
      expect(shown(el, 'patient.birthDate')).to.deep.equal(same(words.birth));
      await expectAccessible(el);

      el.goTo('questions');
      await settled(el);
      el.next();
      await settled(el);
      expect(shown(el, 'questions.0')).to.deep.equal(same(words.questions));

      el.goTo('coverage');
      await settled(el);
      q<HTMLInputElement>(el, 'input[name="coverage.kind"][value="public"]').click();
      await settled(el);
      el.next();
      await settled(el);
      expect(shown(el, 'coverage.plan')).to.deep.equal(same(words.plan));
      const plan = q<HTMLSelectElement>(el, 'select[name="coverage.plan"]');
      plan.value = 'CA-QC';
      plan.dispatchEvent(new Event('change', { bubbles: true }));
      await settled(el);
      const card = q<HTMLInputElement>(el, '#f-patient-healthCardNumber');
      card.value = '12';
      card.dispatchEvent(new Event('input', { bubbles: true }));
      el.next();
      await settled(el);
      expect(shown(el, 'patient.healthCardNumber')).to.deep.equal(same(words.card));
    });
  }

  for (const [lang, words] of [
    ['en', { email: 'Enter your email address or phone number', consent: 'Tick the box to agree, so we can send your request' }],
    ['fr-CA', { email: 'Entrez votre adresse courriel ou votre numéro de téléphone', consent: 'Cochez la case pour donner votre accord, afin que nous puissions envoyer votre demande' }],
  ] as const) {
    it(`lists only problems of fields on the page, each link focusing its field, "who is filling in" unanswered (${lang})`, async () => {
      const { client } = await session();
      const el = await formWith(client, undefined, { lang });
      el.next();
      await settled(el);
      const links = [...q(el, '[part="error-summary"]').querySelectorAll('a')];
      expect(links.length).to.be.greaterThan(3);
      for (const link of links) {
        const id = link.getAttribute('href')!.slice(1);
        const target = root(el).getElementById(id);
        expect(!!target, `${id} is on the page`).to.equal(true);
        link.click();
        expect(deepActiveElement() === target, `${id} takes focus`).to.equal(true);
      }
      expect(links.some((a) => a.getAttribute('href')!.startsWith('#f-requester-') && a.getAttribute('href') !== '#f-requester-relationship')).to.equal(false);
      // The patient's own email box, shown as required, says so beside it and in the summary.
      expect(shown(el, 'patient.email')).to.deep.equal(same(words.email));
    });

    it(`asks to tick the consent box, not for a date (${lang})`, async () => {
      const { client } = await session();
      const el = await formWith(client, typed(), { lang });
      el.goTo('review');
      await settled(el);
      expect(await el.submit()).to.equal(undefined);
      await settled(el);
      expect(shown(el, 'consent.scopes')).to.deep.equal(same(words.consent));
    });
  }

  it('keeps the core’s generic message where a field has none of its own, naming the field in the summary', async () => {
    const { client } = await session();
    const el = await formWith(client, typed({ diagnosis: { description: 'x'.repeat(2001) } }));
    el.goTo('diagnosis');
    await settled(el);
    el.next();
    await settled(el);
    expect(shown(el, 'diagnosis.description')).to.deep.equal({
      inline: 'Shorten this to 2000 characters or fewer.',
      summary: 'What is the current diagnosis?: Shorten this to 2000 characters or fewer.',
    });
  });
});

describe('<so-request-form> languages', () => {
  it('switches language live, keeping the answers, and applies .i18n overrides in either language', async () => {
    const { client } = await session();
    const el = await formWith(client, typed());
    expect(q(el, '[part~="heading"]').textContent).to.contain('Step 1 of 6');
    el.setAttribute('lang', 'fr-CA');
    await settled(el);
    expect(q(el, '[part~="heading"]').textContent).to.contain('Étape 1 sur 6');
    expect(q<HTMLSelectElement>(el, 'select[name="patient.jurisdiction"]').selectedOptions[0]!.textContent).to.equal('Québec');
    expect(q<HTMLInputElement>(el, '#f-patient-givenName').value).to.equal(validRequest().patient.givenName);
    el.i18n = { next: 'Poursuivre', fieldIssues: { 'patient.givenName': { required: 'Il nous faut le prénom' } } };
    q<HTMLInputElement>(el, '#f-patient-givenName').value = '';
    q<HTMLInputElement>(el, '#f-patient-givenName').dispatchEvent(new Event('input', { bubbles: true }));
    el.next();
    await settled(el);
    expect(q(el, '[part~="next"]').textContent).to.equal('Poursuivre');
    expect(q(el, '#f-patient-givenName-error').textContent).to.equal('Il nous faut le prénom');
    el.setAttribute('lang', 'en');
    await settled(el);
    expect(q(el, '[part~="heading"]').textContent).to.contain('Step 1 of 6');
    expect(q(el, '[part~="next"]').textContent).to.equal('Poursuivre');
    expect(q(el, '#f-patient-birthDate').getAttribute('aria-invalid')).to.equal(null);
    expect(q(el, '#f-patient-givenName-error').textContent).to.equal('Il nous faut le prénom');
  });
});

describe('<so-request-form> hostile input', () => {
  it('keeps markup inert, and judges 10,000 characters, right-to-left text and emoji by the schema', async () => {
    const { client } = await session();
    const el = await formWith(client, typed());
    const set = (id: string, value: string) => {
      const input = q<HTMLInputElement | HTMLTextAreaElement>(el, `#${id}`);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    set('f-patient-givenName', '<img src=x onerror="window.__pwned=1">');
    expect(el.next()).to.equal(false);
    await settled(el);
    expect(root(el).querySelector('img')).to.equal(null);
    expect(q(el, '#f-patient-givenName-error').textContent).to.equal('Enter the patient’s first name using only letters, spaces, hyphens or apostrophes');
    set('f-patient-givenName', 'مريم');
    expect(el.next()).to.equal(true);
    await settled(el);
    set('f-diagnosis-description', 'x'.repeat(10_000));
    set('f-treatingPhysician-name', 'د. أحمد 👩‍⚕️ <b>bold</b>');
    expect(el.next()).to.equal(false);
    await settled(el);
    expect(q(el, '#f-diagnosis-description-error').textContent).to.equal('Shorten this to 2000 characters or fewer.');
    expect(root(el).querySelector('#f-treatingPhysician-name-error')).to.equal(null);
    set('f-diagnosis-description', 'نقص المناعة 🙂');
    expect(el.next()).to.equal(true);
    el.goTo('review');
    await settled(el);
    expect(text(el)).to.contain('د. أحمد 👩‍⚕️ <b>bold</b>');
    expect(root(el).querySelector('b')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('<so-request-form> drafts', () => {
  const kitDatabases = async () => ((await indexedDB.databases?.()) ?? []).filter((d) => d.name === 'second-opinion-kit');
  async function rawIdb(): Promise<unknown[]> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('second-opinion-kit');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      const names = [...db.objectStoreNames];
      const out: unknown[] = [];
      for (const name of names) {
        const all = await new Promise<unknown[]>((resolve) => {
          const r = db.transaction(name).objectStore(name).getAll();
          r.onsuccess = () => resolve(r.result);
        });
        out.push(...all);
      }
      return out;
    } finally {
      db.close();
    }
  }
  const deleteDb = () => new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase('second-opinion-kit');
    r.onsuccess = () => resolve();
    r.onerror = () => resolve();
  });

  beforeEach(async () => {
    localStorage.clear();
    sessionStorage.clear();
    await deleteDb();
  });

  it('writes nothing to browser storage without autosave', async () => {
    const { client } = await session();
    const el = await formWith(client, typed());
    el.goTo('review');
    await settled(el);
    expect(localStorage.length).to.equal(0);
    expect(sessionStorage.length).to.equal(0);
    expect(await kitDatabases()).to.have.length(0);
  });

  it('with autosave, survives a reload encrypted, and is cleared on submit', async () => {
    const { client } = await session();
    const first = await fixture<SoRequestForm>(html`<so-request-form autosave .client=${client}></so-request-form>`);
    await client.config();
    await first.draftReady;
    await settled(first);
    const given = q<HTMLInputElement>(first, '#f-patient-givenName');
    given.value = 'Zéphirine';
    given.dispatchEvent(new Event('input', { bubbles: true }));
    await first.draftSaved();
    const stored = await rawIdb();
    expect(stored.length).to.equal(2);
    const bytes = stored.flatMap((v) => {
      const d = (v as { data?: ArrayBuffer }).data;
      return d ? [new Uint8Array(d)] : [];
    });
    expect(bytes).to.have.length(1);
    const asText = new TextDecoder('utf-8', { fatal: false }).decode(bytes[0]);
    expect(asText).not.to.contain('Zéphirine');
    expect(asText).not.to.contain('givenName');
    expect(stored.some((v) => v instanceof CryptoKey && !v.extractable)).to.equal(true);
    expect(localStorage.length + sessionStorage.length).to.equal(0);
    first.remove();

    const second = await fixture<SoRequestForm>(html`<so-request-form autosave .client=${client}></so-request-form>`);
    await second.draftReady;
    await settled(second);
    expect(q<HTMLInputElement>(second, '#f-patient-givenName').value).to.equal('Zéphirine');
    await second.clearDraft();
    const left = await rawIdb();
    expect(left).to.have.length(0);
  });
});
