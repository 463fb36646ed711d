// A small encrypted store for drafts: each value is sealed with AES-GCM under a key that cannot leave
// the browser (a non-extractable CryptoKey kept in IndexedDB), so what rests on disk is never readable
// text. One IndexedDB database for the kit; each user of the store (the request form, the opinion
// editor) has its own key.

const DB = 'second-opinion-kit';
const STORE = 'drafts';

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

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** Sealed values under one key: saved, read back, deleted; the key itself forgotten with `forget()`. */
export interface SealedStore {
  /** Encrypts and stores a value (any JSON value) under `id`, replacing the previous one. */
  save(id: string, value: unknown): Promise<void>;
  /** The value stored under `id`, decrypted; undefined when there is none or it cannot be read. */
  load(id: string): Promise<unknown>;
  /** Deletes the value stored under `id`. */
  delete(id: string): Promise<void>;
  /** Deletes the key: whatever it sealed can no longer be read. */
  forget(): Promise<void>;
}

/** The sealed store whose key is kept under `keyId`. */
export function sealedStore(keyId: string): SealedStore {
  async function key(): Promise<CryptoKey> {
    const existing = await withStore('readonly', (s) => s.get(keyId) as IDBRequest<CryptoKey | undefined>);
    if (existing) return existing;
    // extractable: false — script (ours or injected) can use the key but never read its bytes.
    const made = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await withStore('readwrite', (s) => s.put(made, keyId));
    return made;
  }
  return {
    async save(id, value) {
      const k = await key();
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, k, new TextEncoder().encode(JSON.stringify(value)));
      await withStore('readwrite', (s) => s.put({ iv, data } satisfies Sealed, id));
    },
    async load(id) {
      try {
        const sealed = await withStore('readonly', (s) => s.get(id) as IDBRequest<Sealed | undefined>);
        if (!sealed) return undefined;
        const k = await key();
        const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, k, sealed.data);
        return JSON.parse(new TextDecoder().decode(plain)) as unknown;
      } catch {
        // A value from a lost key or a damaged store is dropped: the caller starts empty.
        return undefined;
      }
    },
    async delete(id) {
      await withStore('readwrite', (s) => s.delete(id));
    },
    async forget() {
      await withStore('readwrite', (s) => s.delete(keyId));
    },
  };
}
