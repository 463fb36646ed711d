// Status watching through a FHIR R4 Subscription on the websocket channel: the kit creates the
// Subscription (with the caller's token, over REST), opens the server's socket, sends
// `bind <id>`, and on each `ping <id>` reads the case and hands on its new timeline entries. The
// socket URL is the server's as its CapabilityStatement names it: nothing is added to it.
import type { Case } from '../core/model/case.js';
import { reconnectDelay } from '../core/backoff.js';
import type { TimelineFeed } from './poller.js';
import type { Resource } from './types.js';

/** The CapabilityStatement extension naming a server's Subscription websocket (R4). */
export const WEBSOCKET_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-websocket';

// A server that opens the socket but never answers `bind` is treated as having none.
const BIND_TIMEOUT_MS = 15_000;

/** What the Subscription watch needs from its backend. */
export interface SocketWatchOptions {
  /** The server's websocket URL (ws: or wss:). */
  socketUrl: string;
  /** Creates the Subscription; resolves to its id. */
  create: () => Promise<string>;
  /** Deletes the Subscription (best effort: failures are ignored). */
  remove: (id: string) => Promise<unknown>;
  /** Reads the whole case. */
  load: () => Promise<Case>;
  /** Receives the cases read. */
  feed: TimelineFeed;
  /** Called at most once, when the Subscription cannot be made or its socket fails or closes. */
  fallBack: () => void;
}

/** Starts watching through a Subscription; returns the function that stops it. */
export function watchBySocket(options: SocketWatchOptions): () => void {
  let stopped = false;
  let failed = false;
  let socket: WebSocket | undefined;
  let subscriptionId: string | undefined;
  let bindTimer: ReturnType<typeof setTimeout> | undefined;
  // Reads run one at a time; pings during a read ask for one more read after it. A read that fails
  // is tried again after a jittered wait: the ping that asked for it will not come again.
  let reading = false;
  let again = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const forget = () => {
    clearTimeout(bindTimer);
    clearTimeout(retryTimer);
    if (socket) {
      socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
      socket.close();
      socket = undefined;
    }
    const id = subscriptionId;
    subscriptionId = undefined;
    if (id) options.remove(id).catch(() => undefined);
  };

  const fail = () => {
    if (stopped || failed) return;
    failed = true;
    forget();
    options.fallBack();
  };

  const read = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    clearTimeout(retryTimer);
    try {
      do {
        again = false;
        try {
          const c = await options.load();
          failures = 0;
          if (!stopped) options.feed.push(c);
        } catch {
          if (!stopped && !failed) retryTimer = setTimeout(() => void read(), reconnectDelay(failures++, { minMs: 250, maxMs: 30_000, firstWindowMs: 1000 }));
          again = false;
        }
      } while (again && !stopped && !failed);
    } finally {
      reading = false;
    }
  };

  void (async () => {
    let id: string;
    try {
      id = await options.create();
    } catch {
      return fail();
    }
    subscriptionId = id;
    if (stopped) return forget();
    try {
      socket = new WebSocket(options.socketUrl);
    } catch {
      return fail();
    }
    let bound = false;
    bindTimer = setTimeout(fail, BIND_TIMEOUT_MS);
    socket.onopen = () => socket?.send(`bind ${id}`);
    socket.onmessage = (m: MessageEvent) => {
      const [verb, about] = (typeof m.data === 'string' ? m.data : '').trim().split(/\s+/);
      if (about !== id) return;
      if (verb === 'bound' && !bound) {
        bound = true;
        clearTimeout(bindTimer);
        // The first read comes after the bind, so a change made before it is in that read and
        // every later one is pinged.
        void read();
      } else if (verb === 'ping' && bound) void read();
    };
    socket.onerror = fail;
    socket.onclose = fail;
  })();

  return () => {
    stopped = true;
    options.feed.stop();
    forget();
  };
}

/**
 * What a CapabilityStatement offers for watching: whether it lists Subscription, and the websocket
 * URL it names (resolved against the base URL; only ws: and wss:, and never one with credentials).
 */
export function watchOffer(cs: Resource, baseUrl: string): { subscriptions: boolean; socketUrl?: string } {
  const rest = (cs.rest as { resource?: { type?: string }[]; extension?: { url?: string; valueUri?: string }[] }[] | undefined) ?? [];
  const subscriptions = rest.some((r) => r.resource?.some((x) => x.type === 'Subscription'));
  const uri = rest.flatMap((r) => r.extension ?? []).find((e) => e.url === WEBSOCKET_EXTENSION)?.valueUri;
  if (!subscriptions || !uri) return { subscriptions };
  try {
    const url = new URL(uri, baseUrl);
    return url.protocol !== 'ws:' && url.protocol !== 'wss:' || url.username || url.password ? { subscriptions } : { subscriptions, socketUrl: url.href };
  } catch {
    return { subscriptions };
  }
}
