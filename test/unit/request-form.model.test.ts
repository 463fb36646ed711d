// The request form's controller in Node: steps, per-step and per-field checks through the core
// schema, server issues placed on fields, hidden pre-filled fields, the checklist and the built request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestSchema, parseWith } from '../../src/index.js';
import {
  addQuestion, buildRequest, emptyValues, isHidden, moveQuestion, parseHiddenFields, recordsChecklist,
  removeQuestion, setValue, stepOfField, STEP_FIELDS, STEPS, valuesFrom, type FormValues,
} from '../../src/components/request-form/request-form.model.js';
import { fieldForPath, placeIssues, validateAll, validateField, validateStep } from '../../src/components/request-form/request-form.validation.js';
import { validRequest } from '../fixtures/requests.js';

/** The fixture request as the form holds it, consent ticked. */
function filled(): FormValues {
  const v = valuesFrom(validRequest());
  return v;
}

describe('steps and fields', () => {
  it('has six steps, and every field belongs to exactly one', () => {
    assert.deepEqual([...STEPS], ['who', 'diagnosis', 'questions', 'coverage', 'records', 'review']);
    const all = STEPS.flatMap((s) => STEP_FIELDS[s]);
    assert.equal(new Set(all).size, all.length);
  });

  it('asks the health-card number with coverage, though it lives on the patient', () => {
    assert.equal(stepOfField('patient.healthCardNumber'), 'coverage');
    assert.equal(stepOfField('patient.birthDate'), 'who');
    assert.equal(stepOfField('questions.3'), 'questions');
    assert.equal(stepOfField('nonsense'), undefined);
  });
});

describe('validation per step', () => {
  it('an empty form blocks step 1 on its own fields only', () => {
    const issues = validateStep(emptyValues(), 'who');
    const fields = issues.map((i) => i.field);
    assert.ok(fields.includes('patient.givenName'));
    assert.ok(fields.includes('requester.relationship'));
    assert.ok(fields.every((f) => stepOfField(f) === 'who'), fields.join());
  });

  it('with "who is filling in" unanswered, asks for the patient’s contact (shown) and not the requester’s (not shown)', () => {
    const codes = validateStep(emptyValues(), 'who').map((i) => `${i.field}:${i.code}`);
    assert.ok(codes.includes('requester.relationship:required'), codes.join());
    assert.ok(codes.includes('patient.email:contact_required'), codes.join());
    assert.deepEqual(codes.filter((c) => c.startsWith('requester.') && !c.startsWith('requester.relationship')), []);
  });

  it('a complete request passes every step', () => {
    const v = filled();
    for (const step of STEPS) assert.deepEqual(validateStep(v, step, '2026-11'), [], step);
    const built = buildRequest(v, '2026-11').request;
    assert.equal(parseWith(RequestSchema, built).ok, true);
  });

  it('runs cross-field rules on step 1 before coverage and consent exist (contact needed)', () => {
    let v = filled();
    v = setValue(v, 'patient.email', '');
    v = setValue(v, 'patient.phone', '  ');
    v = { ...v, coverage: {}, careTeam: {}, consent: {} };
    const issues = validateStep(v, 'who');
    assert.deepEqual(issues.map((i) => [i.field, i.code]), [['patient.email', 'contact_required']]);
  });

  it('asks for the requester’s name and contact when someone else fills in', () => {
    const v = setValue(filled(), 'requester.relationship', 'advocate');
    const codes = validateStep(v, 'who').map((i) => `${i.field}:${i.code}`);
    assert.deepEqual(codes, ['requester.givenName:required', 'requester.familyName:required', 'requester.email:contact_required']);
  });

  it('checks the health card against the coverage plan’s province', () => {
    let v = setValue(filled(), 'patient.healthCardNumber', '1234');
    assert.deepEqual(validateStep(v, 'coverage').map((i) => `${i.field}:${i.code}`), ['patient.healthCardNumber:invalid_health_card']);
    v = setValue(v, 'patient.healthCardNumber', '');
    assert.deepEqual(validateStep(v, 'coverage').map((i) => i.code), ['health_card_required']);
    // Not sent, and not checked, without public coverage.
    v = setValue(setValue(v, 'coverage.kind', 'self_pay'), 'patient.healthCardNumber', 'junk');
    assert.deepEqual(validateStep(v, 'coverage'), []);
    assert.equal((buildRequest(v).request.patient as Record<string, unknown>).healthCardNumber, undefined);
  });

  it('puts a missing coverage choice on the coverage kind field', () => {
    const v = { ...filled(), coverage: {} };
    assert.deepEqual(validateStep(v, 'coverage').map((i) => i.field), ['coverage.kind']);
  });

  it('needs the consent box on review, and reports the message in both languages through codes', () => {
    const v = { ...filled(), consent: {} };
    const issues = validateStep(v, 'review', '2026-11');
    assert.deepEqual(issues.map((i) => i.field), ['consent.scopes']);
    // Unticked, the box asks to be ticked (not the missing time's "Enter a real date").
    assert.deepEqual(issues.map((i) => i.code), ['required']);
    assert.deepEqual(validateStep(v, 'who'), []);
  });

  it('a reason of "other" needs details', () => {
    const v = { ...filled(), reasons: ['other'] };
    assert.deepEqual(validateStep(v, 'diagnosis').map((i) => `${i.field}:${i.code}`), ['reasonDetails:required']);
  });

  it('checks one field', () => {
    const v = setValue(filled(), 'patient.birthDate', '2999-01-01');
    assert.equal(validateField(v, 'patient.birthDate')?.code, 'date_in_future');
    assert.equal(validateField(v, 'patient.givenName'), undefined);
  });

  it('judges hostile text by the schema rules (markup in a name, 10,000 characters)', () => {
    let v = setValue(filled(), 'patient.givenName', '<img src=x onerror=alert(1)>');
    v = setValue(v, 'diagnosis.description', 'x'.repeat(10_000));
    v = setValue(v, 'treatingPhysician.name', 'د. أحمد 👩‍⚕️');
    const codes = validateAll(v, '2026-11').map((i) => `${i.field}:${i.code}`);
    assert.deepEqual(codes, ['patient.givenName:invalid_name', 'diagnosis.description:too_long']);
  });
});

describe('questions', () => {
  it('blank boxes are not sent, and issues land on the box they came from', () => {
    let v = { ...filled(), questions: ['', 'First real question', '  ', 'y'.repeat(1001)] };
    const built = buildRequest(v);
    assert.deepEqual(built.request.questions, ['First real question', 'y'.repeat(1001)]);
    assert.deepEqual(built.questionSlots, [1, 3]);
    assert.deepEqual(validateStep(v, 'questions').map((i) => `${i.field}:${i.code}`), ['questions.3:too_long']);
    v = { ...v, questions: ['', ' '] };
    assert.deepEqual(validateStep(v, 'questions').map((i) => `${i.field}:${i.code}`), ['questions.0:too_few']);
  });

  it('adds, removes and reorders', () => {
    let v = { ...emptyValues(), questions: ['a', 'b', 'c'] };
    const moved = moveQuestion(v, 2, -1);
    assert.deepEqual(moved.values.questions, ['a', 'c', 'b']);
    assert.equal(moved.slot, 1);
    assert.equal(moveQuestion(v, 0, -1).values, v);
    v = removeQuestion(v, 1);
    assert.deepEqual(v.questions, ['a', 'c']);
    assert.deepEqual(removeQuestion({ ...v, questions: ['only'] }, 0).questions, ['']);
    let many = v;
    for (let i = 0; i < 30; i++) many = addQuestion(many);
    assert.equal(many.questions.length, 20);
  });
});

describe('server issues', () => {
  it('maps 422 paths to fields and steps', () => {
    assert.equal(fieldForPath('request.patient.birthDate'), 'patient.birthDate');
    assert.equal(fieldForPath('request.coverage'), 'coverage.kind');
    assert.equal(fieldForPath('request.reasons.1'), 'reasons');
    assert.equal(fieldForPath('request.consent.acceptedAt'), 'consent.scopes');
    assert.equal(fieldForPath('request.questions.1', [0, 2]), 'questions.2');
    const placed = placeIssues([
      { path: 'request.careTeam.email', code: 'invalid_email', message: 'x' },
      { path: 'request.patient.birthDate', code: 'invalid_date', message: 'x' },
      { path: 'request.patient.birthDate', code: 'date_in_future', message: 'x' },
    ]);
    assert.deepEqual(placed.map((i) => i.field), ['patient.birthDate', 'careTeam.email']);
  });
});

describe('pre-fill and hidden fields', () => {
  it('takes a host’s partial request, ignoring junk', () => {
    const v = valuesFrom({ patient: { givenName: 'Ana', birthDate: 42 }, questions: 'not a list', careTeam: { share: 'yes' } });
    assert.equal(v.patient.givenName, 'Ana');
    assert.equal(v.patient.birthDate, undefined);
    assert.deepEqual(v.questions, ['']);
    assert.equal(v.careTeam.share, undefined);
    assert.deepEqual(valuesFrom(null), emptyValues());
  });

  it('hides by name or group', () => {
    const hidden = parseHiddenFields(' patient.givenName,coverage  patient.birthDate');
    assert.deepEqual(hidden, ['patient.givenName', 'coverage', 'patient.birthDate']);
    assert.equal(isHidden('coverage.memberNumber', hidden), true);
    assert.equal(isHidden('patient.familyName', hidden), false);
  });

  it('a hidden field with a bad value is still reported on its step', () => {
    const v = setValue(filled(), 'patient.birthDate', '31/02/1970');
    assert.deepEqual(validateStep(v, 'who').map((i) => `${i.field}:${i.code}`), ['patient.birthDate:invalid_date']);
  });
});

describe('records checklist', () => {
  it('lists what this request calls for, with why', () => {
    const v = filled();
    assert.deepEqual(recordsChecklist(v).map((i) => `${i.kind}:${i.reason}`), [
      'diagnostic_report:always', 'lab_result:always', 'imaging:imaging_specialty', 'pathology:tissue', 'treatment_plan:treatment', 'referral_letter:referral',
    ]);
    const bare = { ...emptyValues(), reasons: ['recovery_concern'], referral: { path: 'self' } };
    assert.deepEqual(recordsChecklist(bare).map((i) => i.kind), ['diagnostic_report', 'lab_result', 'treatment_summary']);
  });
});

describe('the final request', () => {
  it('carries consent version, time and scopes, and the care team only when sharing', () => {
    let v = setValue(filled(), 'consent', { acceptedAt: '2026-11-21T10:00:00.000Z' });
    let r = buildRequest(v, '2026-11').request;
    assert.deepEqual(r.consent, { version: '2026-11', acceptedAt: '2026-11-21T10:00:00.000Z', scopes: ['collect_and_review', 'share_with_specialist', 'share_with_care_team', 'contact'] });
    v = setValue(v, 'careTeam.share', false);
    r = buildRequest(v, '2026-11').request;
    assert.deepEqual(r.careTeam, { share: false });
    assert.deepEqual(r.consent.scopes, ['collect_and_review', 'share_with_specialist', 'contact']);
    assert.equal(parseWith(RequestSchema, r).ok, true);
  });

  it('drops the requester’s own details when the patient fills in', () => {
    const v = setValue(setValue(filled(), 'requester.givenName', 'Left over'), 'requester.relationship', 'self');
    assert.deepEqual(buildRequest(v).request.requester, { relationship: 'self' });
  });
});
