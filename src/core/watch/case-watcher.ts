// CaseWatcher: a live view of one case. It follows the backend's event stream (fetch + SSE, since
// EventSource cannot send an Authorization header), resumes from the last event id, treats a
// silent stream as dead, reconnects with full jitter in a window set by the server's `retry:`
// hint (widened only on repeated failures), falls back to ETag polling where there is no
// stream, and makes no request at all while the page is hidden.
import { createParser } from 'eventsource-parser';
import type { CallContext } from '../backend.js';
import type { SecondOpinionClient } from '../client/client.js';
import type { CaseWatch, WatchOptions } from '../client/engines.js';
import { AuthError, NetworkError, ProtocolError, isSecondOpinionError } from '../errors.js';
import { CaseEventSchema, CaseSchema, type Case, type CaseEvent } from '../model/case.js';
import { parseWith } from '../model/parse.js';
import { CaseUpdatedEvent } from '../client/events.js';
import { reconnectDelay, type BackoffOptions } from './backoff.js';
import { WatchCaseEvent, WatchConnectionEvent, WatchErrorEvent, WatchTimelineEvent, type WatchConnection } from './watch-events.js';
import * as z from 'zod/mini';

export { WatchCaseEvent, WatchConnectionEvent, WatchErrorEvent, WatchTimelineEvent, type WatchConnection } from './watch-events.js';

/** Where visibility comes from (the document, or a stand-in in tests and workers). */
export interface VisibilitySource {
  readonly hidden: boolean;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** Timers, injectable so tests can run the clock. */
export interface WatchTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface CaseWatcherOptions extends WatchOptions {
  /** The fetch for streaming and polling. Default: the global one. */
  fetch?: typeof fetch;
  visibility?: VisibilitySource | null;
  timers?: WatchTimers;
  random?: () => number;
  reconnect?: BackoffOptions;
  /** How often to poll when there is no stream, ms. Default 30000. */
  pollIntervalMs?: number;
  /** A stream silent this long (no event, no heartbeat) is dead, ms. Default 45000. */
  silenceMs?: number;
  /** Where the events go (default: the watcher itself); a watch handed out before this module loaded passes itself. */
  target?: EventTarget;
}

const StreamMessageSchema = z.object({ event: CaseEventSchema, case: CaseSchema });

const defaultTimers: WatchTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

function defaultVisibility(): VisibilitySource | null {
  return typeof document === 'undefined' ? null : document;
}

/** Follows one case live. Create it with `client.cases.watch(id)` once the engine is installed. */
export class CaseWatcher extends EventTarget implements CaseWatch {
  readonly caseId: string;
  current?: Case;
  lastEvent?: CaseEvent;
  connection: WatchConnection = 'connecting';
  private lastEventId: number;
  private readonly client: SecondOpinionClient;
  private readonly options: CaseWatcherOptions;
  private readonly timers: WatchTimers;
  private readonly visibility: VisibilitySource | null;
  private readonly fetchFn: typeof fetch;
  private attempt = 0;
  /** The server's `retry:` hint, ms, once a stream has sent one. */
  private retryHintMs?: number;
  private timer: unknown;
  private silenceTimer: unknown;
  private abort?: AbortController;
  private unsubscribe?: () => void;
  private etag?: string;
  private closed = false;
  private mode: 'stream' | 'poll' | 'subscribe';
  private readonly onVisibility = () => this.visibilityChanged();

  constructor(client: SecondOpinionClient, caseId: string, options: CaseWatcherOptions = {}) {
    super();
    this.client = client;
    this.caseId = caseId;
    this.options = options;
    this.lastEventId = options.lastEventId ?? 0;
    this.timers = options.timers ?? defaultTimers;
    this.visibility = options.visibility === undefined ? defaultVisibility() : options.visibility;
    this.fetchFn = options.fetch ?? ((...a) => globalThis.fetch(...a));
    const events = client.backend.events;
    this.mode = events?.subscribe ? 'subscribe' : events?.eventsUrl ? 'stream' : 'poll';
    this.visibility?.addEventListener('visibilitychange', this.onVisibility);
    options.signal?.addEventListener('abort', () => this.close(), { once: true });
    if (this.visibility?.hidden) this.setConnection('paused');
    else void this.refreshThenConnect();
  }

  /** Stops watching: closes the stream, cancels timers, makes no more requests. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.disconnect();
    this.visibility?.removeEventListener('visibilitychange', this.onVisibility);
    this.setConnection('closed');
  }

  private emit(event: Event): void {
    (this.options.target ?? this).dispatchEvent(event);
  }

  private setConnection(c: WatchConnection): void {
    if (this.connection === c) return;
    this.connection = c;
    this.emit(new WatchConnectionEvent(c));
  }

  private disconnect(): void {
    this.timers.clearTimeout(this.timer);
    this.timers.clearTimeout(this.silenceTimer);
    this.abort?.abort();
    this.abort = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private visibilityChanged(): void {
    if (this.closed) return;
    if (this.visibility?.hidden) {
      this.disconnect();
      this.setConnection('paused');
    } else {
      this.attempt = 0;
      void this.refreshThenConnect();
    }
  }

  private fail(error: unknown, final = false): void {
    const e = isSecondOpinionError(error) ? error : new NetworkError({ cause: error });
    this.emit(new WatchErrorEvent(e, final));
    if (final) this.close();
  }

  // `told`: the client already announced this case (it came from `client.cases.get`). A case from the
  // stream or a poll is announced here, so every element on the client follows it, not only the one
  // watching (the uploader in a tracker's slot missed a live information request: issue 16).
  private accept(next: Case, told = false): void {
    const previous = this.current;
    if (previous && next.version <= previous.version) return;
    this.current = next;
    if (!told) this.client.dispatchEvent(new CaseUpdatedEvent(next));
    this.emit(new WatchCaseEvent(next, previous));
  }

  private acceptEvent(event: CaseEvent): void {
    if (event.id <= this.lastEventId) return;
    this.lastEventId = event.id;
    this.lastEvent = event;
    this.emit(new WatchTimelineEvent(event));
  }

  // Refreshes the whole case, then goes live. Used at start, on becoming visible, after an id jump.
  private async refreshThenConnect(): Promise<void> {
    this.disconnect();
    if (this.closed || this.visibility?.hidden) return;
    this.setConnection('connecting');
    try {
      await this.fetchCase();
    } catch (e) {
      if (isSecondOpinionError(e) && (e.code === 'not_found' || e.code === 'auth' || e.code === 'forbidden')) return this.fail(e, true);
      this.fail(e);
      return this.scheduleReconnect();
    }
    if (this.closed || this.visibility?.hidden) return;
    if (this.mode === 'subscribe') this.subscribe();
    else if (this.mode === 'stream') void this.stream();
    else this.schedulePoll(true);
  }

  private async fetchCase(): Promise<void> {
    const c = await this.client.cases.get(this.caseId);
    // The first read is the starting point, not news: only later entries are dispatched as events.
    if (!this.current && this.options.lastEventId === undefined) this.lastEventId = c.timeline.at(-1)?.id ?? 0;
    for (const e of c.timeline) this.acceptEvent(e);
    this.accept(c, true);
  }

  private subscribe(): void {
    const ctx: CallContext = this.client.context();
    this.unsubscribe = this.client.backend.events!.subscribe!(this.caseId, (raw) => this.message(raw), ctx);
    this.setConnection('live');
  }

  private message(raw: unknown): void {
    const parsed = parseWith(StreamMessageSchema, raw);
    if (!parsed.ok) {
      this.fail(new ProtocolError({ issues: parsed.issues }));
      void this.refreshThenConnect();
      return;
    }
    const { event, case: c } = parsed.value;
    // A gap in ids means events were missed: read the whole case again.
    const jumped = this.lastEventId > 0 && event.id > this.lastEventId + 1;
    this.acceptEvent(event);
    this.accept(c);
    if (jumped && this.mode !== 'subscribe') void this.refreshThenConnect();
  }

  // The case changed with no timeline entry (a care-team delivery's state): read it again, unless
  // the version told is one already seen. A failed read is reported; the stream goes on.
  private changed(data: string): void {
    let version: unknown;
    try {
      version = (JSON.parse(data) as { version?: unknown } | null)?.version;
    } catch {
      // No version: read anyway.
    }
    if (typeof version === 'number' && this.current && version <= this.current.version) return;
    void this.fetchCase().catch((e: unknown) => this.closed || this.fail(e));
  }

  private armSilence(): void {
    this.timers.clearTimeout(this.silenceTimer);
    this.silenceTimer = this.timers.setTimeout(() => {
      // A stream that stopped speaking (not even heartbeats) is dead though no error came.
      this.abort?.abort();
    }, this.options.silenceMs ?? 45_000);
  }

  private async stream(): Promise<void> {
    const url = this.client.backend.events!.eventsUrl!(this.caseId);
    const abort = new AbortController();
    this.abort = abort;
    let healthy = false;
    try {
      let token = await this.client.context().getAccessToken();
      let res = await this.open(url, token, abort.signal);
      if (res.status === 401) {
        token = await this.client.context().getAccessToken({ forceRefresh: true });
        res = await this.open(url, token, abort.signal);
        if (res.status === 401) return this.fail(new AuthError({ status: 401 }), true);
      }
      if (res.status === 404) return this.fail(new NetworkError({ status: 404 }), true);
      const type = res.headers.get('content-type') ?? '';
      if (res.status === 204 || res.status === 405 || res.status === 501 || (res.ok && !type.includes('text/event-stream'))) {
        // No stream here: poll instead.
        await res.body?.cancel();
        this.mode = 'poll';
        return this.schedulePoll(false);
      }
      if (!res.ok || !res.body) throw new NetworkError({ status: res.status });
      this.setConnection('live');
      this.armSilence();
      const parser = createParser({
        onEvent: (m) => {
          healthy = true;
          if (m.event === 'case-changed') return this.changed(m.data);
          if (m.event !== 'case-event') return;
          let data: unknown;
          try {
            data = JSON.parse(m.data);
          } catch {
            data = m.data;
          }
          this.message(data);
        },
        onComment: () => {
          healthy = true;
        },
        onRetry: (ms) => {
          if (Number.isFinite(ms) && ms > 0) this.retryHintMs = Math.min(ms, 60_000);
        },
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.armSilence();
        parser.feed(value);
      }
    } catch (e) {
      if (this.closed || this.abort !== abort) return;
      if (!abort.signal.aborted) this.fail(e);
    } finally {
      this.timers.clearTimeout(this.silenceTimer);
    }
    if (this.closed || this.abort !== abort) return;
    if (healthy) this.attempt = 0;
    this.scheduleReconnect();
  }

  private open(url: string, token: string | null | undefined, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (this.lastEventId > 0) headers['last-event-id'] = String(this.lastEventId);
    return this.fetchFn(url, { headers, signal, cache: 'no-store' });
  }

  private scheduleReconnect(): void {
    if (this.closed || this.visibility?.hidden) return;
    this.setConnection('waiting');
    const delay = reconnectDelay(this.attempt++, this.options.reconnect, this.options.random, this.retryHintMs);
    this.timer = this.timers.setTimeout(() => void this.refreshOrStream(), delay);
  }

  // After a drop, resume the stream from the last id; the replay fills the gap.
  private async refreshOrStream(): Promise<void> {
    if (this.closed || this.visibility?.hidden) return;
    if (this.mode === 'stream') {
      this.setConnection('connecting');
      return this.stream();
    }
    return this.refreshThenConnect();
  }

  private schedulePoll(immediate: boolean): void {
    if (this.closed || this.visibility?.hidden) return;
    this.setConnection('polling');
    this.timer = this.timers.setTimeout(() => void this.poll(), immediate ? 0 : (this.options.pollIntervalMs ?? 30_000));
  }

  // ETag polling: a conditional GET that costs the server a 304 when nothing changed.
  private async poll(): Promise<void> {
    if (this.closed || this.visibility?.hidden) return;
    const eventsUrl = this.client.backend.events?.eventsUrl?.(this.caseId);
    try {
      if (!eventsUrl) {
        await this.fetchCase();
      } else {
        const url = eventsUrl.replace(/\/events(?:\?.*)?$/, '');
        const token = await this.client.context().getAccessToken();
        const headers: Record<string, string> = { accept: 'application/json' };
        if (token) headers.authorization = `Bearer ${token}`;
        if (this.etag) headers['if-none-match'] = this.etag;
        const abort = new AbortController();
        this.abort = abort;
        const res = await this.fetchFn(url, { headers, signal: abort.signal, cache: 'no-store' });
        if (res.status === 401 || res.status === 404) return this.fail(res.status === 401 ? new AuthError({ status: 401 }) : new NetworkError({ status: 404 }), true);
        if (res.status !== 304) {
          if (!res.ok) throw new NetworkError({ status: res.status });
          const parsed = parseWith(CaseSchema, await res.json());
          if (!parsed.ok) throw new ProtocolError({ issues: parsed.issues });
          this.etag = res.headers.get('etag') ?? undefined;
          if (!this.current && this.options.lastEventId === undefined) this.lastEventId = parsed.value.timeline.at(-1)?.id ?? 0;
          for (const e of parsed.value.timeline) this.acceptEvent(e);
          this.accept(parsed.value);
        }
      }
      this.attempt = 0;
    } catch (e) {
      if (this.closed) return;
      this.fail(e);
    }
    this.schedulePoll(false);
  }
}

/** The watch engine for `client.use({ watch })`. */
export function watchEngine(options: Omit<CaseWatcherOptions, keyof WatchOptions> = {}) {
  return (client: SecondOpinionClient, caseId: string, watch: WatchOptions): CaseWatch => new CaseWatcher(client, caseId, { ...options, ...watch });
}
