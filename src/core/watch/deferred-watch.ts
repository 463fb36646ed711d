// The watch engine `createClient` installs: `cases.watch()` hands out a watch at once and the live
// watcher (with eventsource-parser) loads on first use, so pages that never watch never download it.
// It loads through the core's one loader: once for every watch, and a failed load is tried again by
// the next watch.
import type { SecondOpinionClient } from '../client/client.js';
import type { CaseWatch, WatchOptions } from '../client/engines.js';
import type { Case, CaseEvent } from '../model/case.js';
import type { NetworkError } from '../errors.js';
import { onDemand } from '../on-demand.js';
import type { CaseWatcherOptions } from './case-watcher.js';
import { WatchConnectionEvent, WatchErrorEvent, type WatchConnection } from './watch-events.js';

type Watcher = CaseWatch & { readonly connection: WatchConnection };

const watcherModule = onDemand(() => import('./case-watcher.js'));

/** A watch that starts a `CaseWatcher` (dispatching on this object) once the watcher module has loaded. */
export class DeferredCaseWatch extends EventTarget implements CaseWatch {
  readonly caseId: string;
  private inner?: Watcher;
  private closed = false;

  constructor(client: SecondOpinionClient, caseId: string, options: CaseWatcherOptions = {}) {
    super();
    this.caseId = caseId;
    options.signal?.addEventListener('abort', () => this.close(), { once: true });
    watcherModule.load().then(
      ({ CaseWatcher }) => {
        if (!this.closed) this.inner = new CaseWatcher(client, caseId, { ...options, target: this });
      },
      (e: NetworkError) => {
        // The module could not be fetched (offline, a redeploy): final for this watch; the next watch loads again.
        if (this.closed) return;
        this.dispatchEvent(new WatchErrorEvent(e, true));
        this.close();
      },
    );
  }

  /** The case as last seen. */
  get current(): Case | undefined {
    return this.inner?.current;
  }

  /** The last timeline entry seen. */
  get lastEvent(): CaseEvent | undefined {
    return this.inner?.lastEvent;
  }

  /** How the watch is connected right now (`connecting` while the watcher loads). */
  get connection(): WatchConnection {
    return this.inner?.connection ?? (this.closed ? 'closed' : 'connecting');
  }

  /** Stops watching; before the watcher loaded, it is never started. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.inner) this.inner.close();
    else this.dispatchEvent(new WatchConnectionEvent('closed'));
  }
}

/** The watch engine for `client.use({ watch })` that loads the watcher on the first `cases.watch()`. */
export function deferredWatchEngine(options: Omit<CaseWatcherOptions, keyof WatchOptions | 'target'> = {}) {
  return (client: SecondOpinionClient, caseId: string, watch: WatchOptions): CaseWatch => new DeferredCaseWatch(client, caseId, { ...options, ...watch });
}
