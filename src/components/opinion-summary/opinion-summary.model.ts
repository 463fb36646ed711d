// The opinion summary's view of a case, in plain data: the first opinion beside the second, each
// question with its answer, and what the patient may do next. No Lit here, so it is tested in Node.
import type { Case, CareTeamDelivery, Opinion, Specialist } from '../../core/model/case.js';
import type { Outcome } from '../../core/model/codes.js';

/** How an outcome feels: good news, a change to talk over, or more needed. */
export type OutcomeTone = 'good' | 'change' | 'incomplete';

const TONES: Record<Outcome, OutcomeTone> = {
  confirmed: 'good', refined: 'good', different_diagnosis: 'change', treatment_change: 'change', insufficient_information: 'incomplete',
};

/** The tone an outcome is shown in. */
export function outcomeTone(outcome: Outcome): OutcomeTone {
  return TONES[outcome];
}

/** The first opinion, from the request. */
export interface FirstOpinionView {
  diagnosis: string;
  diagnosedOn?: string;
  proposedTreatment?: string;
  /** The treating physician: name, specialty, clinic as given. */
  from: string[];
}

/** A question with its answer, if the specialist gave one. */
export interface QuestionView {
  id: string;
  text: string;
  followUp: boolean;
  answer?: string;
}

/** Whether and how the opinion can go to the care team. */
export type ShareView =
  | { state: 'shared'; at: string; delivery?: CareTeamDelivery }
  | { state: 'available'; recipient?: string }
  | { state: 'not_consented' }
  | { state: 'unavailable' };

/** Everything the opinion summary shows. */
export interface OpinionView {
  first?: FirstOpinionView;
  second?: Opinion & { tone: OutcomeTone; specialist: Specialist };
  questions: QuestionView[];
  share: ShareView;
  /** Follow-up questions left; 0 hides the form. */
  followUpsRemaining: number;
  canFollowUp: boolean;
  /** A new request can follow this one. */
  canAskAnother: boolean;
}

/** Builds the opinion summary's view of a case. */
export function opinionView(c: Case): OpinionView {
  const request = c.status === 'draft' ? undefined : c.request;
  const first: FirstOpinionView | undefined = request
    ? {
        diagnosis: request.diagnosis.description,
        ...(request.diagnosis.diagnosedOn ? { diagnosedOn: request.diagnosis.diagnosedOn } : {}),
        ...(request.proposedTreatment ? { proposedTreatment: request.proposedTreatment } : {}),
        from: [request.treatingPhysician.name, request.treatingPhysician.specialty, request.treatingPhysician.clinic].filter((s): s is string => !!s),
      }
    : undefined;
  const opinion = c.opinion;
  const answers = new Map(opinion?.answers.map((a) => [a.questionId, a.text]) ?? []);
  const questions = c.questions.map((q) => {
    const answer = q.answer?.text ?? answers.get(q.id);
    return { id: q.id, text: q.text, followUp: q.followUp, ...(answer ? { answer } : {}) };
  });
  let share: ShareView = { state: 'unavailable' };
  if (opinion?.sharedWithCareTeamAt) share = { state: 'shared', at: opinion.sharedWithCareTeamAt, ...(opinion.careTeamDelivery ? { delivery: opinion.careTeamDelivery } : {}) };
  else if (opinion && request && c.status === 'opinion_ready') {
    const consented = request.careTeam.share && request.consent.scopes.includes('share_with_care_team');
    const recipient = [request.careTeam.name, request.careTeam.clinic].filter(Boolean).join(', ');
    share = consented ? { state: 'available', ...(recipient ? { recipient } : {}) } : { state: 'not_consented' };
  }
  const ready = c.status === 'opinion_ready' && !!opinion;
  return {
    ...(first ? { first } : {}),
    ...(opinion ? { second: { ...opinion, tone: outcomeTone(opinion.outcome), specialist: opinion.specialist } } : {}),
    questions,
    share,
    followUpsRemaining: c.followUpsRemaining,
    // The lifecycle table has the last word: the forms' part asks it before drawing the follow-up (`followUpAllowed`).
    canFollowUp: ready && c.followUpsRemaining > 0,
    canAskAnother: ready,
  };
}

/** A view for a static preview: the opinion as the patient reads it, none of the patient's actions. */
export function previewView(v: OpinionView): OpinionView {
  return { ...v, share: { state: 'unavailable' }, canFollowUp: false, canAskAnother: false };
}

/** An earlier request in the chain a case follows, and its opinion if it got one. */
export interface EarlierOpinionView {
  caseId: string;
  reference: string;
  opinion?: Opinion & { tone: OutcomeTone };
}

/**
 * The requests a case follows (`previousCaseId`, then theirs), nearest first, at most `max`. A loop
 * ends the chain, and so does a request that cannot be read (its error goes to `failed`).
 */
export async function earlierOpinions(c: Case, get: (id: string) => Promise<Case>, failed: (e: unknown) => void = () => {}, max = 10): Promise<EarlierOpinionView[]> {
  const chain: EarlierOpinionView[] = [];
  const seen = new Set([c.id]);
  for (let next = c.previousCaseId; next && !seen.has(next) && chain.length < max;) {
    seen.add(next);
    let earlier: Case;
    try {
      earlier = await get(next);
    } catch (e) {
      failed(e);
      break;
    }
    const o = earlier.opinion;
    chain.push({ caseId: earlier.id, reference: earlier.reference, ...(o ? { opinion: { ...o, tone: outcomeTone(o.outcome) } } : {}) });
    next = earlier.previousCaseId;
  }
  return chain;
}
