// The draft as the patient will see it: a Case-shaped copy of the case with the draft as its issued
// opinion, for the patient's own <so-opinion-summary> to render. Loaded with the preview only; no Lit
// here, so it is tested in Node.
import type { Case } from '../../core/model/case.js';
import { openQuestions, type OpinionDraft } from './opinion-editor.model.js';

/**
 * The case as the patient will see it once the draft is issued: the opinion ready, the draft as its
 * opinion (answers as written so far), the specialist the case was matched to. Undefined until an
 * outcome is chosen (the patient's view leads with it).
 */
export function previewCase(c: Case, draft: OpinionDraft, issuedAt: string): Case | undefined {
  if (!draft.outcome) return undefined;
  const open = new Set(openQuestions(c).map((q) => q.id));
  const written = (id: string) => (open.has(id) ? draft.answers[id]?.trim() : undefined);
  const opinion = {
    outcome: draft.outcome,
    summary: draft.summary.trim(),
    ...(draft.diagnosis.trim() ? { diagnosis: draft.diagnosis.trim() } : {}),
    recommendations: draft.recommendations.split('\n').map((r) => r.trim()).filter(Boolean),
    answers: [...(c.opinion?.answers ?? []), ...[...open].flatMap((id) => (written(id) ? [{ questionId: id, text: written(id)! }] : []))],
    specialist: c.specialist ?? c.opinion?.specialist ?? { name: '', specialty: '' },
    issuedAt,
    ...(draft.reportRecordId ? { reportRecordId: draft.reportRecordId } : {}),
  };
  const questions = c.questions.map((q) => (written(q.id) ? { ...q, answer: { text: written(q.id)!, answeredAt: issuedAt } } : q));
  return { ...c, status: 'opinion_ready', opinion, questions } as Case;
}
