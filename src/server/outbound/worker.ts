// The delivery worker. Any number of instances run one each on the same database: a worker claims
// due deliveries with `FOR UPDATE SKIP LOCKED` and a lease (`locked_until`), attempts them outside
// any transaction, and records the result only while its claim still stands (the attempt count is
// the fence). A worker that dies leaves its claims to expire, and another (or its restart) takes
// them: a delivery is attempted by one instance at a time and never lost; a receiver may see a
// message again after a crash, with the same `webhook-id`. A transaction that adds deliveries sends
// `NOTIFY so_deliveries`, and every instance's worker wakes on it; it sleeps otherwise until the next
// retry or lease is due (`pollMs` at most, a safety net for a notification lost with its connection).
import { reconnectDelay } from '../../core/backoff.js';
import type { DeliveryTiming } from '../config.js';
import type { Db, Queryable } from '../db.js';
import type { Logger } from '../logging.js';
import { DELIVERIES_CHANNEL } from './outbox.js';
import { disableEndpoint, postWebhook, type AttemptResult, type EndpointSecret } from './webhooks.js';

/** A claimed delivery, as the worker hands it to its channel. */
export interface ClaimedDelivery {
  id: number;
  messageId: string;
  caseId: string;
  type: string;
  channel: 'webhook' | 'email' | 'care_team';
  endpointId: string | null;
  detail: Record<string, unknown>;
  payload: unknown;
  attempts: number;
}

/** Runs inside the transaction that records an attempt's result. */
export type RecordedHook = (tx: Queryable, d: ClaimedDelivery, state: 'delivered' | 'pending' | 'failed') => Promise<void>;

/** Sends one e-mail-like delivery (patient notice, care-team notice). */
export type ChannelSender = (d: ClaimedDelivery) => Promise<AttemptResult>;

interface ClaimRow {
  id: string | number;
  message_id: string;
  case_id: string;
  type: string;
  channel: ClaimedDelivery['channel'];
  endpoint_id: string | null;
  detail: Record<string, unknown>;
  payload: unknown;
  attempts: number;
}

/** The wait before retry `failures` (1 = after the first failure): the kit's one backoff, full jitter. */
export function retryDelayMs(failures: number, t: Pick<DeliveryTiming, 'retryMinMs' | 'retryFirstWindowMs' | 'retryMaxMs'>, random: () => number = Math.random): number {
  return reconnectDelay(Math.max(0, failures - 1), { minMs: t.retryMinMs, maxMs: t.retryMaxMs, firstWindowMs: t.retryFirstWindowMs }, random);
}

/** What an `attempt` event tells: one attempt, recorded. */
export interface AttemptRecord {
  deliveryId: number;
  messageId: string;
  caseId: string;
  type: string;
  channel: ClaimedDelivery['channel'];
  endpointId: string | null;
  attempts: number;
  ok: boolean;
  error?: string;
  /** The delivery's state after this attempt (`pending`: a retry is scheduled). */
  state: 'delivered' | 'pending' | 'failed';
  payload: unknown;
}

/** Claims, attempts and records deliveries until stopped. Fires `attempt` (a CustomEvent of {@link AttemptRecord}) after each recorded attempt. */
export class DeliveryWorker extends EventTarget {
  private running = false;
  private timer?: ReturnType<typeof setTimeout>;
  private wakeNow?: () => void;
  // A wake that came while the worker was busy: its next sleep is skipped.
  private woken = false;
  private unlisten?: () => Promise<void>;
  private loop?: Promise<void>;
  private readonly inFlight = new Map<number, { attempts: number; abort: AbortController }>();

  constructor(
    private readonly db: Db,
    private readonly timing: DeliveryTiming,
    private readonly senders: Partial<Record<'email' | 'care_team', ChannelSender>>,
    private readonly logger: Logger,
    private readonly recorded?: RecordedHook,
  ) {
    super();
  }

  /** Starts the loop. On PGlite (one process owns the data directory) claims left by a crash are released at once. */
  async start(): Promise<void> {
    if (this.running) return;
    if (this.db.kind === 'pglite') await this.db.query(`UPDATE deliveries SET state = 'pending', locked_until = NULL, next_attempt_at = now() WHERE state = 'sending'`);
    // Another instance's new deliveries wake this worker too; a gap in listening may have hidden some.
    this.unlisten = await this.db.listen(DELIVERIES_CHANNEL, { notify: () => this.wake(), gap: () => this.wake() });
    this.running = true;
    this.loop = this.run();
  }

  /** Looks for due deliveries now (a notification came, or the worker stops). */
  wake(): void {
    if (this.wakeNow) this.wakeNow();
    else this.woken = true;
  }

  /** Stops claiming, gives back what is in flight (due again at once) and waits for the loop. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    for (const f of this.inFlight.values()) f.abort.abort();
    await this.loop;
    await this.unlisten?.().catch(() => {});
    this.unlisten = undefined;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed: ClaimedDelivery[] = [];
      // This claim sees whatever was committed before now.
      this.woken = false;
      try {
        claimed = await this.claim();
        await Promise.all(claimed.map((d) => this.attempt(d)));
      } catch (e) {
        if (this.running) this.logger.error({ msg: 'delivery worker', error: e instanceof Error ? e.name : 'unknown' });
      }
      if (!this.running) break;
      if (claimed.length >= this.timing.batch) continue;
      await this.sleep(await this.untilDue().catch(() => this.timing.pollMs));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.woken || !this.running) return resolve();
      const done = () => {
        clearTimeout(this.timer);
        this.wakeNow = undefined;
        resolve();
      };
      this.wakeNow = done;
      this.timer = setTimeout(done, Math.max(0, ms));
    });
  }

  // Milliseconds until the next pending delivery is due (at most the poll interval: other instances add work too).
  private async untilDue(): Promise<number> {
    const r = await this.db.query<{ ms: number | null }>(
      `SELECT (EXTRACT(EPOCH FROM (min(CASE WHEN state = 'pending' THEN next_attempt_at ELSE locked_until END) - now())) * 1000)::float8 AS ms
       FROM deliveries WHERE state IN ('pending', 'sending')`,
    );
    const ms = r.rows[0]?.ms;
    return ms === null || ms === undefined ? this.timing.pollMs : Math.min(this.timing.pollMs, Math.max(0, Math.ceil(ms)) + 5);
  }

  private async claim(): Promise<ClaimedDelivery[]> {
    const r = await this.db.query<ClaimRow>(
      `WITH due AS (
         SELECT id FROM deliveries
         WHERE (state = 'pending' AND next_attempt_at <= now()) OR (state = 'sending' AND locked_until <= now())
         ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE deliveries d SET state = 'sending', attempts = d.attempts + 1, last_attempt_at = now(),
         locked_until = now() + ($2::float8 * interval '1 millisecond')
       FROM due, outbox o WHERE d.id = due.id AND o.id = d.message_id
       RETURNING d.id, d.message_id, o.case_id, o.type, d.channel, d.endpoint_id, d.detail, o.payload, d.attempts`,
      [this.timing.batch, this.timing.leaseMs],
    );
    return r.rows.map((row) => ({
      id: Number(row.id), messageId: row.message_id, caseId: row.case_id, type: row.type, channel: row.channel,
      endpointId: row.endpoint_id, detail: row.detail, payload: row.payload, attempts: row.attempts,
    }));
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const abort = new AbortController();
    this.inFlight.set(d.id, { attempts: d.attempts, abort });
    let result: AttemptResult;
    try {
      result = await this.send(d, abort.signal);
    } catch (e) {
      result = { ok: false, error: e instanceof Error ? e.name : 'failed' };
    } finally {
      this.inFlight.delete(d.id);
    }
    if (abort.signal.aborted) {
      // Stopped mid-attempt: the claim goes back, due at once, and this attempt does not count.
      await this.db.query(`UPDATE deliveries SET state = 'pending', locked_until = NULL, attempts = attempts - 1, next_attempt_at = now() WHERE id = $1 AND state = 'sending' AND attempts = $2`, [d.id, d.attempts]).catch(() => {});
      return;
    }
    const state = await this.record(d, result);
    if (!state) return;
    const detail: AttemptRecord = { deliveryId: d.id, messageId: d.messageId, caseId: d.caseId, type: d.type, channel: d.channel, endpointId: d.endpointId, attempts: d.attempts, ok: result.ok, ...(result.error ? { error: result.error } : {}), state, payload: d.payload };
    this.dispatchEvent(new CustomEvent('attempt', { detail }));
  }

  private async send(d: ClaimedDelivery, signal: AbortSignal): Promise<AttemptResult> {
    if (d.channel === 'webhook') {
      const ep = (await this.db.query<{ url: string; secrets: EndpointSecret[]; enabled: boolean }>('SELECT url, secrets, enabled FROM webhook_endpoints WHERE id = $1', [d.endpointId])).rows[0];
      if (!ep?.enabled) return { ok: false, error: 'endpoint disabled' };
      return raceAbort(postWebhook(ep.url, d.messageId, JSON.stringify(d.payload), ep.secrets, this.timing.timeoutMs), signal);
    }
    const sender = this.senders[d.channel];
    if (!sender) return { ok: false, error: 'channel not configured' };
    return raceAbort(sender(d), signal);
  }

  // The delivery's state after the attempt; undefined when the claim was lost (another instance took it).
  private async record(d: ClaimedDelivery, result: AttemptResult): Promise<AttemptRecord['state'] | undefined> {
    return this.db.transaction(async (tx) => {
      if (result.ok) {
        const w = await tx.query(`UPDATE deliveries SET state = 'delivered', locked_until = NULL, delivered_at = now(), last_status = $3, last_error = NULL WHERE id = $1 AND state = 'sending' AND attempts = $2`, [d.id, d.attempts, result.status ?? null]);
        if (!w.rowCount) return undefined;
        if (d.endpointId) await tx.query('UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1', [d.endpointId]);
        await this.recorded?.(tx, d, 'delivered');
        return 'delivered';
      }
      const delay = retryDelayMs(d.attempts, this.timing);
      const endpointGone = result.error === 'endpoint disabled';
      const w = await tx.query<{ state: 'pending' | 'failed' }>(
        `UPDATE deliveries SET locked_until = NULL, last_status = $3, last_error = $4,
           state = CASE WHEN $6::boolean OR window_start + ($7::float8 * interval '1 millisecond') <= now() THEN 'failed' ELSE 'pending' END,
           next_attempt_at = now() + ($5::float8 * interval '1 millisecond')
         WHERE id = $1 AND state = 'sending' AND attempts = $2 RETURNING state`,
        [d.id, d.attempts, result.status ?? null, (result.error ?? 'failed').slice(0, 300), delay, endpointGone, this.timing.giveUpAfterMs],
      );
      const state = w.rows[0]?.state;
      if (!state) return undefined;
      await this.recorded?.(tx, d, state);
      if (!d.endpointId || endpointGone) return state;
      // The endpoint's failure clock starts at its first failure since a success; past the limit it is disabled.
      const ep = await tx.query<{ failing: boolean }>(
        `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, now()) WHERE id = $1
         RETURNING failing_since + ($2::float8 * interval '1 millisecond') <= now() AS failing`,
        [d.endpointId, this.timing.disableAfterMs],
      );
      if (ep.rows[0]?.failing) {
        await disableEndpoint(tx, d.endpointId, `Every delivery failed for ${formatSpan(this.timing.disableAfterMs)}; the last: ${result.error ?? 'failed'}.`);
        this.logger.error({ msg: 'webhook endpoint disabled', endpointId: d.endpointId });
      }
      return state;
    });
  }
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function formatSpan(ms: number): string {
  if (ms >= 86_400_000) return `${Math.round(ms / 86_400_000)} days`;
  if (ms >= 3_600_000) return `${Math.round(ms / 3_600_000)} hours`;
  return `${Math.round(ms / 1000)} seconds`;
}
