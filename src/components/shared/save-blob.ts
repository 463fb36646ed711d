// Saves a Blob as a download through a hidden link in the element's root (a Blob URL, revoked once the
// download has started): the opinion report, a record a staff member downloads.

// Long enough for every engine to have started reading the URL.
const REVOKE_AFTER_MS = 1000;

/** Downloads `blob` as `fileName` from a link appended to `root` and removed at once. */
export function saveBlob(root: ParentNode & Node, blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const doc = root.ownerDocument ?? document;
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  root.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
