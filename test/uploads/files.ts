// Disk-backed test files (as a browser's File is): a PDF header, then pseudo-random bytes.
import { randomFillSync, createHash } from 'node:crypto';
import { mkdtempSync, openAsBlob, openSync, writeSync, closeSync, rmSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'so-upload-files-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Writes `size` bytes starting with `head` to a temp file and opens it as a File named `name`. */
export async function diskFile(name: string, size: number, head: Uint8Array = new TextEncoder().encode('%PDF-1.7\n'), seed = 0): Promise<{ file: File; path: string }> {
  const path = join(dir, `${seed}-${size}-${Math.random().toString(36).slice(2)}`);
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  const block = Buffer.alloc(8 * 1024 * 1024);
  for (let at = head.length; at < size; at += block.length) {
    randomFillSync(block);
    writeSync(fd, block, 0, Math.min(block.length, size - at));
  }
  closeSync(fd);
  const blob = await openAsBlob(path);
  return { file: new File([blob], name, { type: 'application/pdf' }), path };
}

/** The same file on disk, opened again (what re-choosing it after a reload gives). */
export async function reopen(path: string, name: string): Promise<File> {
  return new File([await openAsBlob(path)], name, { type: 'application/pdf' });
}

/** Hex SHA-256 of a file on disk, by OpenSSL. */
export async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}
