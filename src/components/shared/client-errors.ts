// Lets an element claim a client error it shows, so <so-provider> reports only the unclaimed ones.
import type { ClientErrorEvent } from '../../core/client/events.js';
import type { SecondOpinionClient } from '../../core/client/client.js';
import type { SecondOpinionError } from '../../core/errors.js';

const events = new WeakMap<object, ClientErrorEvent>();
const watched = new WeakSet<SecondOpinionClient>();

/** Remembers each `client-error` event of `client` by its error, for `claimClientError`. */
export function watchClientErrors(client: SecondOpinionClient): void {
  if (watched.has(client)) return;
  watched.add(client);
  client.addEventListener('client-error', (e) => events.set(e.error, e));
}

/** Marks the error as shown to the person (calls `preventDefault()` on its `client-error` event). */
export function claimClientError(error: unknown): void {
  if (error && typeof error === 'object') events.get(error)?.preventDefault();
}

/** Calls `report` for each error of `client` nobody claimed once the callers' handlers have run; returns an unsubscribe. */
export function onUnclaimedError(client: SecondOpinionClient, report: (error: SecondOpinionError, operation: string) => void): () => void {
  const listener = (e: ClientErrorEvent) => {
    // A macrotask: every promise handler of the failed call (where elements claim) has run by then.
    setTimeout(() => {
      if (!e.defaultPrevented) report(e.error, e.operation);
    }, 0);
  };
  client.addEventListener('client-error', listener);
  return () => client.removeEventListener('client-error', listener);
}
