// The autosaved draft: encrypted with AES-GCM under a key that cannot leave the browser
// (non-extractable CryptoKey kept in IndexedDB), so what rests on disk is never readable text.

import { getValue, isHidden, setValue, STEP_FIELDS, STEPS, valuesFrom, type FormValues } from './request-form.model.js';

const DB = 'second-opinion-kit';
const STORE = 'drafts';
const KEY_ID = 'request-form-key';
const DRAFT_ID = 'request-form';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function open(): Promise<IDBDatabase> {
  const r = indexedDB.open(DB, 1);
  r.onupgradeneeded = () => {
    if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE);
  };
  return request(r);
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, mode);
    const result = await request(run(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  } finally {
    db.close();
  }
}

async function key(): Promise<CryptoKey> {
  const existing = await withStore('readonly', (s) => s.get(KEY_ID) as IDBRequest<CryptoKey | undefined>);
  if (existing) return existing;
  // extractable: false — script (ours or injected) can use the key but never read its bytes.
  const made = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await withStore('readwrite', (s) => s.put(made, KEY_ID));
  return made;
}

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** Encrypts and stores a draft (any JSON value), replacing the previous one. */
export async function saveDraft(value: unknown): Promise<void> {
  const k = await key();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, k, new TextEncoder().encode(JSON.stringify(value)));
  await withStore('readwrite', (s) => s.put({ iv, data } satisfies Sealed, DRAFT_ID));
}

/** The stored draft, decrypted; undefined when there is none or it cannot be read. */
export async function loadDraft(): Promise<unknown> {
  try {
    const sealed = await withStore('readonly', (s) => s.get(DRAFT_ID) as IDBRequest<Sealed | undefined>);
    if (!sealed) return undefined;
    const k = await key();
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, k, sealed.data);
    return JSON.parse(new TextDecoder().decode(plain)) as unknown;
  } catch {
    // A draft from a lost key or a damaged store is dropped: the form starts empty.
    return undefined;
  }
}

/** Deletes the stored draft and its key. */
export async function clearDraft(): Promise<void> {
  await withStore('readwrite', (s) => s.delete(DRAFT_ID));
  await withStore('readwrite', (s) => s.delete(KEY_ID));
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
