// The rules a real person hits, field by field: valid examples pass, invalid ones give the right code at the right path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BackendConfigSchema, CaseSchema, DEFAULT_CONFIG, RequestDraftSchema, RequestSchema, parseWith, type FieldIssue, type RequestInput,
} from '../../src/index.js';
import { validRequest } from '../fixtures/requests.js';

type Patch = (r: RequestInput & Record<string, unknown>) => void;

function issuesFor(patch: Patch): FieldIssue[] {
  const r = structuredClone(validRequest()) as RequestInput & Record<string, unknown>;
  patch(r);
  const res = parseWith(RequestSchema, r);
  return res.ok ? [] : res.issues;
}

function accepts(patch: Patch): RequestInput {
  const r = structuredClone(validRequest()) as RequestInput & Record<string, unknown>;
  patch(r);
  const res = parseWith(RequestSchema, r);
  assert.ok(res.ok, `expected valid, got ${JSON.stringify(!res.ok && res.issues)}`);
  return res.value as RequestInput;
}

function rejects(patch: Patch, path: string, code: string): void {
  const issues = issuesFor(patch);
  assert.ok(issues.some((i) => i.path === path && i.code === code), `expected ${code} at ${path}, got ${JSON.stringify(issues)}`);
}

describe('the request model', () => {
  it('accepts a complete request', () => {
    accepts(() => {});
  });

  describe('names', () => {
    for (const name of ['Zoë', "O'Brien", 'Jean-François', 'Nguyễn', 'D. Smith', 'محمد', '李', 'Ávila Ñúñez']) {
      it(`accepts ${name}`, () => {
      assert.equal(accepts((r) => (r.patient.givenName = name)).patient.givenName, name);
    });
    }
    it('trims and folds inner spaces', () => assert.equal(accepts((r) => (r.patient.familyName = '  Van   der Berg ')).patient.familyName, 'Van der Berg'));
    it('requires a name', () => rejects((r) => (r.patient.givenName = '   '), 'patient.givenName', 'required'));
    for (const bad of ['<script>alert(1)</script>', 'Bob1', '😀', '-Ann', 'a'.repeat(101)]) {
      it(`refuses ${JSON.stringify(bad.slice(0, 20))}`, () => {
        const issues = issuesFor((r) => (r.patient.givenName = bad));
        assert.ok(issues.some((i) => i.path === 'patient.givenName' && (i.code === 'invalid_name' || i.code === 'too_long')), JSON.stringify(issues));
      });
    }
  });

  describe('birth date', () => {
    it('accepts a plausible past date', () => {
    accepts((r) => (r.patient.birthDate = '1931-02-28'));
  });
    it('accepts a leap day', () => {
    accepts((r) => (r.patient.birthDate = '2000-02-29'));
  });
    it('refuses a date that does not exist', () => rejects((r) => (r.patient.birthDate = '2001-02-29'), 'patient.birthDate', 'invalid_date'));
    it('refuses another format', () => rejects((r) => (r.patient.birthDate = '12/04/1968'), 'patient.birthDate', 'invalid_date'));
    it('refuses the future', () => rejects((r) => (r.patient.birthDate = `${new Date().getUTCFullYear() + 1}-01-01`), 'patient.birthDate', 'date_in_future'));
    it('refuses more than 130 years ago', () => rejects((r) => (r.patient.birthDate = '1850-06-01'), 'patient.birthDate', 'date_implausible'));
  });

  describe('jurisdiction', () => {
    for (const j of ['CA-AB', 'CA-BC', 'CA-MB', 'CA-NB', 'CA-NL', 'CA-NS', 'CA-NT', 'CA-NU', 'CA-ON', 'CA-PE', 'CA-QC', 'CA-SK', 'CA-YT', 'US-NY', 'US-DC', 'us-wa']) {
      it(`accepts ${j}`, () => assert.equal(accepts((r) => (r.patient.jurisdiction = j)).patient.jurisdiction, j.toUpperCase()));
    }
    for (const j of ['ON', 'CA-XX', 'FR-75', 'Ontario', '']) {
      it(`refuses ${JSON.stringify(j)}`, () => rejects((r) => (r.patient.jurisdiction = j), 'patient.jurisdiction', 'invalid_jurisdiction'));
    }
  });

  describe('e-mail', () => {
    it('lower-cases and trims', () => assert.equal(accepts((r) => (r.patient.email = ' Marie.T+so@Example.CA ')).patient.email, 'marie.t+so@example.ca'));
    for (const e of ['marie', 'marie@', '@example.ca', 'marie@example', 'ma rie@example.ca', 'marie..t@example.ca']) {
      it(`refuses ${e}`, () => rejects((r) => (r.patient.email = e), 'patient.email', 'invalid_email'));
    }
  });

  describe('phone', () => {
    for (const [typed, e164] of [['514 555 0123', '+15145550123'], ['(416) 555-0199', '+14165550199'], ['1-800-555-0100', '+18005550100'], ['+44 20 7946 0958', '+442079460958'], ['0033 1 23 45 67 89', '+33123456789']]) {
      it(`stores ${typed} as ${e164}`, () => assert.equal(accepts((r) => (r.patient.phone = typed!)).patient.phone, e164));
    }
    for (const p of ['555-0123', '123 456 7890', '+1 123 555 0123', 'call me', '+0 12345678', '1'.repeat(20)]) {
      it(`refuses ${p}`, () => rejects((r) => (r.patient.phone = p), 'patient.phone', 'invalid_phone'));
    }
  });

  describe('health card, checked against the coverage plan', () => {
    const cases: [string, string, boolean][] = [
      ['CA-ON', '1234-567-897-AB', true], ['CA-ON', '1234567897', true], ['CA-ON', '1234567890', false], ['CA-ON', '12345678', false],
      ['CA-QC', 'TREM 6804 1211', true], ['CA-QC', 'TREM 6813 1211', false], ['CA-QC', 'TRE 6804 1211', false],
      ['CA-BC', '9876 543 218', true], ['CA-BC', '9876543210', false], ['CA-BC', '1876543218', false],
      ['CA-AB', '12345-6789', true], ['CA-AB', '1234-5678', false],
      ['CA-NT', 'N1234567', true], ['CA-PE', '12345678', true], ['CA-NL', '123456789012', true],
    ];
    for (const [plan, card, ok] of cases) {
      it(`${ok ? 'accepts' : 'refuses'} ${card} for ${plan}`, () => {
        const patch: Patch = (r) => { r.coverage = { kind: 'public', plan: plan as 'CA-ON' }; r.patient.healthCardNumber = card; };
        if (ok) accepts(patch);
        else rejects(patch, 'patient.healthCardNumber', 'invalid_health_card');
      });
    }
    it('is needed for public coverage', () => rejects((r) => { delete r.patient.healthCardNumber; }, 'patient.healthCardNumber', 'health_card_required'));
    it('is not needed for self-pay', () => {
    accepts((r) => { r.coverage = { kind: 'self_pay' }; delete r.patient.healthCardNumber; });
  });
    it('only a Canadian plan is a public plan', () => rejects((r) => (r.coverage = { kind: 'public', plan: 'US-NY' as 'CA-ON' }), 'coverage.plan', 'invalid_jurisdiction'));
  });

  describe('private coverage', () => {
    it('accepts member, policy and pre-authorization numbers', () => {
      const v = accepts((r) => (r.coverage = { kind: 'private', insurer: 'Sun Life', memberNumber: 'abc-12345', policyNumber: 'P 998877', preAuthorizationNumber: 'PA-2026-001' }));
      assert.deepEqual(v.coverage, { kind: 'private', insurer: 'Sun Life', memberNumber: 'ABC-12345', policyNumber: 'P 998877', preAuthorizationNumber: 'PA-2026-001' });
    });
    it('requires the member number', () => rejects((r) => (r.coverage = { kind: 'private', insurer: 'Sun Life' } as never), 'coverage.memberNumber', 'required'));
    for (const n of ['ab', '#12345', 'A'.repeat(31), '-12345']) {
      it(`refuses member number ${n}`, () => rejects((r) => (r.coverage = { kind: 'private', insurer: 'X', memberNumber: n }), 'coverage.memberNumber', 'invalid_member_number'));
    }
    it('refuses an unknown coverage kind', () => rejects((r) => (r.coverage = { kind: 'crypto' } as never), 'coverage.kind', 'invalid_choice'));
  });

  describe('questions', () => {
    it('accepts 1 to 20', () => {
    accepts((r) => (r.questions = Array.from({ length: 20 }, (_, i) => `Question ${i + 1}?`)));
  });
    it('needs at least one', () => rejects((r) => (r.questions = []), 'questions', 'too_few'));
    it('takes at most 20', () => rejects((r) => (r.questions = Array.from({ length: 21 }, () => 'Why?')), 'questions', 'too_many'));
    it('takes at most 1,000 characters each, and says which', () => {
      const issues = issuesFor((r) => (r.questions = ['Fine?', 'x'.repeat(1001)]));
      assert.deepEqual(issues.map((i) => [i.path, i.code, i.params?.maximum]), [['questions.1', 'too_long', 1000]]);
    });
    it('refuses an empty question', () => rejects((r) => (r.questions = ['  ']), 'questions.0', 'required'));
  });

  describe('who is filling in', () => {
    it('a caregiver gives their name and a way to reach them', () => {
      const issues = issuesFor((r) => (r.requester = { relationship: 'caregiver' }));
      assert.deepEqual(issues.map((i) => [i.path, i.code]), [['requester.givenName', 'required'], ['requester.familyName', 'required'], ['requester.email', 'contact_required']]);
    });
    it('accepts an advocate with an organisation', () => {
    accepts((r) => (r.requester = { relationship: 'advocate', givenName: 'Sam', familyName: 'Lee', email: 'sam@advocacy.org', organization: 'Cancer Connect' }));
  });
    it('a patient filling in alone needs an e-mail or a phone', () => rejects((r) => { delete r.patient.email; delete r.patient.phone; }, 'patient.email', 'contact_required'));
    it('refuses an unknown relationship', () => rejects((r) => (r.requester = { relationship: 'lawyer' } as never), 'requester.relationship', 'invalid_choice'));
  });

  describe('choices and consent', () => {
    it('needs at least one reason', () => rejects((r) => (r.reasons = []), 'reasons', 'required'));
    it('asks for details when the reason is "other"', () => rejects((r) => (r.reasons = ['other']), 'reasonDetails', 'required'));
    it('refuses an emergency urgency (emergencies are out of scope)', () => rejects((r) => (r.urgency = 'emergency' as never), 'urgency', 'invalid_choice'));
    it('refuses an unknown consultation mode', () => rejects((r) => (r.consultationMode = 'phone' as never), 'consultationMode', 'invalid_choice'));
    it('refuses an unknown referral path', () => rejects((r) => (r.referral = { path: 'friend' as never }), 'referral.path', 'invalid_choice'));
    it('sharing with the care team needs their contact', () => rejects((r) => (r.careTeam = { share: true }), 'careTeam.email', 'contact_required'));
    it('sharing with the care team needs that consent scope', () => rejects((r) => (r.consent.scopes = ['collect_and_review']), 'consent.scopes', 'required'));
    it('consent needs a timestamp with an offset', () => rejects((r) => (r.consent.acceptedAt = '2026-11-20'), 'consent.acceptedAt', 'invalid_date'));
    it('a diagnosis date cannot be in the future', () => rejects((r) => (r.diagnosis = { description: 'x', diagnosedOn: '2999-01-01' }), 'diagnosis.diagnosedOn', 'date_in_future'));
    it('a diagnosis of 2,001 characters is too long', () => rejects((r) => (r.diagnosis = { description: 'x'.repeat(2001) }), 'diagnosis.description', 'too_long'));
  });

  it('reports every problem at once, with cross-field rules too', () => {
    const issues = issuesFor((r) => { r.patient.birthDate = 'soon'; r.patient.healthCardNumber = '42'; r.questions = []; });
    assert.deepEqual(issues.map((i) => i.path).sort(), ['patient.birthDate', 'patient.healthCardNumber', 'questions']);
  });

  it('gives French messages by code through the i18n table', async () => {
    const { issueMessage } = await import('../../src/index.js');
    assert.equal(issueMessage('fr-CA', 'date_in_future'), 'Entrez une date passée.');
    assert.equal(issueMessage('fr', 'too_long', { maximum: 1000 }), 'Raccourcissez ce texte à 1000 caractères ou moins.');
    assert.equal(issueMessage('en', 'too_long', { maximum: 1000 }), 'Shorten this to 1000 characters or fewer.');
  });
});

describe('drafts', () => {
  it('accept a partial request and still check what is there', () => {
    assert.ok(parseWith(RequestDraftSchema, { specialty: 'cardiology' }).ok);
    const res = parseWith(RequestDraftSchema, { patient: { birthDate: '2999-01-01' } });
    assert.ok(!res.ok && res.issues[0]?.path === 'patient.birthDate' && res.issues[0].code === 'date_in_future');
  });
});

describe('the other schemas', () => {
  it('the default config is a valid config', () => assert.ok(parseWith(BackendConfigSchema, DEFAULT_CONFIG).ok));
  it('a case needs its status to match its request (a submitted case has a complete request)', () => {
    const res = parseWith(CaseSchema, { id: 'c1', reference: 'SO-1', version: 1, status: 'submitted', createdAt: '2026-11-20T10:00:00Z', updatedAt: '2026-11-20T10:00:00Z', request: { specialty: 'x' }, records: [], questions: [], timeline: [], actionsRequired: [], clock: { state: 'not_started', businessDays: 10, businessDaysUsed: 0 }, followUpsRemaining: 1 });
    assert.ok(!res.ok && res.issues.some((i) => i.path.startsWith('request.')));
  });
});
