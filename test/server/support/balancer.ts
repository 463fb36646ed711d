// A small round-robin HTTP load balancer on 127.0.0.1 (no sticky sessions): each request goes to
// the next instance, a request an instance refuses (it is down) goes to the one after it, and an
// answer cut by a dying instance is cut for the client too. It can also cut request bodies after
// a number of bytes, as a flaky network does.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  url: string;
  /** Which target answered each request, in order (index into the targets). */
  readonly picks: { method: string; target: number }[];
  /** Cuts the connections of the requests whose upload bodies cross these offsets (body bytes counted over all requests). */
  cutAt(offsets: number[]): void;
  readonly cuts: number;
  /** Stops forwarding the upload body that crosses `offset` (body bytes counted over all requests); resolves with its target. */
  hangAt(offset: number): Promise<number>;
  close(): Promise<void>;
}

/** Starts a balancer in front of `targets` (`http://127.0.0.1:port` each). */
export async function startBalancer(targets: string[]): Promise<Balancer> {
  let next = 0;
  let bodyBytes = 0;
  let plan: number[] = [];
  let cuts = 0;
  let hang: { at: number; reached: (target: number) => void } | undefined;
  const picks: { method: string; target: number }[] = [];
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer[] | undefined, tries: number) => {
    const i = next++ % targets.length;
    const target = new URL(targets[i]!);
    const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      picks.push({ method: req.method ?? 'GET', target: i });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
      answer.on('aborted', () => res.destroy());
    });
    up.on('error', (e: NodeJS.ErrnoException) => {
      // Refused before anything was sent on: the next instance gets it (bodies are buffered for this).
      if (!res.headersSent && e.code === 'ECONNREFUSED' && body && tries < targets.length) return forward(req, res, body, tries + 1);
      res.destroy();
    });
    res.on('close', () => up.destroy());
    if (body) {
      up.end(Buffer.concat(body));
      return;
    }
    // Upload bodies stream through, counted, and are cut where planned.
    let hung = false;
    req.on('data', (chunk: Buffer) => {
      if (hung) return;
      bodyBytes += chunk.length;
      if (hang && bodyBytes >= hang.at) {
        hung = true;
        hang.reached(i);
        hang = undefined;
        return;
      }
      if (plan.length && bodyBytes >= plan[0]!) {
        plan.shift();
        cuts++;
        up.destroy();
        req.socket.destroy();
        return;
      }
      if (!up.write(chunk)) req.pause();
    });
    up.on('drain', () => req.resume());
    req.on('end', () => up.end());
    req.on('aborted', () => up.destroy());
  };
  const server = createServer((req, res) => {
    const streamed = req.method === 'PATCH' || (req.method === 'POST' && req.url?.endsWith('/uploads'));
    if (streamed) return forward(req, res, undefined, 1);
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => forward(req, res, body, 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    picks,
    get cuts() {
      return cuts;
    },
    hangAt(offset) {
      return new Promise((reached) => (hang = { at: offset, reached }));
    },
    cutAt(offsets) {
      plan = [...offsets].sort((a, b) => a - b);
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
