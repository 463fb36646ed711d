// Steps 2 to 6 of <so-request-form>, its error summary and its confirmation. Fetched when the form
// connects, while its first step is on screen, so a page's first load carries only what step 1 needs.
import { html, nothing, type TemplateResult } from 'lit';
import { CONSULTATION_MODES, COVERAGE_KINDS, REASONS, REFERRAL_PATHS, URGENCIES } from '../../core/model/codes.js';
import type { Case } from '../../core/model/case.js';
import { healthCardExample } from '../../core/model/health-card.js';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import { formatDate } from '../shared/i18n/format.js';
import { focusErrorSummary, focusStepHeading } from '../shared/focus.js';
import { addQuestion, getValue, isHidden, moveQuestion, recordsChecklist, removeQuestion, STEP_FIELDS, stepOfField, type FormIssue, type StepId } from './request-form.model.js';
import { jurisdictionName, provinceOptions, specialtyOptions, type Option } from './request-form.i18n.js';
import { choices, describedBy, errorLine, fieldId, issueFor, issueText, label, languages, select, text, type FormView } from './request-form.view.js';

export { issueWords } from './request-form.i18n.js';
export { stepStyles } from './request-form.steps.styles.js';
// Every announcement and focus move follows a step change, a check or a send, all of which need this module first.
export { announce } from '../shared/announce.js';

/** Moves focus after an update: to the step heading, the error summary, or the control with id `target`. */
export function placeFocus(root: ParentNode, target: string): void {
  const el = root.querySelector<HTMLElement>(target === 'heading' ? '[part~="heading"]' : target === 'summary' ? '[part~="error-summary"]' : `#${target}`);
  if (!el) return;
  if (target === 'heading') focusStepHeading(el);
  else if (target === 'summary') focusErrorSummary(el);
  else el.focus();
}

const options = (codes: readonly string[], words: Record<string, string>): Option[] => codes.map((c) => [c, words[c]!]);

function stepDiagnosis(v: FormView): TemplateResult {
  const m = v.m;
  return html`
      ${text(v, 'diagnosis.description', { multiline: true })}
      ${text(v, 'diagnosis.diagnosedOn', { optional: true })}
      <h3>${m.physicianHeading}</h3>
      ${text(v, 'treatingPhysician.name')}
      ${text(v, 'treatingPhysician.specialty', { optional: true })}
      ${text(v, 'treatingPhysician.clinic', { optional: true })}
      ${text(v, 'proposedTreatment', { multiline: true, optional: true })}
      ${select(v, 'specialty', v.config ? specialtyOptions(v.config, v.lang) : [])}
      ${choices(v, 'reasons', options(REASONS, m.reasons))}
      ${v.values.reasons.includes('other') ? text(v, 'reasonDetails', { multiline: true }) : nothing}
      <p class="notice" part="notice">${m.emergency}</p>
      ${choices(v, 'urgency', options(URGENCIES, m.urgency))}
      ${choices(v, 'consultationMode', options(CONSULTATION_MODES, m.consultationMode))}
      ${text(v, 'previousCaseId', { optional: true, spellcheck: false })}`;
}

// A button under a question box: moves or removes it.
const tool = (id: string, words: string, click: () => void) => html`<button type="button" part="button" class="secondary" id=${id} @click=${click}>${words}</button>`;

function stepQuestions(v: FormView): TemplateResult {
  const m = v.m;
  const qs = v.values.questions;
  const listIssue = v.issues.find((i) => i.field.startsWith('questions'));
  // Focus stays on the same button of the moved question, so repeated presses keep moving it.
  const move = (slot: number, delta: number) => {
    const moved = moveQuestion(v.values, slot, delta);
    const to = moved.slot;
    const which = delta < 0 && to > 0 ? 'up' : delta > 0 && to < moved.values.questions.length - 1 ? 'down' : '';
    v.edit(moved.values, which ? `q-${which}-${to}` : fieldId(`questions.${to}`), m.questionMoved(to + 1));
  };
  return html`
      <div class="inset" part="hint"><p><strong>${m.questionExamplesTitle}</strong></p>
        <ul>${m.questionExamples.map((q) => html`<li>${q}</li>`)}</ul></div>
      ${qs.map((_, slot) => html`<div class="question">
        ${text(v, `questions.${slot}`, { multiline: true, hint: '' })}
        <div class="question-tools">
          ${slot > 0 ? tool(`q-up-${slot}`, m.moveUp(slot + 1), () => move(slot, -1)) : nothing}
          ${slot < qs.length - 1 ? tool(`q-down-${slot}`, m.moveDown(slot + 1), () => move(slot, 1)) : nothing}
          ${qs.length > 1 ? tool(`q-remove-${slot}`, m.removeQuestion(slot + 1), () => v.edit(removeQuestion(v.values, slot), fieldId(`questions.${Math.max(0, slot - 1)}`), m.questionRemoved(slot + 1))) : nothing}
        </div></div>`)}
      ${qs.length < 20 ? tool('q-add', m.addQuestion, () => v.edit(addQuestion(v.values), fieldId(`questions.${qs.length}`))) : nothing}
      ${listIssue && !issueFor(v, listIssue.field) ? errorLine(v, listIssue.field) : nothing}`;
}

function stepCoverage(v: FormView): TemplateResult {
  const m = v.m;
  const plan = v.values.coverage.plan;
  const example = plan ? healthCardExample(plan) : undefined;
  const extra = (kind: string) => kind === 'public'
    ? html`<div class="inset">${select(v, 'coverage.plan', provinceOptions(m))}
          ${text(v, 'patient.healthCardNumber', { spellcheck: false, hint: example ? m.healthCardExample(example) : '' })}</div>`
    : kind === 'private'
      ? html`<div class="inset">${text(v, 'coverage.insurer')}${text(v, 'coverage.memberNumber', { spellcheck: false })}
          ${text(v, 'coverage.policyNumber', { optional: true, spellcheck: false })}${text(v, 'coverage.preAuthorizationNumber', { optional: true, spellcheck: false })}</div>`
      : nothing;
  const path = v.values.referral.path;
  return html`
      <p class="inset" part="hint">${m.referralMatters}</p>
      ${choices(v, 'referral.path', options(REFERRAL_PATHS, m.referralPath))}
      ${path && path !== 'self' ? text(v, 'referral.referrerName', { optional: true }) : nothing}
      ${choices(v, 'coverage.kind', options(v.config?.coverageKinds ?? COVERAGE_KINDS, m.coverageKind), extra)}`;
}

const kindLabel = (v: FormView, kind: Parameters<typeof recordKindText>[0]) => recordKindText(kind, v.lang).label;

function stepRecords(v: FormView): TemplateResult {
  const m = v.m;
  return html`<p>${m.checklistIntro}</p>
      <ul class="checklist" part="checklist">${recordsChecklist(v.values).map((item) => html`<li>
        <strong>${kindLabel(v, item.kind)}</strong><span class="why">${m.checklistWhy[item.reason]}</span></li>`)}</ul>
      <p>${m.checklistAfter}</p>`;
}

// An answer as the review shows it: chosen codes in words.
function display(v: FormView, field: string): string {
  const m = v.m;
  const raw = getValue(v.values, field);
  if (raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) return m.notGiven;
  if (typeof raw === 'boolean') return raw ? m.yes : m.no;
  if (Array.isArray(raw)) return raw.map((r: string) => m.reasons[r] ?? r).join('\n');
  const s = String(raw);
  const words: Record<string, Record<string, string>> = {
    'requester.relationship': m.relationship, urgency: m.urgency, consultationMode: m.consultationMode, 'referral.path': m.referralPath, 'coverage.kind': m.coverageKind,
  };
  if (words[field]) return words[field][s] ?? s;
  if (field === 'patient.jurisdiction' || field === 'coverage.plan') return jurisdictionName(m, s);
  if (field === 'patient.preferredLanguage') return languages(v).find(([c]) => c === s)?.[1] ?? s;
  if (field === 'specialty') return v.config?.specialties.find((x) => x.code === s)?.label[v.lang] ?? s;
  return s;
}

// Which answers the review lists: only those the chosen options asked.
function reviewFields(v: FormView, step: StepId): string[] {
  const { requester, reasons, referral, coverage } = v.values;
  return STEP_FIELDS[step].filter((f) => {
    if (f.startsWith('requester.') && f !== 'requester.relationship') return requester.relationship !== 'self';
    if (f === 'reasonDetails') return reasons.includes('other');
    if (f === 'referral.referrerName') return !!referral.path && referral.path !== 'self';
    if (f === 'patient.healthCardNumber' || f === 'coverage.plan') return coverage.kind === 'public';
    if (/^coverage\.(ins|mem|pol|pre)/.test(f)) return coverage.kind === 'private';
    return true;
  });
}

const row = (term: string, value: string) => html`<div class="row"><dt>${term}</dt><dd>${value}</dd></div>`;

function stepReview(v: FormView): TemplateResult {
  const m = v.m;
  const consent = v.config?.consent;
  const sections: StepId[] = ['who', 'diagnosis', 'questions', 'coverage'];
  const ticked = !!v.values.consent.acceptedAt;
  const id = fieldId('consent.scopes');
  return html`
      <div part="review">${sections.map((s) => html`<div class="section-head"><h3>${m.steps[s]}</h3>
          <button type="button" part="button" class="link" aria-label=${m.changeSection(m.steps[s])} @click=${() => v.change(s)}>${m.change}</button></div>
        <dl>${s === 'questions'
          ? v.values.questions.filter((q) => q.trim()).map((q, n) => row(m.questionLabel(n + 1), q))
          : reviewFields(v, s).map((f) => row(label(v, f), display(v, f)))}</dl>`)}</div>
      <h3>${m.careTeamHeading}</h3>
      ${choices(v, 'careTeam.share', [['yes', m.yes], ['no', m.no]])}
      ${v.values.careTeam.share === true ? html`<div class="inset">${text(v, 'careTeam.name', { optional: true })}${text(v, 'careTeam.clinic', { optional: true })}
        ${text(v, 'careTeam.email', { type: 'email', spellcheck: false })}${text(v, 'careTeam.phone', { type: 'tel', optional: true })}</div>` : nothing}
      <h3>${m.consentHeading}</h3>
      ${consent ? html`<div class="consent-text" part="consent"><p>${consent.text[v.lang]}</p><p class="hint">${m.consentVersion(consent.version)}</p></div>` : nothing}
      <div class="field ${issueFor(v, 'consent.scopes') ? 'invalid' : ''}" part="field">
        ${errorLine(v, 'consent.scopes')}
        <div class="choice"><input part="input" type="checkbox" id=${id} name="consent" .checked=${ticked}
          aria-describedby=${describedBy(v, 'consent.scopes', false)} aria-invalid=${issueFor(v, 'consent.scopes') ? 'true' : nothing} />
        <label for=${id}>${m.consentAgree}</label></div>
      </div>`;
}

/** The body of a step after the first. */
export function renderStep(v: FormView, step: StepId): TemplateResult {
  switch (step) {
    case 'diagnosis': return stepDiagnosis(v);
    case 'questions': return stepQuestions(v);
    case 'coverage': return stepCoverage(v);
    case 'records': return stepRecords(v);
    default: return stepReview(v);
  }
}

/** The confirmation: the reference number, when to expect the opinion, and the records to send. */
export function renderConfirmation(v: FormView, created: Case): TemplateResult {
  const m = v.m;
  const days = v.config?.turnaroundBusinessDays;
  return html`<div part="confirmation">
      <div class="panel"><h2 part="heading" tabindex="-1">${m.confirmationTitle}</h2>
        <p>${m.confirmationReference}<br /><span class="reference" part="reference">${created.reference}</span></p></div>
      <p>${created.expectedBy ? m.confirmationExpectedBy(formatDate(`${created.expectedBy}T12:00:00Z`, v.lang)) : days !== undefined ? m.confirmationTurnaround(days) : nothing}</p>
      <h3>${m.confirmationNext}</h3>
      <p>${m.confirmationNextBody}</p>
      <ul class="checklist">${recordsChecklist(v.values).map((item) => html`<li>${kindLabel(v, item.kind)}</li>`)}</ul>
      <slot name="next-step"></slot>
    </div>`;
}

/** The list of problems at the top of a step, each a link to its field (focused when shown). */
export function renderSummary(v: FormView, summary: readonly FormIssue[], failed: boolean): TemplateResult {
  const m = v.m;
  return html`<div class="error-summary" part="error-summary" tabindex="-1" aria-labelledby="summary-title">
      <h2 id="summary-title">${m.errorSummaryTitle}</h2>
      ${failed ? html`<p>${m.submitFailed}</p>` : nothing}
      <ul>${summary.map((i) => {
        const id = fieldId(i.field);
        if (isHidden(i.field, v.hidden) || !stepOfField(i.field)) return html`<li>${m.hiddenProblem(label(v, i.field), issueText(v, i))}</li>`;
        // The summary repeats a field's own message; a generic one needs the field's label to make sense there.
        const words = v.words(i);
        const go = (e: Event) => {
          e.preventDefault();
          ((e.currentTarget as Element).getRootNode() as ShadowRoot).getElementById(id)?.focus();
        };
        return html`<li><a href="#${id}" @click=${go}>${words.specific ? words.text : `${label(v, i.field)}: ${words.text}`}</a></li>`;
      })}</ul></div>`;
}
