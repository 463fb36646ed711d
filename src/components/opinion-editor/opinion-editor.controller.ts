// The state of <so-opinion-editor>, apart from its rendering: the case followed live, whether the
// token is staff, the draft (kept per case in the encrypted draft store, restored on reload, cleared
// once issued; never in plain browser storage), the Preview toggle, the report
// PDF attached through the staff API, and issuing (a CaseAction: what is missing said and focused
// first; a case that moved on reloaded with the draft kept). No DOM here, so it is tested in Node.
import type { ReactiveController } from 'lit';
import { onDemand, type OnDemand } from '../../core/on-demand.js';
import type { Case, CaseRecord } from '../../core/model/case.js';
import type { WatchConnection } from '../../core/watch/watch-events.js';
import { CaseAction } from '../shared/case-action.js';
import type { CaseHost } from '../shared/case-controller.js';
import { LiveCaseController } from '../shared/live-case-controller.js';
import type { ElementPort } from '../shared/port.js';
import { StaffAccess, type StaffAccessState } from '../shared/staff-access.js';
import { refusal } from '../case-review/case-review.model.js';
import { SoOpinionIssuedEvent } from './opinion-editor.events.js';
import type { EditorMessages } from './opinion-editor.messages.js';
import { blockers, draftFor, missingAnswers, opinionInput, type OpinionDraft } from './opinion-editor.model.js';
import type * as DraftStore from './draft-store.js';

/** The part that keeps drafts (the encrypted store; a test may hand in another keeper). */
export type EditorDrafts = Pick<typeof DraftStore, 'DraftKeeper'>;

const DRAFTS = onDemand<EditorDrafts>(() => import('./draft-store.js'));

/** The element an OpinionEditorController serves. */
export interface EditorHost extends CaseHost {
  readonly words: EditorMessages;
  connection: WatchConnection;
}

/** Owns what <so-opinion-editor> shows and does. */
export class OpinionEditorController implements ReactiveController {
  readonly cases: LiveCaseController;
  /** What the specialist has written (for the case on show). */
  draft: OpinionDraft = draftFor({});
  /** Whether the patient's view of the draft is on show (the Preview toggle). */
  previewing = false;
  readonly report: CaseAction<[file: Blob], CaseRecord>;
  readonly issue: CaseAction<[], Case>;
  private readonly staffAccess: StaffAccess;
  /** The case the draft belongs to. */
  private draftFor?: string;
  private movedOn = false;
  /** The keeper of the case's draft on the device, once its part is in. */
  private keeper?: Promise<DraftStore.DraftKeeper | undefined>;

  constructor(private readonly host: EditorHost, private readonly port: ElementPort, private readonly drafts: OnDemand<EditorDrafts> = DRAFTS) {
    host.addController(this);
    this.staffAccess = new StaffAccess(host);
    this.cases = new LiveCaseController(host, {
      onConnection: (connection) => (host.connection = connection),
      onCase: (next) => {
        // A new case starts a new draft; a newer copy of the same case keeps what was written.
        if (this.draftFor === next.id) return;
        this.draftFor = next.id;
        this.draft = draftFor(next);
        this.previewing = false;
        const id = next.id;
        this.keeper = this.drafts.load().then((d) => new d.DraftKeeper(id), () => undefined);
        if (next.status === 'in_review') void this.keeper.then((k) => k?.restore((d) => {
          if (this.draftFor !== id) return;
          this.draft = d;
          host.requestUpdate();
        }));
      },
    });
    const ready = () => Boolean(this.case?.status === 'in_review' && host.activeClient && this.access === 'staff');
    this.report = new CaseAction<[Blob], CaseRecord>(host, port, {
      ready,
      task: (file) => host.activeClient!.staff.attachReport(this.case!.id, new Blob([file], { type: 'application/pdf' })),
      failed: () => host.words.reportFailed,
      complete: (record) => {
        this.draft = { ...this.draft, reportRecordId: record.id };
        return { announce: host.words.reportAttached };
      },
    });
    this.issue = new CaseAction<[], Case>(host, port, {
      ready,
      check: () => {
        const b = blockers(this.case!, this.draft);
        const m = host.words;
        if (b.outcome) return { message: m.needOutcome, field: 'outcome' };
        if (b.summary) return { message: m.needSummary, field: 'summary' };
        const first = missingAnswers(this.case!, this.draft)[0];
        return first ? { message: m.needAnswers(String(first.number)), field: `answer-${first.number}` } : undefined;
      },
      task: async () => {
        this.movedOn = false;
        try {
          return await host.activeClient!.staff.issueOpinion(this.case!.id, opinionInput(this.case!, this.draft));
        } catch (e) {
          if (refusal(e) === 'moved_on') {
            this.movedOn = true;
            void this.cases.reload();
          }
          throw e;
        }
      },
      failed: () => {
        queueMicrotask(() => void port.focusOn('issue-error'));
        return this.movedOn ? host.words.movedOn : host.words.issueFailed;
      },
      complete: (c) => {
        // Once issued, the case's draft is gone from the device.
        void this.keeper?.then((k) => k?.clear());
        port.emit(new SoOpinionIssuedEvent(c.id, c.opinion?.issuedAt ?? c.updatedAt));
        return { announce: host.words.issued, focus: 'heading' };
      },
    });
  }

  /** Whether the token is staff (per client). */
  get access(): StaffAccessState {
    return this.staffAccess.state;
  }

  /** The case on show, as last seen. */
  get case(): Case | undefined {
    return this.cases.case;
  }

  /** Whether Issue may go now (it stays offered, and says what is missing, until then). */
  get complete(): boolean {
    const c = this.case;
    if (!c) return false;
    const b = blockers(c, this.draft);
    return !b.outcome && !b.summary && b.missing.length === 0;
  }

  hostUpdate(): void {
    this.staffAccess.follow();
  }

  /** Takes what the specialist typed. */
  edit(patch: Partial<Omit<OpinionDraft, 'answers'>>): void {
    this.draft = { ...this.draft, ...patch };
    this.persist();
    this.host.requestUpdate();
  }

  /** Shows or hides the patient's view of the draft. */
  togglePreview(): void {
    this.previewing = !this.previewing;
    this.host.requestUpdate();
  }

  /** Takes an answer to one question. */
  answer(questionId: string, text: string): void {
    this.draft = { ...this.draft, answers: { ...this.draft.answers, [questionId]: text } };
    this.persist();
    this.host.requestUpdate();
  }

  /** Resolves once every pending write (or clear) of the draft is done. */
  async draftSaved(): Promise<void> {
    await (await this.keeper)?.saved();
  }

  // Each change is written, encrypted, in turn.
  private persist(): void {
    const draft = this.draft;
    void this.keeper?.then((k) => k?.save(draft));
  }
}
