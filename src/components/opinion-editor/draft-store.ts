// The opinion editor's draft, kept per case in the kit's sealed store (AES-GCM under a
// non-extractable key in IndexedDB): what rests on disk is never readable text, and the case is named
// by a digest of its id, so no case id rests there either. Loaded on demand by the controller.
import { sealedStore } from '../shared/sealed-store.js';
import { OUTCOMES, type Outcome } from '../../core/model/codes.js';
import type { OpinionDraft } from './opinion-editor.model.js';

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** A draft read back from storage, if it has a draft's shape (anything else is dropped). */
export function storedDraft(value: unknown): OpinionDraft | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const d = value as Record<string, unknown>;
  const outcome = d.outcome === '' || OUTCOMES.includes(d.outcome as Outcome) ? (d.outcome as Outcome | '') : undefined;
  const answers = d.answers && typeof d.answers === 'object' ? Object.entries(d.answers as Record<string, unknown>) : undefined;
  if (outcome === undefined || !isText(d.summary, 5000) || !isText(d.diagnosis, 2000) || !isText(d.recommendations, 100_000) || !answers) return undefined;
  if (answers.length > 50 || !answers.every(([, a]) => isText(a, 5000))) return undefined;
  return {
    outcome, summary: d.summary, diagnosis: d.diagnosis, recommendations: d.recommendations, answers: Object.fromEntries(answers) as Record<string, string>,
    ...(isText(d.reportRecordId, 200) && d.reportRecordId ? { reportRecordId: d.reportRecordId } : {}),
  };
}

const drafts = sealedStore('opinion-editor-key');

async function slot(caseId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(caseId)));
  return `opinion-editor:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Encrypts and stores the draft for a case, replacing the previous one. */
export async function saveOpinionDraft(caseId: string, draft: OpinionDraft): Promise<void> {
  await drafts.save(await slot(caseId), draft);
}

/** The stored draft for a case, decrypted and checked; undefined when there is none or it cannot be read. */
export async function loadOpinionDraft(caseId: string): Promise<OpinionDraft | undefined> {
  return storedDraft(await drafts.load(await slot(caseId)));
}

/** Deletes the stored draft for a case. */
export async function clearOpinionDraft(caseId: string): Promise<void> {
  await drafts.delete(await slot(caseId));
}

/** Where a keeper keeps drafts (the encrypted store above; a test may hand in another). */
export interface DraftStore {
  saveOpinionDraft(caseId: string, draft: OpinionDraft): Promise<void>;
  loadOpinionDraft(caseId: string): Promise<OpinionDraft | undefined>;
  clearOpinionDraft(caseId: string): Promise<void>;
}

/**
 * One case's draft on the device: restored once, each change written in turn (a write, or a
 * restore, overtaken by a later change is dropped), cleared once issued. A store that cannot be
 * used (no IndexedDB, a lost key) leaves the draft in memory only.
 */
export class DraftKeeper {
  private chain: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(private readonly caseId: string, private readonly store: DraftStore = { saveOpinionDraft, loadOpinionDraft, clearOpinionDraft }) {}

  /** Hands the stored draft to `apply`, unless a change came first. */
  restore(apply: (draft: OpinionDraft) => void): void {
    const generation = ++this.generation;
    void this.store.loadOpinionDraft(this.caseId).then((d) => d && generation === this.generation && apply(d), () => undefined);
  }

  /** Writes the draft (after the writes before it). */
  save(draft: OpinionDraft): void {
    const generation = ++this.generation;
    this.chain = this.chain.then(() => (generation === this.generation ? this.store.saveOpinionDraft(this.caseId, draft) : undefined)).catch(() => undefined);
  }

  /** Deletes the stored draft. */
  clear(): void {
    this.generation++;
    this.chain = this.chain.then(() => this.store.clearOpinionDraft(this.caseId)).catch(() => undefined);
  }

  /** Resolves once every write and clear asked for so far is done. */
  saved(): Promise<void> {
    return this.chain;
  }
}
