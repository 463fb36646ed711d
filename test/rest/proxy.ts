// A loopback proxy in front of a real server that can drop answers or break them on purpose.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy forwarded, as the upstream server saw it. */
export interface Forwarded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** An answer about to go back to the client; transforms may change any part. */
export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ProxyRules {
  /** Rewrites a request's headers before it goes upstream. */
  request?(f: Forwarded): void;
  /** True to let the server handle the request, then cut the connection before the answer. */
  drop?(f: Forwarded, n: number): boolean;
  /** Rewrites a buffered answer (event streams pass through untouched). */
  response?(f: Forwarded, out: Outgoing): void;
}

export interface Proxy {
  url: string;
  forwarded: Forwarded[];
  close(): Promise<void>;
}

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

/** Starts a proxy on 127.0.0.1 to `target`. */
export async function startProxy(target: string, rules: ProxyRules = {}): Promise<Proxy> {
  const upstream = new URL(target);
  const forwarded: Forwarded[] = [];
  const server = createServer((req, res) => {
    const f: Forwarded = { method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers } };
    rules.request?.(f);
    const n = forwarded.push(f) - 1;
    const headers = Object.fromEntries(Object.entries(f.headers).filter(([k]) => !HOP.has(k))) as IncomingHttpHeaders;
    const up = httpRequest({ host: upstream.hostname, port: upstream.port, method: f.method, path: f.url, headers }, (answer) => {
      if (rules.drop?.(f, n)) {
        // The server has answered; the client never hears it.
        answer.resume();
        answer.on('end', () => req.socket.destroy());
        return;
      }
      const outHeaders = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !HOP.has(k)).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      if ((answer.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        res.writeHead(answer.statusCode ?? 502, outHeaders);
        answer.pipe(res);
        res.on('close', () => answer.destroy());
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const out: Outgoing = { status: answer.statusCode ?? 502, headers: outHeaders, body: Buffer.concat(chunks) };
        rules.response?.(f, out);
        res.writeHead(out.status, out.headers);
        res.end(out.body);
      });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
