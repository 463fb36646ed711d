// The request form's autosaved draft, kept in the kit's sealed store (AES-GCM under a
// non-extractable key), so what rests on disk is never readable text.

import { sealedStore } from '../shared/sealed-store.js';
import { getValue, isHidden, setValue, STEP_FIELDS, STEPS, valuesFrom, type FormValues } from './request-form.model.js';

const drafts = sealedStore('request-form-key');
const DRAFT_ID = 'request-form';

/** Encrypts and stores a draft (any JSON value), replacing the previous one. */
export function saveDraft(value: unknown): Promise<void> {
  return drafts.save(DRAFT_ID, value);
}

/** The stored draft, decrypted; undefined when there is none or it cannot be read. */
export function loadDraft(): Promise<unknown> {
  return drafts.load(DRAFT_ID);
}

/** Deletes the stored draft and its key. */
export async function clearDraft(): Promise<void> {
  await drafts.delete(DRAFT_ID);
  await drafts.forget();
}

/**
 * The stored draft as the form's answers and step, or undefined. What the host supplies in `initial`
 * and hides stays the host's, never a stale copy from the draft.
 */
export async function restoreDraft(initial: unknown, hidden: readonly string[]): Promise<{ values: FormValues; step: number } | undefined> {
  const draft = (await loadDraft()) as { values?: unknown; step?: unknown } | undefined;
  if (!draft) return undefined;
  let values = valuesFrom(draft.values);
  const fromHost = valuesFrom(initial);
  for (const field of STEPS.flatMap((s) => STEP_FIELDS[s])) {
    if (isHidden(field, hidden)) values = setValue(values, field, getValue(fromHost, field));
  }
  const step = typeof draft.step === 'number' && draft.step >= 0 && draft.step < STEPS.length ? draft.step : 0;
  return { values, step };
}
