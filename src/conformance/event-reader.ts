// Reads a text/event-stream over fetch, one event at a time, so rules can wait for exactly the
// events they expect and then hang up.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { RuleFailure } from './probe.js';

/** An open event stream. */
export class EventReader {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Headers;
  private readonly queue: EventSourceMessage[] = [];
  private wake?: () => void;
  private ended = false;

  private constructor(res: Response, private readonly controller: AbortController) {
    this.status = res.status;
    this.contentType = res.headers.get('content-type') ?? '';
    this.headers = res.headers;
    const parser = createParser({ onEvent: (e) => this.push(e) });
    const body = res.body;
    if (!body || res.status !== 200) {
      this.ended = true;
      void body?.cancel().catch(() => undefined);
      return;
    }
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of body) parser.feed(decoder.decode(chunk, { stream: true }));
      } catch {
        // An abort or a dropped connection ends the stream; next() reports it.
      }
      this.ended = true;
      this.wake?.();
    })();
  }

  /** Opens the stream; `signal` bounds the whole read. */
  static async open(fetchImpl: typeof fetch, url: string, headers: Record<string, string>, signal: AbortSignal): Promise<EventReader> {
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const res = await fetchImpl(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    return new EventReader(res, controller);
  }

  private push(e: EventSourceMessage): void {
    this.queue.push(e);
    this.wake?.();
  }

  /** The next event; fails the rule when the stream ends first. */
  async next(): Promise<EventSourceMessage> {
    for (;;) {
      const e = this.queue.shift();
      if (e) return e;
      if (this.ended) throw new RuleFailure('the event stream ended before the expected event');
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Hangs up. */
  close(): void {
    this.controller.abort();
  }
}
