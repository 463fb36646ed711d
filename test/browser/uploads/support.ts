// Shared by the uploader's browser tests: a session on the reference server, cases, files, and
// the storage audit every flow ends with.
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from '@open-wc/testing';
import { RestBackend, SecondOpinionClient } from '../../../src/core/index.js';
import { validRequest } from '../../fixtures/requests.js';

export const MiB = 1024 * 1024;
/** A file name with a patient's name in it, as people's files often have. */
export const NAME = 'TREMBLAY_MARIE_IRM.pdf';

/** A client for a fresh patient on the reference server. */
export async function session(): Promise<{ client: SecondOpinionClient; url: string; token: string }> {
  const { url, token } = await executeServerCommand<{ url: string; token: string }, undefined>('so-uploads-session');
  const client = new SecondOpinionClient({ backend: new RestBackend({ endpoint: url }), getAccessToken: () => token });
  return { client, url, token };
}

/** A new submitted case of the session's patient. */
export async function newCase(client: SecondOpinionClient): Promise<string> {
  return (await client.cases.create(validRequest(), { submit: true })).id;
}

/** A PDF-looking file of `size` bytes (a PDF header, then bytes that vary with `seed`). */
export function pdfFile(size: number, name = NAME, seed = 1): File {
  const body = new Uint8Array(size);
  body.set(new TextEncoder().encode('%PDF-1.7\n'));
  // Cheap varying content: the fingerprint samples the head and tail.
  for (let i = 9; i < Math.min(size, 70_000); i++) body[i] = (i * 31 + seed) & 0xff;
  for (let i = Math.max(9, size - 70_000); i < size; i++) body[i] = (i * 17 + seed) & 0xff;
  return new File([body], name, { type: 'application/pdf' });
}

/** Hex SHA-256 by WebCrypto, to compare with the engine's and the server's. */
export async function sha256(blob: Blob): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// What must never be kept in the browser: names, the title typed, patient details, tokens.
const FORBIDDEN = ['TREMBLAY', 'Tremblay', 'MARIE', 'Marie', 'IRM', '.pdf', 'Report', 'Imaging', 'Imagerie', '1968-04-12', 'TREM 6804', 'marie@example', '514 555', 'Bearer', 'eyJ'];

async function indexedDbDump(): Promise<string> {
  const dbs = (await indexedDB.databases?.()) ?? [];
  return JSON.stringify(dbs.map((d) => d.name));
}

/** Fails when localStorage, sessionStorage or IndexedDB hold a file name, title, patient detail or token. */
export async function expectCleanStorage(extra: readonly string[] = []): Promise<void> {
  const dump: string[] = [];
  for (const s of [localStorage, sessionStorage]) {
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i)!;
      dump.push(k, s.getItem(k) ?? '');
    }
  }
  dump.push(await indexedDbDump());
  const all = dump.join('\n');
  for (const bad of [...FORBIDDEN, ...extra]) expect(all, `browser storage holds "${bad}"`).not.to.include(bad);
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i)!;
    if (k.startsWith('so-upload:')) expect(k).to.match(/^so-upload:[0-9a-f]{64}$/);
  }
}

/**
 * Holds (never sends) the first tus PATCH whose `Upload-Offset` is `offset` or more, so a test can
 * make the page "go away" with exactly the parts before it on the server. Waiting instead for a
 * progress event past a threshold races the upload: progress events are 250 ms apart, so a fast
 * run may first report the final byte, when the upload is already complete. `restore()` puts the
 * browser's XMLHttpRequest back.
 */
export function holdUploadAt(offset: number): { held: Promise<void>; restore: () => void } {
  const proto = XMLHttpRequest.prototype;
  const { open, setRequestHeader, send } = proto;
  const requests = new WeakMap<XMLHttpRequest, { method: string; offset: number }>();
  let onHeld!: () => void;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  proto.open = function (this: XMLHttpRequest, method: string, url: string | URL) {
    requests.set(this, { method: method.toUpperCase(), offset: -1 });
    return open.call(this, method, url, true);
  } as typeof open;
  proto.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    const r = requests.get(this);
    if (r && name.toLowerCase() === 'upload-offset') r.offset = Number(value);
    return setRequestHeader.call(this, name, value);
  };
  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const r = requests.get(this);
    if (r?.method === 'PATCH' && r.offset >= offset) {
      onHeld();
      return;
    }
    return send.call(this, body);
  };
  return { held, restore: () => Object.assign(proto, { open, setRequestHeader, send }) };
}
