// A real webhook receiver on 127.0.0.1 (node:http): it records every request, verifies its
// Standard Webhooks signature with the `standardwebhooks` library, and answers as told: 204, 500,
// or never (the sender times out). It can be taken down and brought back on the same port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver saw. */
export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  /** Verified with each secret the receiver knows, in order. */
  verifiedWith: boolean[];
  /** What the receiver answered: a status, or `hang` (no answer). */
  answer: number | 'hang';
}

export type Mode = 'ok' | 'fail' | 'hang';

export interface WebhookReceiver {
  readonly url: string;
  mode: Mode;
  readonly received: Received[];
  /** Secrets to verify with (a rotation adds one). */
  secrets: string[];
  /** Resolves with the first request (already seen or to come) that `match` accepts. */
  next(match: (r: Received) => boolean): Promise<Received>;
  /** Requests answered 2xx, by webhook-id. */
  deliveredIds(): Map<string, number>;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port. */
export async function startReceiver(secrets: string[]): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const waiters: { match: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  const sockets = new Set<Socket>();
  let port = 0;
  let server: Server | undefined;
  const self: WebhookReceiver = {
    get url() {
      return `http://127.0.0.1:${port}/hooks`;
    },
    mode: 'ok',
    received,
    secrets,
    next(match) {
      const seen = received.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    deliveredIds() {
      const out = new Map<string, number>();
      for (const r of received) if (typeof r.answer === 'number' && r.answer < 300) out.set(r.id, (out.get(r.id) ?? 0) + 1);
      return out;
    },
    async down() {
      if (!server) return;
      const s = server;
      server = undefined;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      for (const sock of sockets) sock.destroy();
      await closed;
    },
    async up() {
      if (server) return;
      server = createServer((req, res) => void handle(req, res));
      server.on('connection', (sock) => {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
      port = (server.address() as AddressInfo).port;
    },
    close: () => self.down(),
  };
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const h = (n: string) => String(req.headers[n] ?? '');
    const headers = { 'webhook-id': h('webhook-id'), 'webhook-timestamp': h('webhook-timestamp'), 'webhook-signature': h('webhook-signature') };
    const verifiedWith = self.secrets.map((s) => {
      try {
        new Webhook(s).verify(body, headers);
        return true;
      } catch {
        return false;
      }
    });
    const answer: Received['answer'] = self.mode === 'ok' ? 204 : self.mode === 'fail' ? 500 : 'hang';
    const r: Received = { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, payload: JSON.parse(body), verifiedWith, answer };
    received.push(r);
    if (answer !== 'hang') res.writeHead(answer).end();
    for (const w of [...waiters]) {
      if (w.match(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(r);
      }
    }
  }
  await self.up();
  return self;
}
