// The opinion editor's draft, kept per case in the kit's sealed store (AES-GCM under a
// non-extractable key in IndexedDB): what rests on disk is never readable text, and the case is named
// by a digest of its id, so no case id rests there either. Loaded on demand by the controller.
import { sealedStore } from '../shared/sealed-store.js';
import { storedDraft, type OpinionDraft } from './opinion-editor.model.js';

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
