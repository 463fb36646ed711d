// A tus-js-client file reader for Blobs that works in every runtime (its Node reader takes only
// Buffers and streams); slices stay lazy Blobs, so no part is read before it is sent.
import type { UploadFileReader, UploadFileSource, UploadSlice } from './tus-types.js';

class BlobSource implements UploadFileSource {
  readonly size: number;
  constructor(private readonly blob: Blob) {
    this.size = blob.size;
  }
  // A part that is the whole file goes as the File itself: Chromium sends a File straight from disk
  // but a Blob slice through its blob pipe, which costs about twice the browser CPU per byte.
  slice(start: number, end: number): Promise<UploadSlice> {
    const whole = start === 0 && end >= this.size;
    return Promise.resolve({ value: whole ? this.blob : this.blob.slice(start, end), done: end >= this.size });
  }
  close(): void {}
}

/** Opens Blobs (and Files) for tus-js-client. */
export class BlobReader implements UploadFileReader {
  openFile(input: unknown): Promise<UploadFileSource> {
    if (input instanceof Blob) return Promise.resolve(new BlobSource(input));
    return Promise.reject(new TypeError('uploads take a Blob or a File'));
  }
}
