// The request form's words in Node: French fetched on demand, a message per field and problem in
// both languages (the core's generic one as fallback), and option lists built once per catalogue.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JURISDICTIONS } from '../../src/core/model/jurisdictions.js';
import { ISSUE_MESSAGES } from '../../src/core/i18n/issues.js';
import { FORM_MESSAGES_EN, type FormMessages } from '../../src/components/request-form/request-form.messages.js';
import {
  FORM_WORDS, issueWords, jurisdictionGroups, jurisdictionName, LANGUAGES, languageOptions, provinceOptions,
} from '../../src/components/request-form/request-form.i18n.js';
import { emptyValues, setValue, STEP_FIELDS, STEPS, valuesFrom, type FormIssue } from '../../src/components/request-form/request-form.model.js';
import { validateAll } from '../../src/components/request-form/request-form.validation.js';
import { validRequest } from '../fixtures/requests.js';

// Taken before this file asks for any language.
const beforeAsked = [FORM_WORDS.now('en'), FORM_WORDS.now('fr-CA')];
await FORM_WORDS.ready('fr-CA');
const fr = FORM_WORDS.now('fr-CA')!;
const issue = (field: string, code: FormIssue['code'], params?: FormIssue['params']): FormIssue => ({ field, path: field, code, message: '', ...(params ? { params } : {}) });

describe('each language arrives on demand, through the one ElementWords loader', () => {
  it('is not bundled, English included, is fetched once, and then is at hand', async () => {
    assert.deepEqual(beforeAsked, [undefined, undefined]);
    assert.equal(FORM_WORDS.now('en'), undefined, 'French arrived without English');
    const pending = FORM_WORDS.ready('en');
    assert.ok(pending, 'English has to be fetched');
    await pending;
    assert.equal(FORM_WORDS.now('en'), FORM_MESSAGES_EN);
    assert.equal(FORM_WORDS.ready('en'), undefined, 'nothing left to wait for');
    assert.equal(FORM_WORDS.ready('fr-CA'), undefined);
    assert.equal(fr.next, 'Continuer');
    assert.equal(fr.issues, ISSUE_MESSAGES['fr-CA']);
  });
});

describe('a message per field and problem', () => {
  const both: [string, FormMessages][] = [['en', FORM_MESSAGES_EN], ['fr-CA', fr]];

  it('says what is wrong with which field, in both languages', () => {
    assert.deepEqual(issueWords(FORM_MESSAGES_EN, issue('patient.birthDate', 'date_in_future')), { text: 'Enter a date of birth in the past', specific: true });
    assert.deepEqual(issueWords(fr, issue('patient.birthDate', 'date_in_future')), { text: 'Entrez une date de naissance passée', specific: true });
    assert.equal(issueWords(FORM_MESSAGES_EN, issue('patient.givenName', 'required')).text, 'Enter the patient’s first name');
    assert.equal(issueWords(fr, issue('coverage.plan', 'required')).text, 'Choisissez la province ou le territoire');
    assert.equal(issueWords(FORM_MESSAGES_EN, issue('questions.0', 'too_few')).text, 'Add at least one question for the specialist');
  });

  it('shows the chosen province’s example health card number', () => {
    assert.equal(issueWords(FORM_MESSAGES_EN, issue('patient.healthCardNumber', 'invalid_health_card'), 'CA-ON').text, 'Enter the health card number as it is on the card, like 1234-567-897-AB');
    assert.equal(issueWords(fr, issue('patient.healthCardNumber', 'invalid_health_card'), 'CA-QC').text, 'Entrez le numéro d’assurance maladie tel qu’il figure sur la carte, par exemple ABCD 1234 5678');
    assert.equal(issueWords(FORM_MESSAGES_EN, issue('patient.healthCardNumber', 'invalid_health_card')).text, 'Enter the health card number as it is on the card');
  });

  it('falls back to the core’s generic message, with the rule’s numbers', () => {
    assert.deepEqual(issueWords(FORM_MESSAGES_EN, issue('diagnosis.description', 'too_long', { maximum: 2000 })), { text: 'Shorten this to 2000 characters or fewer.', specific: false });
    assert.deepEqual(issueWords(fr, issue('diagnosis.description', 'too_long', { maximum: 2000 })), { text: 'Raccourcissez ce texte à 2000 caractères ou moins.', specific: false });
  });

  it('has its own words for every problem an empty or badly typed form shows', () => {
    const empty = validateAll(setValue(setValue(emptyValues(), 'careTeam.share', true), 'reasons', ['other']));
    const typo = validateAll(valuesFrom(validRequest({
      patient: { ...validRequest().patient, birthDate: '2999-01-01', givenName: '<b>', email: 'nope' },
      diagnosis: { description: 'x', diagnosedOn: '2026-02-30' },
    })));
    assert.ok(empty.length > 12, `${empty.length} problems`);
    for (const [lang, m] of both) {
      for (const problem of [...empty, ...typo]) {
        assert.equal(issueWords(m, problem).specific, true, `${lang}: ${problem.field} ${problem.code}`);
      }
    }
  });

  it('words the same fields and problems in both languages, all of them fields the form asks', () => {
    const asked = new Set<string>(STEPS.flatMap((s) => STEP_FIELDS[s]));
    const keys = (m: FormMessages) => Object.entries(m.fieldIssues).flatMap(([f, codes]) => Object.keys(codes).map((c) => `${f} ${c}`)).sort();
    assert.deepEqual(keys(fr), keys(FORM_MESSAGES_EN));
    for (const field of Object.keys(FORM_MESSAGES_EN.fieldIssues)) assert.ok(asked.has(field), field);
  });
});

describe('option lists', () => {

  it('name every jurisdiction once, already in each language’s alphabetical order', () => {
    for (const [locale, m] of [['en', FORM_MESSAGES_EN], ['fr-CA', fr]] as const) {
      const codes = m.jurisdictionNames.map(([c]) => c);
      assert.deepEqual([...codes].sort(), [...JURISDICTIONS].sort(), locale);
      const collator = new Intl.Collator(locale);
      const names = m.jurisdictionNames.map(([, n]) => n);
      assert.deepEqual(names, [...names].sort(collator.compare), locale);
    }
    assert.equal(jurisdictionName(fr, 'CA-PE'), 'Île-du-Prince-Édouard');
    assert.equal(jurisdictionName(FORM_MESSAGES_EN, 'XX-YY'), 'XX-YY');
  });

  it('group the offered jurisdictions by country, built once per catalogue and list', () => {
    const offered = ['US-NY', 'CA-QC', 'CA-BC', 'US-CA'];
    const groups = jurisdictionGroups(fr, offered);
    assert.deepEqual(groups, [['Canada', [['CA-BC', 'Colombie-Britannique'], ['CA-QC', 'Québec']]], ['États-Unis', [['US-CA', 'Californie'], ['US-NY', 'New York']]]]);
    assert.equal(jurisdictionGroups(fr, offered), groups);
    assert.deepEqual(jurisdictionGroups(FORM_MESSAGES_EN, ['CA-ON']), [['Canada', [['CA-ON', 'Ontario']]]]);
    assert.equal(provinceOptions(FORM_MESSAGES_EN).length, 13);
    assert.equal(provinceOptions(FORM_MESSAGES_EN), provinceOptions(FORM_MESSAGES_EN));
  });

  it('name the offered languages from the catalogue, and a pre-filled other one through Intl', () => {
    const en = languageOptions(FORM_MESSAGES_EN, 'en', undefined);
    assert.deepEqual(en.map(([c]) => c), LANGUAGES);
    assert.equal(languageOptions(FORM_MESSAGES_EN, 'en', 'pa'), en);
    assert.deepEqual(en.find(([c]) => c === 'pa'), ['pa', 'Punjabi']);
    assert.deepEqual(languageOptions(fr, 'fr-CA', 'ja').at(-1), ['ja', 'Japonais']);
    assert.deepEqual(languageOptions(FORM_MESSAGES_EN, 'en', 'ja').at(-1), ['ja', 'Japanese']);
    for (const m of [FORM_MESSAGES_EN, fr]) for (const code of LANGUAGES) assert.ok(m.languageNames[code], code);
  });
});
