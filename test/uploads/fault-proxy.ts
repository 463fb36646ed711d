// An HTTP proxy on 127.0.0.1 in front of a real server that can answer tus PATCHes itself with
// a 460 Checksum Mismatch (the part is read and discarded, as a checksum-checking server does).
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  url: string;
  /** tus PATCH requests seen so far (refused or forwarded). */
  readonly patches: number;
  /** Body bytes of PATCHes forwarded to the server. */
  readonly patchBytesForwarded: number;
  /** Answers the next `n` PATCHes with 460 (`Infinity`: every one). `skip` PATCHes pass first. */
  refusePatches(n: number, skip?: number): void;
  close(): Promise<void>;
}

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host']);
const forwardable = (h: IncomingHttpHeaders) => Object.fromEntries(Object.entries(h).filter(([k]) => !HOP.has(k)));

/** Starts a proxy to `target` (`http://127.0.0.1:port`). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  let patches = 0;
  let forwarded = 0;
  let refuse = 0;
  let skip = 0;
  const server = createServer((req, res) => {
    // Only tus PATCHes carry parts (the hash confirmation is a JSON PATCH).
    const tus = req.method === 'PATCH' && req.headers['content-type'] === 'application/offset+octet-stream';
    if (tus) {
      patches++;
      if (skip > 0) skip--;
      else if (refuse > 0) {
        refuse--;
        req.resume();
        req.on('end', () => {
          res.writeHead(460, { 'Tus-Resumable': '1.0.0', 'Content-Type': 'text/plain' });
          res.end('Checksum Mismatch');
        });
        return;
      }
    }
    const up = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: forwardable(req.headers) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    if (tus) req.on('data', (c: Buffer) => (forwarded += c.length));
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get patches() {
      return patches;
    },
    get patchBytesForwarded() {
      return forwarded;
    },
    refusePatches(n, first = 0) {
      refuse = n;
      skip = first;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
