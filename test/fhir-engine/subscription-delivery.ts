// Subscription delivery for the test engine, per the FHIR R4 websocket channel spec
// (https://hl7.org/fhir/R4/subscription.html#2.46.7.2), since Medplum's router and MemoryRepository
// store Subscriptions but deliver nothing: a `ws` server on the engine's own loopback HTTP server,
// where a client sends `bind <id>`, is answered `bound <id>`, and is sent `ping <id>` after each
// committed write matching that Subscription's criteria. Requested websocket Subscriptions are
// made active as a server would. It keeps a log of what happened so tests can wait on it.
import type http from 'node:http';
import { matchesSearchRequest, parseSearchRequest } from '@medplum/core';
import type { Resource, Subscription } from '@medplum/fhirtypes';
import ws, { type Socket } from 'ws';
import type { StrictRepo } from './strict-repo.js';

/** The path of the socket on the engine's server. */
export const SOCKET_PATH = '/fhir/R4/websocket';

/** One thing the delivery did: a socket opened (with what its request carried), bound, pinged or closed. */
export type DeliveryEntry =
  | { kind: 'connect'; url: string; authorization?: string; cookie?: string }
  | { kind: 'bind' | 'ping' | 'refused'; id: string }
  | { kind: 'close'; ids: string[] };

/** Delivers a repository's Subscriptions over websockets on `server`. */
export function attachDelivery(server: http.Server, repo: StrictRepo) {
  const sockets = new ws.Server({ server, path: SOCKET_PATH });
  const bound = new Map<string, Set<Socket>>();
  const log: DeliveryEntry[] = [];
  const waiters: { match: (e: DeliveryEntry) => boolean; done: (e: DeliveryEntry) => void }[] = [];
  const record = (e: DeliveryEntry) => {
    log.push(e);
    for (const w of [...waiters]) if (w.match(e)) { waiters.splice(waiters.indexOf(w), 1); w.done(e); }
  };

  sockets.on('connection', (socket, req) => {
    record({ kind: 'connect', url: req.url ?? '', authorization: req.headers.authorization, cookie: req.headers.cookie });
    const mine = new Set<string>();
    socket.on('message', (data) => {
      const [verb, id] = String(data).trim().split(/\s+/);
      if (verb !== 'bind' || !id) return;
      void repo.readResource<Subscription>('Subscription', id).catch(() => undefined).then((sub) => {
        if (sub?.channel?.type !== 'websocket' || sub.status === 'off' || sub.status === 'error') {
          record({ kind: 'refused', id });
          return socket.close(1008, 'unknown subscription');
        }
        (bound.get(id) ?? bound.set(id, new Set()).get(id)!).add(socket);
        mine.add(id);
        socket.send(`bound ${id}`);
        record({ kind: 'bind', id });
      });
    });
    socket.on('close', () => {
      for (const id of mine) bound.get(id)?.delete(socket);
      record({ kind: 'close', ids: [...mine] });
    });
  });

  repo.onCommit = (written) => {
    for (const r of written) {
      // A server accepts a requested websocket Subscription whose criteria it understands.
      if (r.resourceType === 'Subscription' && r.status === 'requested' && r.channel?.type === 'websocket') {
        let ok = true;
        try { parseSearchRequest(r.criteria); } catch { ok = false; }
        void repo.updateResource({ ...r, status: ok ? 'active' : 'error' });
      }
    }
    deliver(written).catch((e: unknown) => console.error('subscription delivery failed:', (e as Error).message));
  };

  async function deliver(written: Resource[]): Promise<void> {
    const subs = await repo.searchResources<Subscription>({ resourceType: 'Subscription' });
    for (const sub of subs) {
      if (sub.status !== 'active' || sub.channel?.type !== 'websocket' || !bound.get(sub.id)?.size) continue;
      const query = parseSearchRequest(sub.criteria);
      if (!written.some((r) => r.resourceType === query.resourceType && matchesSearchRequest(r, query))) continue;
      for (const socket of bound.get(sub.id) ?? []) socket.send(`ping ${sub.id}`);
      record({ kind: 'ping', id: sub.id });
    }
  }

  return {
    /** Everything the delivery did so far. */
    log,
    /** The next entry (after this call) that matches. */
    next: (match: (e: DeliveryEntry) => boolean = () => true) => new Promise<DeliveryEntry>((done) => waiters.push({ match, done })),
    /** Closes every open socket from the server side, as a restarting server would. */
    dropSockets: () => { for (const s of sockets.clients) s.close(1012, 'restarting'); },
    /** How many sockets are open now. */
    openSockets: () => sockets.clients.size,
    /** Stops the socket server. */
    close: () => new Promise<void>((done) => sockets.close(() => done())),
  };
}

/** The delivery attached to an engine. */
export type Delivery = ReturnType<typeof attachDelivery>;
