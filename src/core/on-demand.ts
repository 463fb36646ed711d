// Code a page loads when it first needs it (a dynamic `import()`), shared by every caller: loaded
// once and kept; a failed load (the network dropped) is a NetworkError and is forgotten, so the
// next ask loads again.
import { NetworkError } from './errors.js';

/** A part loaded on demand: `load()` starts it (once), `now` is the part once it is in. */
export interface OnDemand<T> {
  /** The part, loading it on the first ask; rejects with a NetworkError when it cannot be fetched. */
  load(): Promise<T>;
  /** The part, once loaded (undefined before). */
  readonly now: T | undefined;
}

/** Wraps `fetch` (usually `() => import('./part.js')`) as an on-demand part. */
export function onDemand<T>(fetch: () => Promise<T>): OnDemand<T> {
  let pending: Promise<T> | undefined;
  let now: T | undefined;
  return {
    load: () =>
      (pending ??= fetch().then(
        (part) => (now = part),
        (cause: unknown) => {
          pending = undefined;
          throw new NetworkError({ cause });
        },
      )),
    get now() {
      return now;
    },
  };
}
