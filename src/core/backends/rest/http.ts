// The HTTP layer behind RestBackend and FhirBackend. It knows its endpoint at once; the code that
// sends (ky, retries, problem+json) loads with the first request, so it is not first-load code.
import type { CallContext } from '../../backend.js';
import { onDemand } from '../../on-demand.js';
import type { RestRetryOptions } from './retry-policy.js';

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
  // ky and the retry policy load with the first request (a failed load is a NetworkError; the next request loads again).
  private readonly transport = onDemand(() => import('./transport.js').then((m) => new m.Transport((path) => this.url(path), this.retry, this.fetchImpl, this.timeoutMs)));

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
    return (await this.transport.load()).json(x, ctx);
  }

  /** Sends the exchange and reads its answer as bytes. */
  async blob(x: Exchange, ctx: CallContext): Promise<Blob> {
    return (await this.transport.load()).blob(x, ctx);
  }
}
