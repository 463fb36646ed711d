// A tus-js-client file reader for Blobs that works in every runtime (its Node reader takes only
// Buffers and streams); slices stay lazy Blobs, so no part is read before it is sent.
//
// The parts are cut ahead, one per task, from the moment the file is opened: in Chromium
// `Blob.slice()` is a synchronous call to the browser's blob registry, and made when a part starts
// (in the handler of the previous part's answer, while the browser is still busy with that part's
// bytes) it held the main thread for 30 to 60 ms on a loaded machine. Cut before the bytes flow,
// each slice costs well under a millisecond, and a part's start takes no slice at all.
import type { UploadFileReader, UploadFileSource, UploadSlice } from './tus-types.js';

/** Parts cut ahead of the one being sent (the rest are cut as these are taken). */
const PARTS_AHEAD = 64;

class BlobSource implements UploadFileSource {
  readonly size: number;
  private readonly ready = new Map<number, Blob>();
  private next = 0;
  private cutting = false;
  private closed = false;

  constructor(private readonly blob: Blob, private readonly partBytes: number) {
    this.size = blob.size;
    // A file sent in one part goes whole (see slice()); a Blob that is itself a part likewise.
    if (Number.isSafeInteger(partBytes) && partBytes > 0 && partBytes < this.size) this.cutAhead();
  }

  // One slice per task, so no task holds more than one call to the blob registry.
  private cutAhead(): void {
    if (this.cutting || this.closed || this.next >= this.size || this.ready.size >= PARTS_AHEAD) return;
    this.cutting = true;
    globalThis.setTimeout(() => {
      this.cutting = false;
      if (this.closed || this.next >= this.size) return;
      const start = this.next;
      this.next = Math.min(this.size, start + this.partBytes);
      this.ready.set(start, this.blob.slice(start, this.next));
      this.cutAhead();
    }, 0);
  }

  // A part that is the whole file goes as the File itself: Chromium sends a File straight from disk
  // but a Blob slice through its blob pipe, which costs about twice the browser CPU per byte.
  slice(start: number, end: number): Promise<UploadSlice> {
    const stop = Math.min(end, this.size);
    const done = end >= this.size;
    if (start === 0 && done) return Promise.resolve({ value: this.blob, done });
    let part = this.ready.get(start);
    if (part && part.size === stop - start) this.ready.delete(start);
    else {
      // Off the plan (an offset the server gave after a cut, parallel parts): cut this range now
      // and cut ahead again from its end, where the next part starts.
      this.ready.clear();
      part = this.blob.slice(start, stop);
      this.next = stop;
    }
    this.cutAhead();
    return Promise.resolve({ value: part, done });
  }

  close(): void {
    this.closed = true;
    this.ready.clear();
  }
}

/** Opens Blobs (and Files) for tus-js-client. */
export class BlobReader implements UploadFileReader {
  openFile(input: unknown, chunkSize = Infinity): Promise<UploadFileSource> {
    if (input instanceof Blob) return Promise.resolve(new BlobSource(input, chunkSize));
    return Promise.reject(new TypeError('uploads take a Blob or a File'));
  }
}
