// Waiting on the delivery worker's events: an attempt that matches, or a check that holds.
import type { AttemptRecord } from '../../../src/server/outbound/worker.js';
import type { TestServer } from '../helpers.js';

/** Resolves on the first recorded attempt `match` accepts. */
export function attempt(server: TestServer, match: (a: AttemptRecord) => boolean): Promise<AttemptRecord> {
  return new Promise((resolve) => {
    const on = (e: Event) => {
      const a = (e as CustomEvent<AttemptRecord>).detail;
      if (!match(a)) return;
      server.deliveries!.removeEventListener('attempt', on);
      resolve(a);
    };
    server.deliveries!.addEventListener('attempt', on);
  });
}

/** Resolves once `check` holds: tried now, then after each recorded attempt. */
export function until(server: TestServer, check: () => Promise<boolean>): Promise<void> {
  return new Promise((resolve, reject) => {
    let busy = false;
    let again = false;
    const run = async () => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        do {
          again = false;
          if (await check()) {
            server.deliveries!.removeEventListener('attempt', run);
            resolve();
            return;
          }
        } while (again);
      } catch (e) {
        server.deliveries!.removeEventListener('attempt', run);
        reject(e);
      } finally {
        busy = false;
      }
    };
    server.deliveries!.addEventListener('attempt', run);
    void run();
  });
}
