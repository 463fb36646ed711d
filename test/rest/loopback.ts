// A small real HTTP server on 127.0.0.1 for fault injection: each test scripts its answers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export type Script = (req: IncomingMessage, res: ServerResponse, n: number, seen: Seen) => void;

export interface Loopback {
  url: string;
  seen: Seen[];
  /** Resolves with the n-th request (0-based) once it has arrived. */
  nth(n: number): Promise<Seen>;
  close(): Promise<void>;
}

/** Starts a server whose answers come from `script`; `n` counts requests from 0. */
export async function loopback(script: Script): Promise<Loopback> {
  const seen: Seen[] = [];
  const waiting = new Map<number, (s: Seen) => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString(), at: performance.now() };
      const n = seen.push(s) - 1;
      waiting.get(n)?.(s);
      script(req, res, n, s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    nth: (n) => (seen[n] ? Promise.resolve(seen[n]) : new Promise((resolve) => waiting.set(n, resolve))),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Answers JSON with a status and headers. */
export function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'content-type': type, 'x-request-id': 'req-test', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}
