// Whole-content SHA-256 for small contents (MemoryBackend, tests). Large files go through the
// incremental hasher of the upload engine instead.

/** Hex SHA-256 of a Blob, read whole. */
export async function sha256Hex(content: Blob | ArrayBuffer | Uint8Array): Promise<string> {
  const buf = content instanceof Blob ? await content.arrayBuffer() : content;
  const digest = await crypto.subtle.digest('SHA-256', buf as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
