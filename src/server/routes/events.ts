// `GET /v1/cases/{id}/events`: the case's timeline as server-sent events. On connect it replays every
// event after Last-Event-ID, then sends new ones as they commit on any instance, with a heartbeat comment.
// A change committed without a timeline entry (a care-team delivery's state) is told as
// `event: case-changed` with `data: {"version": n}` and no id: it moves no one's Last-Event-ID,
// carries nothing of the case, and clients that do not know it ignore it (SSE's rule for unknown events).
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import type { CaseEventMessage } from '../events-hub.js';
import { accessFor } from '../http.js';
import type { Deps } from './deps.js';

function lastEventId(raw: string | undefined): number {
  return raw && /^\d{1,10}$/.test(raw.trim()) ? Number(raw.trim()) : 0;
}

/** Mounts the event stream route. */
export function eventRoutes(app: Hono<AppEnv>, { store, hub, options }: Deps): void {
  app.get('/v1/cases/:id/events', async (c) => {
    const p = requirePrincipal(c);
    const caseId = c.req.param('id');
    const access = accessFor(p);
    await store.get(caseId, access);
    const after = lastEventId(c.req.header('Last-Event-ID') ?? c.req.query('lastEventId'));
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: ({ message: CaseEventMessage } | { version: number })[] = [];
      let wake: (() => void) | undefined;
      let closed = false;
      const stop = () => {
        closed = true;
        wake?.();
      };
      stream.onAbort(stop);
      hub.signal.addEventListener('abort', stop, { once: true });
      const heartbeat = setInterval(() => void stream.write(': hb\n\n').catch(stop), options.heartbeatMs);
      let unsubscribe: (() => void) | undefined;
      try {
        await stream.write('retry: 2000\n\n');
        // The hub reads every event after `after` from the database (the replay), then each commit's.
        const push = (item: (typeof queue)[number]) => {
          queue.push(item);
          wake?.();
        };
        unsubscribe = hub.subscribe(caseId, after, (message) => push({ message }), stop, (version) => push({ version }));
        while (!closed) {
          for (let item = queue.shift(); item; item = queue.shift()) {
            if ('version' in item) await stream.writeSSE({ event: 'case-changed', data: JSON.stringify({ version: item.version }) });
            else await stream.writeSSE({ id: String(item.message.event.id), event: 'case-event', data: JSON.stringify({ event: item.message.event, case: item.message.case }) });
          }
          if (closed) break;
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        clearInterval(heartbeat);
        unsubscribe?.();
        hub.signal.removeEventListener('abort', stop);
        await stream.close().catch(() => {});
      }
    });
  });
}
