// Files from a drop that may hold folders (an imaging study is a folder tree of hundreds or
// thousands of files): walks `webkitGetAsEntry()` trees where the browser has them.

/** Most files taken from one drop; more are left out (a safety bound, far above a CT series). */
export const MAX_DROPPED_FILES = 20_000;
const MAX_DEPTH = 32;

/** A dropped file, and whether it came out of a folder. */
export interface DroppedFile {
  file: File;
  fromFolder: boolean;
}

type Entry = FileSystemEntry & { isFile: boolean; isDirectory: boolean };

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

// readEntries answers in batches (100 in Chromium) until it answers an empty one.
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (let i = 0; i < MAX_DROPPED_FILES; i++) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    all.push(...batch);
  }
  return all;
}

async function walk(entry: Entry, depth: number, out: DroppedFile[], fromFolder: boolean): Promise<void> {
  if (out.length >= MAX_DROPPED_FILES) return;
  if (entry.isFile) {
    out.push({ file: await fileOf(entry as unknown as FileSystemFileEntry), fromFolder });
    return;
  }
  if (!entry.isDirectory || depth >= MAX_DEPTH) return;
  for (const child of await readAll(entry as unknown as FileSystemDirectoryEntry)) await walk(child as Entry, depth + 1, out, true);
}

/** Every file of a drop, folders walked; plain files where the browser has no entries API. */
export async function droppedFiles(data: DataTransfer): Promise<DroppedFile[]> {
  const items = [...data.items].filter((i) => i.kind === 'file');
  // Entries must be taken synchronously, before the drop event's data store closes.
  const entries = items.map((i) => (typeof i.webkitGetAsEntry === 'function' ? (i.webkitGetAsEntry() as Entry | null) : null));
  if (!entries.length || entries.some((e) => !e)) return [...data.files].slice(0, MAX_DROPPED_FILES).map((file) => ({ file, fromFolder: false }));
  const out: DroppedFile[] = [];
  for (const e of entries) await walk(e as Entry, 0, out, false);
  return out;
}
