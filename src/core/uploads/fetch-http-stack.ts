// A tus-js-client HTTP stack over `fetch`, for runtimes without XMLHttpRequest (Node, Deno, Bun).
// Browsers keep tus-js-client's XHR stack, which reports upload progress natively.
import type { UploadHttpRequest, UploadHttpResponse, UploadHttpStack } from './tus-types.js';

class FetchResponse implements UploadHttpResponse {
  constructor(private readonly res: Response, private readonly body: string) {}
  getStatus(): number {
    return this.res.status;
  }
  getHeader(header: string): string | undefined {
    return this.res.headers.get(header) ?? undefined;
  }
  getBody(): string {
    return this.body;
  }
  getUnderlyingObject(): unknown {
    return this.res;
  }
}

class FetchRequest implements UploadHttpRequest {
  private readonly headers: Record<string, string> = {};
  private readonly controller = new AbortController();
  private onProgress: (bytesSent: number) => void = () => {};

  constructor(private readonly method: string, private readonly url: string, private readonly fetchImpl: typeof fetch) {}

  getMethod(): string {
    return this.method;
  }
  getURL(): string {
    return this.url;
  }
  setHeader(header: string, value: string): void {
    this.headers[header] = value;
  }
  getHeader(header: string): string | undefined {
    return this.headers[header];
  }
  setProgressHandler(handler: (bytesSent: number) => void): void {
    this.onProgress = handler;
  }

  async send(body?: Blob | null): Promise<UploadHttpResponse> {
    const init: RequestInit & { duplex?: 'half' } = { method: this.method, headers: this.headers, signal: this.controller.signal };
    if (body && body.size > 0) {
      let sent = 0;
      const progress = this.onProgress;
      // Counting what the stream hands to the socket gives progress without buffering the part.
      init.body = body.stream().pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          sent += chunk.byteLength;
          progress(sent);
          out.enqueue(chunk);
        },
      }));
      init.duplex = 'half';
      init.headers = { ...this.headers, 'Content-Length': String(body.size) };
    }
    const res = await this.fetchImpl(this.url, init);
    return new FetchResponse(res, await res.text());
  }

  abort(): Promise<void> {
    this.controller.abort();
    return Promise.resolve();
  }

  getUnderlyingObject(): unknown {
    return this.controller;
  }
}

/** The upload engine's HTTP stack over `fetch` (tus-js-client's `HttpStack` shape). */
export class FetchHttpStack implements UploadHttpStack {
  constructor(private readonly fetchImpl: typeof fetch = (...a) => fetch(...a)) {}
  createRequest(method: string, url: string): UploadHttpRequest {
    return new FetchRequest(method, url, this.fetchImpl);
  }
  getName(): string {
    return 'FetchHttpStack';
  }
}
