// The kit's own names for the tus-js-client plug-in shapes (HTTP stack, file reader). Its .d.ts
// mentions Node's Buffer, so exposing its types would make every consumer need @types/node;
// these match its interfaces structurally (tus-transfer.ts hands them to tus-js-client).

/** The answer to one tus request. */
export interface UploadHttpResponse {
  getStatus(): number;
  getHeader(header: string): string | undefined;
  getBody(): string;
  /** The runtime's own response object. */
  getUnderlyingObject(): unknown;
}

/** One tus request. */
export interface UploadHttpRequest {
  getMethod(): string;
  getURL(): string;
  setHeader(header: string, value: string): void;
  getHeader(header: string): string | undefined;
  setProgressHandler(handler: (bytesSent: number) => void): void;
  /** Sends the request with a body (a Blob slice here) or none. */
  send(body?: unknown): Promise<UploadHttpResponse>;
  abort(): Promise<void>;
  /** The runtime's own request object. */
  getUnderlyingObject(): unknown;
}

/** Makes the HTTP requests of the upload engine (tus-js-client's `HttpStack`). */
export interface UploadHttpStack {
  createRequest(method: string, url: string): UploadHttpRequest;
  getName(): string;
}

/** One slice of a file, ready to send. */
export interface UploadSlice {
  value: unknown;
  done: boolean;
}

/** An opened file the engine reads slices from. */
export interface UploadFileSource {
  size: number;
  slice(start: number, end: number): Promise<UploadSlice>;
  close(): void;
}

/** Opens files for the engine (tus-js-client's `FileReader`). */
export interface UploadFileReader {
  openFile(input: unknown, chunkSize: number): Promise<UploadFileSource>;
}
