// A TCP proxy on 127.0.0.1 in front of a real server: counts every byte the client sends and
// cuts connections (both sides at once) when the count crosses the planned offsets.
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CutProxy {
  url: string;
  /** Bytes received from clients so far (request lines, headers and bodies). */
  readonly bytesUp: number;
  /** Connections cut so far. */
  readonly cuts: number;
  /** Cuts the connection carrying the byte that crosses each offset (bytes counted upstream). */
  cutAt(offsets: number[]): void;
  /** Stops forwarding (without closing) once the count crosses `offset`; resolves when it does. */
  hangAt(offset: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (`http://127.0.0.1:port`). */
export async function startCutProxy(target: string): Promise<CutProxy> {
  const { hostname, port } = new URL(target);
  let bytesUp = 0;
  let cuts = 0;
  let plan: number[] = [];
  let hang: { at: number; reached: () => void } | undefined;
  const hung = new Set<Socket>();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      if (hung.has(client)) return;
      bytesUp += chunk.length;
      if (hang && bytesUp >= hang.at) {
        // The server sees nothing more on this connection; the client sees no answer.
        hung.add(client);
        hang.reached();
        hang = undefined;
        return;
      }
      if (plan.length && bytesUp >= (plan[0] as number)) {
        plan.shift();
        cuts++;
        // The crossing chunk never reaches the server: it is lost with the connection.
        end();
        return;
      }
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    get bytesUp() {
      return bytesUp;
    },
    get cuts() {
      return cuts;
    },
    hangAt(offset) {
      return new Promise<void>((reached) => (hang = { at: offset, reached }));
    },
    cutAt(offsets) {
      plan = [...offsets].sort((a, b) => a - b);
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
