// FhirBackend's watching: a case followed through a websocket Subscription where the server offers
// one (subscription.ts), otherwise by polling (poller.ts); the server's offer read once.
import type { CallContext } from '../core/backend.js';
import { NotFoundError } from '../core/errors.js';
import { FHIR_ID } from './fhir-http.js';
import { TimelineFeed, pollCase } from './poller.js';
import type { FhirReads } from './reads.js';
import type { FhirSetup } from './setup.js';
import { watchBySocket, watchOffer } from './subscription.js';

/** What a server's CapabilityStatement says about watching. */
export interface FhirCapabilities {
  /** The server lists the Subscription resource. */
  subscriptions: boolean;
  /** How `events.subscribe` follows a case on this server: a websocket Subscription, or polling. */
  watch: 'subscription' | 'poll';
}

// A Subscription left behind (a tab closed before its DELETE) ends on its own after a day.
const SUBSCRIPTION_LIFETIME_MS = 24 * 3600 * 1000;

/** Follows cases on the FHIR server. */
export class FhirWatch {
  // The server's watch offer, read once (a failed read is tried again by the next watch).
  private offer?: Promise<{ subscriptions: boolean; socketUrl?: string }>;

  constructor(private readonly setup: FhirSetup, private readonly reads: FhirReads, private readonly pollIntervalMs: number) {}

  /** Reads the server's CapabilityStatement: does it offer Subscriptions, and how will watching work? */
  async capabilities(ctx: CallContext): Promise<FhirCapabilities> {
    const offer = await this.watchOffer(ctx);
    return { subscriptions: offer.subscriptions, watch: offer.socketUrl ? 'subscription' : 'poll' };
  }

  private watchOffer(ctx: CallContext): Promise<{ subscriptions: boolean; socketUrl?: string }> {
    const { fhir, profile } = this.setup;
    if (profile.subscriptions === 'poll') return Promise.resolve({ subscriptions: false });
    // Shared by every watch of this backend, so one watch's stop does not cancel it for the others.
    this.offer ??= fhir.capabilities({ getAccessToken: ctx.getAccessToken }).then((cs) => watchOffer(cs, fhir.baseUrl));
    this.offer.catch(() => (this.offer = undefined));
    return this.offer;
  }

  /**
   * Follows a case: through a websocket Subscription where the server offers one (and the profile
   * is `auto`), otherwise (or when the Subscription or its socket fails) by polling its Task (or,
   * for a draft without one, its ServiceRequest) by `_lastUpdated`.
   */
  subscribe(caseId: string, listener: (event: unknown) => void, outer: CallContext): () => void {
    // Stopping also cancels a read under way, so a hidden page makes no more requests.
    const abort = new AbortController();
    outer.signal?.addEventListener('abort', () => abort.abort(), { once: true });
    const ctx: CallContext = { ...outer, signal: abort.signal };
    // Creating and deleting the Subscription are not cancelled by a stop: one made is always deleted.
    const lasting: CallContext = { getAccessToken: outer.getAccessToken };
    const feed = new TimelineFeed(listener);
    const load = () => this.reads.read(caseId, ctx, true);
    let stopped = false;
    let stopPoll: (() => void) | undefined;
    let stopSocket: (() => void) | undefined;
    const poll = () => {
      if (stopped || stopPoll) return;
      stopPoll = pollCase({ intervalMs: this.pollIntervalMs, load, changedSince: (since) => this.changedSince(caseId, since, ctx), feed });
    };
    void this.watchOffer(ctx).then(({ socketUrl }) => {
      if (stopped || !socketUrl) return poll();
      stopSocket = watchBySocket({
        socketUrl, load, feed, fallBack: poll,
        create: () => this.createSubscription(caseId, ctx, lasting),
        remove: (id) => this.setup.fhir.delete('Subscription', id, lasting),
      });
    }, poll);
    return () => {
      stopped = true;
      feed.stop();
      stopSocket?.();
      stopPoll?.();
      abort.abort();
    };
  }

  /** The newest `meta.lastUpdated` of the case's Task and ServiceRequest after `since`. */
  private async changedSince(caseId: string, since: string, ctx: CallContext): Promise<string | undefined> {
    const params = { _lastUpdated: `gt${since}`, _count: '1' };
    const [tasks, requests] = await Promise.all([
      this.setup.fhir.search('Task', { ...params, focus: `ServiceRequest/${caseId}` }, ctx),
      this.setup.fhir.search('ServiceRequest', { ...params, _id: caseId }, ctx),
    ]);
    return [...tasks, ...requests].map((r) => r.meta?.lastUpdated).filter((x): x is string => !!x).sort().at(-1);
  }

  /** A websocket Subscription on the case's Task (a draft without one: on its ServiceRequest); resolves to its id. */
  private async createSubscription(caseId: string, ctx: CallContext, lasting: CallContext): Promise<string> {
    if (!FHIR_ID.test(caseId)) throw new NotFoundError();
    const tasks = await this.setup.fhir.search('Task', { focus: `ServiceRequest/${caseId}`, _count: '1' }, ctx);
    const criteria = tasks.length ? `Task?focus=ServiceRequest/${caseId}` : `ServiceRequest?_id=${caseId}`;
    const made = await this.setup.fhir.create({
      resourceType: 'Subscription',
      status: 'requested',
      reason: 'Status of a second-opinion case, for the patient or staff following it',
      criteria,
      channel: { type: 'websocket' },
      // The wall clock, not the case clock: this is the server's housekeeping.
      end: new Date(Date.now() + SUBSCRIPTION_LIFETIME_MS).toISOString(),
    }, lasting);
    if (!made.id) throw new NotFoundError();
    return made.id;
  }
}
