// A tus-js-client file reader for Blobs that works in every runtime (its Node reader takes only
// Buffers and streams); slices stay lazy Blobs, so no part is read before it is sent.
//
// The parts are cut when the file is opened, before any byte flows, one per task: in Chromium
// `Blob.slice()` is a synchronous call to the browser's blob registry (BlobRegistry::Register in a
// trace), which waits for the browser's IO thread; made when a part starts (in the handler of the
// previous part's answer, while the browser is busy moving bytes) it held the main thread for 30
// to 60 ms on a loaded machine. Cut before the bytes flow, a slice takes well under a millisecond,
// and a part's start takes no slice at all. Past PARTS_AHEAD parts (files over 4 GiB at 64 MiB
// parts) the rest are cut as parts are taken, still one per task.
import type { UploadFileReader, UploadFileSource, UploadSlice } from './tus-types.js';

/** Parts cut ahead of the one being sent (the rest are cut as these are taken). */
const PARTS_AHEAD = 64;

class BlobSource implements UploadFileSource {
  readonly size: number;
  private readonly ready = new Map<number, Blob>();
  private next = 0;
  private cutting = false;
  private closed = false;
  private opened!: () => void;
  /** Settles once the first parts are cut (at once for a file sent in one part). */
  readonly prepared = new Promise<void>((resolve) => (this.opened = resolve));

  constructor(private readonly blob: Blob, private readonly partBytes: number) {
    this.size = blob.size;
    // A file sent in one part goes whole (see slice()); a Blob that is itself a part likewise.
    if (Number.isSafeInteger(partBytes) && partBytes > 0 && partBytes < this.size) this.cutAhead();
    else this.opened();
  }

  // One slice per task, so no task holds more than one call to the blob registry.
  private cutAhead(): void {
    if (this.cutting || this.closed || this.next >= this.size || this.ready.size >= PARTS_AHEAD) {
      if (!this.cutting) this.opened();
      return;
    }
    this.cutting = true;
    globalThis.setTimeout(() => {
      this.cutting = false;
      if (!this.closed && this.next < this.size) {
        const start = this.next;
        this.next = Math.min(this.size, start + this.partBytes);
        this.ready.set(start, this.blob.slice(start, this.next));
      }
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
    if (!(input instanceof Blob)) return Promise.reject(new TypeError('uploads take a Blob or a File'));
    const source = new BlobSource(input, chunkSize);
    return source.prepared.then(() => source);
  }
}
