// The editor's reading of a case, in plain data: the questions still waiting for an answer (the first
// ones, or follow-up questions after an opinion), what a draft starts from, and what keeps Issue
// closed. No Lit here, so it is tested in Node.
import type { Case, OpinionInput, Question } from '../../core/model/case.js';
import type { Outcome } from '../../core/model/codes.js';

/** What the specialist has written so far. */
export interface OpinionDraft {
  outcome: Outcome | '';
  summary: string;
  diagnosis: string;
  /** One recommendation a line. */
  recommendations: string;
  /** Answers by question id. */
  answers: Record<string, string>;
  /** The report PDF's record, once attached. */
  reportRecordId?: string;
}

/** The questions the opinion must answer now: every one without an answer (follow-ups included). */
export function openQuestions(c: Pick<Case, 'questions'>): Question[] {
  return c.questions.filter((q) => !q.answer);
}

/** A draft as it starts: empty, or for follow-up questions, the opinion already issued. */
export function draftFor(c: Pick<Case, 'opinion'>): OpinionDraft {
  const o = c.opinion;
  return o
    ? { outcome: o.outcome, summary: o.summary, diagnosis: o.diagnosis ?? '', recommendations: o.recommendations.join('\n'), answers: {}, ...(o.reportRecordId ? { reportRecordId: o.reportRecordId } : {}) }
    : { outcome: '', summary: '', diagnosis: '', recommendations: '', answers: {} };
}

/** The open questions the draft does not answer yet (in their order, with their 1-based number). */
export function missingAnswers(c: Pick<Case, 'questions'>, draft: OpinionDraft): { question: Question; number: number }[] {
  return openQuestions(c).map((question, i) => ({ question, number: i + 1 })).filter(({ question }) => !draft.answers[question.id]?.trim());
}

/** What keeps Issue closed: the fields still empty, and the questions without an answer. */
export function blockers(c: Pick<Case, 'questions'>, draft: OpinionDraft): { outcome: boolean; summary: boolean; missing: number[] } {
  return { outcome: !draft.outcome, summary: !draft.summary.trim(), missing: missingAnswers(c, draft).map((m) => m.number) };
}

/** The opinion to issue from a complete draft. */
export function opinionInput(c: Pick<Case, 'questions'>, draft: OpinionDraft): OpinionInput {
  const diagnosis = draft.diagnosis.trim();
  return {
    outcome: draft.outcome as Outcome,
    summary: draft.summary.trim(),
    ...(diagnosis ? { diagnosis } : {}),
    recommendations: draft.recommendations.split('\n').map((r) => r.trim()).filter(Boolean),
    answers: openQuestions(c).map((q) => ({ questionId: q.id, text: draft.answers[q.id]!.trim() })),
    ...(draft.reportRecordId ? { reportRecordId: draft.reportRecordId } : {}),
  };
}
