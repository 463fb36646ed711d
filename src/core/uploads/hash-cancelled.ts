// The one error a hash run ends with when its caller no longer wants it; apart from the hashing
// code, so the main thread can know it without loading hash-wasm.

/** Thrown when a run is cancelled. */
export class HashCancelled extends Error {
  override name = 'HashCancelled';
}
