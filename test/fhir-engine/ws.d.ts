// The slice of `ws` 7 (a dependency of the test tools, CommonJS, no bundled types) the test harness uses.
declare module 'ws' {
  import type { IncomingMessage, Server as HttpServer } from 'node:http';
  /** One server-side socket. */
  export interface Socket {
    send(data: string): void;
    close(code?: number, reason?: string): void;
    on(event: 'message', listener: (data: Buffer | string) => void): this;
    on(event: 'close', listener: () => void): this;
  }
  /** A WebSocket server sharing an HTTP server's port. */
  export class Server {
    constructor(options: { server: HttpServer; path?: string });
    readonly clients: Set<Socket>;
    on(event: 'connection', listener: (socket: Socket, request: IncomingMessage) => void): this;
    close(callback?: () => void): void;
  }
  const ws: { Server: typeof Server };
  export default ws;
}
