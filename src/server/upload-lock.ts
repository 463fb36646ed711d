// One writer per tus upload across every instance: a PostgreSQL advisory lock held by a
// connection for as long as the request writes (PostgreSQL frees it if that connection or its
// instance dies). A request that finds the upload locked asks the holder, wherever it runs, to let
// go (tus ends the older request, as its own in-memory locker does), through `NOTIFY`.
import { ERRORS } from '@tus/server';
import type { Lock, Locker, RequestRelease } from '@tus/server';
import type { Db } from './db.js';

const CHANNEL = 'so_upload_lock';

/** The tus `Locker` over the database's advisory locks. */
export class DbLocker implements Locker {
  // The releases asked of this instance's holders, and the waits for a lock freed elsewhere.
  private readonly holders = new Map<string, RequestRelease>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private unlisten?: Promise<() => Promise<void>>;

  constructor(
    private readonly db: Db,
    private readonly timeoutMs = 30_000,
  ) {}

  newLock(id: string): Lock {
    return new DbLock(this, id);
  }

  /** Starts hearing release requests and freed locks. */
  start(): Promise<unknown> {
    this.unlisten ??= this.db.listen(CHANNEL, {
      notify: (payload) => {
        const [what, id = ''] = payload.split(':', 2);
        if (what === 'release') void this.holders.get(id)?.();
        else for (const wake of [...(this.waiters.get(id) ?? [])]) wake();
      },
      // Missed notifications: every waiter tries again now.
      gap: () => {
        for (const set of this.waiters.values()) for (const wake of [...set]) wake();
      },
    });
    return this.unlisten;
  }

  async stop(): Promise<void> {
    await (await this.unlisten)?.().catch(() => {});
  }

  /** Takes the lock, asking its holder to let go, until `signal` aborts or the timeout. */
  async acquire(id: string, signal: AbortSignal, release: RequestRelease): Promise<() => Promise<void>> {
    await this.start();
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const unlock = await this.db.tryAdvisoryLock(`tus:${id}`);
      if (unlock) {
        this.holders.set(id, release);
        return async () => {
          if (this.holders.get(id) === release) this.holders.delete(id);
          await unlock();
          await this.db.query('SELECT pg_notify($1, $2)', [CHANNEL, `freed:${id}`]);
        };
      }
      if (signal.aborted || Date.now() >= deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      // Wake when it is freed; a freeing whose notification is lost is caught by the next look.
      const freed = this.waitFreed(id, signal, Math.min(500, deadline - Date.now()));
      await this.db.query('SELECT pg_notify($1, $2)', [CHANNEL, `release:${id}`]);
      await freed;
    }
  }

  private waitFreed(id: string, signal: AbortSignal, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(id);
      if (!set) this.waiters.set(id, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        set.delete(done);
        if (!set.size && this.waiters.get(id) === set) this.waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      set.add(done);
    });
  }
}

class DbLock implements Lock {
  private unlockFn?: () => Promise<void>;

  constructor(
    private readonly locker: DbLocker,
    private readonly id: string,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    this.unlockFn = await this.locker.acquire(this.id, signal, requestRelease);
  }

  async unlock(): Promise<void> {
    const fn = this.unlockFn;
    this.unlockFn = undefined;
    if (!fn) throw new Error('Releasing an unlocked lock!');
    await fn();
  }
}
