// One HTTP exchange of RestBackend over ky: bearer token per request (refreshed once on a 401),
// Idempotency-Key on mutations, retries, timeout, abort, and every failure as a typed error.
// Loaded by Http with the first request (ky and the problem+json reader are not first-load code).
import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import type { CallContext } from '../../backend.js';
import { AuthError, NetworkError, ProtocolError, isSecondOpinionError } from '../../errors.js';
import type { Exchange } from './http.js';
import { errorFromResponse } from '../../http/problem.js';
import { kyRetry, type RestRetryOptions } from './retry-policy.js';

/** Sends Http's exchanges with ky. */
export class Transport {
  private readonly ky: KyInstance;

  constructor(
    private readonly url: (path: string) => string,
    private readonly retry: RestRetryOptions = {},
    fetchImpl?: typeof fetch,
    timeoutMs = 15_000,
  ) {
    this.ky = ky.create({
      timeout: timeoutMs,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
      // An unreadable success body is the server's fault: report it with its request id.
      parseJson: (text, { response }) => {
        try {
          return JSON.parse(text);
        } catch (cause) {
          throw new ProtocolError({ status: response.status, requestId: response.headers.get('x-request-id') ?? undefined, cause });
        }
      },
    });
  }

  /** Sends the exchange and reads its JSON answer. */
  json(x: Exchange, ctx: CallContext): Promise<unknown> {
    return this.run(x, ctx, (r) => r.json());
  }

  /** Sends the exchange and reads its answer as bytes. */
  blob(x: Exchange, ctx: CallContext): Promise<Blob> {
    return this.run(x, ctx, (r) => r.blob());
  }

  private async run<T>(x: Exchange, ctx: CallContext, read: (r: ReturnType<KyInstance>) => Promise<T>): Promise<T> {
    try {
      try {
        return await this.send(x, ctx, false, read);
      } catch (e) {
        // One fresh token, one more try: the token may simply have expired.
        if (isHTTPError(e) && e.response.status === 401) return await this.send(x, ctx, true, read);
        throw e;
      }
    } catch (e) {
      throw toKitError(e, ctx.signal);
    }
  }

  private async send<T>(x: Exchange, ctx: CallContext, forceRefresh: boolean, read: (r: ReturnType<KyInstance>) => Promise<T>): Promise<T> {
    let token: string | null | undefined;
    try {
      token = await ctx.getAccessToken(forceRefresh ? { forceRefresh: true } : undefined);
    } catch (cause) {
      throw new AuthError({ cause });
    }
    const headers = new Headers(x.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    const mutation = x.method === 'post' || x.method === 'patch';
    if (mutation && ctx.idempotencyKey) headers.set('idempotency-key', ctx.idempotencyKey);
    const searchParams = x.searchParams && Object.fromEntries(Object.entries(x.searchParams).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
    // The reader must pick json() or blob() synchronously: that sets Accept before ky sends.
    return read(this.ky(this.url(x.path), {
      method: x.method,
      headers,
      ...(x.json !== undefined ? { json: x.json } : {}),
      ...(x.body !== undefined ? { body: x.body } : {}),
      ...(searchParams ? { searchParams } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      retry: kyRetry(this.retry, !mutation || !!ctx.idempotencyKey),
    }));
  }
}

function toKitError(e: unknown, signal: AbortSignal | undefined): unknown {
  // An abort is the caller's own decision, not a failure: it stays a DOMException AbortError.
  if (signal?.aborted) return signal.reason ?? e;
  if (isSecondOpinionError(e)) return e;
  if (isHTTPError(e)) return errorFromResponse(e.response.status, e.response.headers, e.data);
  if (isTimeoutError(e)) return new NetworkError({ cause: e }, 'timeout');
  if (isNetworkError(e)) return new NetworkError({ cause: e });
  return new ProtocolError({ cause: e });
}
