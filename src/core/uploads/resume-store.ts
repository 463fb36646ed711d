// Where an unfinished upload's address is kept between page loads: the opaque fingerprint maps
// to the upload URL (and the record id the server gave it), nothing else. No name, title or kind.

/** The part of the Web Storage API the store needs (`localStorage` fits). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What is kept for one unfinished upload. */
export interface ResumeEntry {
  /** The tus upload URL. */
  uploadUrl?: string;
  /** The partial upload URLs when parts went in parallel. */
  parallelUploadUrls?: string[];
  /** The record the server created for it. */
  recordId?: string;
}

const PREFIX = 'so-upload:';
const FINGERPRINT = /^[0-9a-f]{64}$/;

/** An in-memory KeyValueStorage, for runtimes without `localStorage`. */
export class MemoryStorage implements KeyValueStorage {
  private readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  /** Every key and value, for audits. */
  entries(): [string, string][] {
    return [...this.map];
  }
}

/** The default storage: `localStorage` where the page may use it, else memory (resume then lasts the page's life). */
export function defaultStorage(): KeyValueStorage {
  try {
    const ls = (globalThis as { localStorage?: Storage }).localStorage;
    if (ls) {
      ls.getItem(PREFIX);
      return ls;
    }
  } catch {
    // Storage blocked (privacy settings, sandboxed frames): fall through to memory.
  }
  return new MemoryStorage();
}

/** Resume entries by fingerprint. */
export class ResumeStore {
  constructor(private readonly storage: KeyValueStorage = defaultStorage()) {}

  private key(fingerprint: string): string {
    // Only opaque hex fingerprints become keys, so nothing readable can be stored by mistake.
    if (!FINGERPRINT.test(fingerprint)) throw new TypeError('fingerprint must be 64 hex digits');
    return PREFIX + fingerprint;
  }

  /** The entry for a fingerprint, if one is kept. */
  get(fingerprint: string): ResumeEntry | undefined {
    const raw = this.storage.getItem(this.key(fingerprint));
    if (!raw) return undefined;
    try {
      const v = JSON.parse(raw) as { u?: unknown; p?: unknown; r?: unknown };
      const entry: ResumeEntry = {};
      if (typeof v.u === 'string') entry.uploadUrl = v.u;
      if (Array.isArray(v.p) && v.p.every((x) => typeof x === 'string')) entry.parallelUploadUrls = v.p as string[];
      if (typeof v.r === 'string') entry.recordId = v.r;
      return entry.uploadUrl || entry.parallelUploadUrls ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps (or merges into) the entry for a fingerprint. */
  set(fingerprint: string, entry: ResumeEntry): void {
    const merged = { ...this.get(fingerprint), ...entry };
    const value: { u?: string; p?: string[]; r?: string } = {};
    if (merged.uploadUrl) value.u = merged.uploadUrl;
    if (merged.parallelUploadUrls) value.p = merged.parallelUploadUrls;
    if (merged.recordId) value.r = merged.recordId;
    try {
      this.storage.setItem(this.key(fingerprint), JSON.stringify(value));
    } catch {
      // A full or blocked storage only costs the resume after a reload, not the upload.
    }
  }

  /** Forgets a fingerprint. */
  remove(fingerprint: string): void {
    try {
      this.storage.removeItem(this.key(fingerprint));
    } catch {
      // See set().
    }
  }
}
