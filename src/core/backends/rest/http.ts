// The HTTP layer behind RestBackend and FhirBackend. It knows its endpoint at once; the code that
// sends (ky, retries, problem+json) loads with the first request, so it is not first-load code.
import type { CallContext } from '../../backend.js';
import { NetworkError } from '../../errors.js';
import type { RestRetryOptions } from './retry-policy.js';
import type { Transport } from './transport.js';

/** One request RestBackend makes. */
export interface Exchange {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  searchParams?: Record<string, string | number | undefined>;
}

/** The HTTP layer behind RestBackend. */
export class Http {
  private transport?: Promise<Transport>;

  constructor(
    readonly endpoint: string,
    private readonly retry: RestRetryOptions = {},
    private readonly fetchImpl?: typeof fetch,
    private readonly timeoutMs = 15_000,
  ) {}

  /** The absolute URL of a protocol path. */
  url(path: string): string {
    return this.endpoint.replace(/\/+$/, '') + path;
  }

  /** Sends the exchange and reads its JSON answer. */
  async json(x: Exchange, ctx: CallContext): Promise<unknown> {
    return (await this.sender()).json(x, ctx);
  }

  /** Sends the exchange and reads its answer as bytes. */
  async blob(x: Exchange, ctx: CallContext): Promise<Blob> {
    return (await this.sender()).blob(x, ctx);
  }

  // A failed load (offline) is a network error, and the next request tries again.
  private sender(): Promise<Transport> {
    this.transport ??= import('./transport.js').then(
      (m) => new m.Transport((path) => this.url(path), this.retry, this.fetchImpl, this.timeoutMs),
      (cause: unknown) => {
        this.transport = undefined;
        throw new NetworkError({ cause });
      },
    );
    return this.transport;
  }
}
