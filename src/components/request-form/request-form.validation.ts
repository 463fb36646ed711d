// The request form's checks through the core schema (zod), and server issues placed back on fields.
// Kept out of the element's first load: <so-request-form> fetches this when it connects and awaits it
// wherever it checks (a choice made, Continue, submit).
import { parseWith, type FieldIssue } from '../../core/model/parse.js';
import { RequestSchema } from '../../core/model/request.js';
import type { Case } from '../../core/model/case.js';
import type { SecondOpinionClient } from '../../core/client/client.js';
import { ValidationError } from '../../core/errors.js';
import { ISSUE_MESSAGES_EN, messageFrom } from '../../core/i18n/issues-en.js';
import { claimClientError } from '../shared/client-errors.js';
import { REASONS } from '../../core/model/codes.js';
import { buildRequest, setValue, STEP_FIELDS, STEPS, stepOfField, type FormIssue, type FormValues, type StepId } from './request-form.model.js';

/** The form field a request path belongs to, with question numbers turned into form slots. */
export function fieldForPath(path: string, questionSlots: readonly number[] = []): string {
  const p = path.replace(/^request\./, '');
  if (p === 'questions' || p === '') return p === '' ? '' : 'questions.0';
  const q = /^questions\.(\d+)/.exec(p);
  if (q) return `questions.${questionSlots[Number(q[1])] ?? Number(q[1])}`;
  if (p.startsWith('consent')) return 'consent.scopes';
  const all = STEPS.flatMap((s) => STEP_FIELDS[s]);
  if (all.includes(p)) return p;
  const owner = all.find((f) => p.startsWith(`${f}.`));
  if (owner) return owner;
  // A whole object failed (`coverage` with no kind): its first field answers for it.
  return all.find((f) => f.startsWith(`${p}.`)) ?? p;
}

/** Issues placed on fields, first per field, in the order the step asks them. */
export function placeIssues(issues: readonly FieldIssue[], questionSlots: readonly number[] = []): FormIssue[] {
  const seen = new Set<string>();
  const out: FormIssue[] = [];
  for (const issue of issues) {
    const field = fieldForPath(issue.path, questionSlots);
    if (seen.has(field)) continue;
    seen.add(field);
    // The consent box stands for its time and scopes: unticked, the first problem met was the missing
    // `acceptedAt`'s invalid_date ("Enter a real date", issue 16); what the person must do is tick it.
    const unticked = field === 'consent.scopes' && /^(request\.)?consent\.(acceptedAt|scopes)\b/.test(issue.path);
    out.push({ ...issue, field, ...(unticked ? { code: 'required' as const } : {}) });
  }
  const order = (f: string) => {
    const step = stepOfField(f);
    if (!step) return Number.MAX_SAFE_INTEGER;
    const base = f.startsWith('questions') ? 'questions' : f;
    const slot = f.startsWith('questions.') ? Number(f.split('.')[1]) : 0;
    return STEPS.indexOf(step) * 1000 + STEP_FIELDS[step].indexOf(base) * 50 + slot;
  };
  return out.sort((a, b) => order(a.field) - order(b.field));
}

/** Every problem in the whole form, placed on fields (cross-field rules included). */
export function validateAll(values: FormValues, consentVersion?: string): FormIssue[] {
  const built = buildRequest(values, consentVersion);
  // Steps not reached yet are stood in for, so the rules that span fields still run for this one.
  const standIns: Record<string, unknown> = { careTeam: { share: false }, consent: {}, coverage: {} };
  // "Who is filling in?" unanswered: step 1 then shows the patient's own boxes, their email required,
  // and no requester boxes. Checked as the schema would check someone else filling in, it listed the
  // requester's name and contact, fields not on the page, and not the patient's empty email
  // (issue 16): so the rules run as for the patient filling in, and the choice is its own problem.
  const unanswered = !values.requester.relationship;
  const input = { ...standIns, ...built.request, ...(unanswered ? { requester: { relationship: 'self' } } : {}) };
  const result = parseWith(RequestSchema, input);
  const issues: FieldIssue[] = result.ok ? [] : [...result.issues];
  if (unanswered) issues.push({ path: 'requester.relationship', code: 'required', message: messageFrom(ISSUE_MESSAGES_EN, 'required') });
  return placeIssues(issues, built.questionSlots);
}

/** The problems on one step's fields. */
export function validateStep(values: FormValues, step: StepId, consentVersion?: string): FormIssue[] {
  return validateAll(values, consentVersion).filter((i) => stepOfField(i.field) === step);
}

/** The problem on one field, if any (a choice just made, or a shown problem being fixed). */
export function validateField(values: FormValues, field: string, consentVersion?: string): FormIssue | undefined {
  return validateAll(values, consentVersion).find((i) => i.field === field);
}

/** What sending the request came to: the case, problems to show on their fields, or a failure. */
export type SendOutcome = { created: Case } | { problems: FormIssue[] } | { failed: unknown };

/**
 * Checks every step, then sends the request once. `sending` is told the body just before it goes
 * and answers with its idempotency key. Never throws: a failure is an outcome.
 */
export async function sendRequest(client: SecondOpinionClient | undefined, values: FormValues, consentVersion: string | undefined, sending: (body: string) => string): Promise<SendOutcome> {
  const problems = validateAll(values, consentVersion);
  if (problems.length || !client) return { problems };
  const built = buildRequest(values, consentVersion);
  try {
    return { created: await client.cases.create(built.request, { submit: true, idempotencyKey: sending(JSON.stringify(built.request)) }) };
  } catch (e) {
    claimClientError(e);
    return e instanceof ValidationError && e.issues.length ? { problems: placeIssues(e.issues, built.questionSlots) } : { failed: e };
  }
}

/** The answers after a change to `control`: the later steps' reasons, care-team and consent choices, or any text. */
export function readInput(values: FormValues, control: { name: string; value: string; checked?: boolean }, consentVersion: string | undefined): FormValues {
  const { name, value, checked } = control;
  if (name === 'reasons') {
    const set = new Set(values.reasons);
    if (checked) set.add(value);
    else set.delete(value);
    return { ...values, reasons: REASONS.filter((r) => set.has(r)) };
  }
  if (name === 'careTeam.share') return setValue(values, name, value === 'yes');
  if (name === 'consent') return { ...values, consent: checked ? { acceptedAt: new Date().toISOString(), version: consentVersion } : {} };
  return setValue(values, name, value);
}
