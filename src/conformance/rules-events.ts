// Rules on the case event stream: replay of the timeline, live events, resume from Last-Event-ID.
import { CaseEventSchema, CaseSchema } from '../core/index.js';
import { parseWith } from '../core/model/parse.js';
import { object } from 'zod/mini';
import { EventReader } from './event-reader.js';
import type { Probe } from './probe.js';
import type { Rule } from './rule.js';
import { check } from './probe.js';

const Payload = object({ event: CaseEventSchema, case: CaseSchema });

async function open(p: Probe, caseId: string, headers: Record<string, string> = {}, query = ''): Promise<EventReader> {
  const reader = await EventReader.open(p.options.fetch, p.url(`/v1/cases/${caseId}/events${query}`), { authorization: `Bearer ${p.options.token}`, ...headers }, p.signal);
  check(reader.status === 200, `GET /events: expected 200, got ${reader.status}`);
  check(reader.contentType.startsWith('text/event-stream'), `GET /events: Content-Type is "${reader.contentType}"`);
  return reader;
}

/** Reads one case-event and checks its shape; returns the event id. */
async function nextCaseEvent(p: Probe, reader: EventReader, caseId: string): Promise<number> {
  // `case-changed` (no id, no timeline entry) is a signal a server may send between entries.
  let e = await reader.next();
  while (e.event === 'case-changed') e = await reader.next();
  check(e.event === 'case-event', `an event is named "${e.event}", not case-event`);
  let data: unknown;
  try {
    data = JSON.parse(e.data);
  } catch {
    check(false, 'an event\'s data is not JSON');
  }
  const parsed = parseWith(Payload, data);
  check(parsed.ok, 'an event\'s data is not { event, case }');
  check(parsed.value.case.id === caseId, 'an event carries another case');
  check(e.id === String(parsed.value.event.id), `the SSE id ${e.id} differs from the event's id`);
  return parsed.value.event.id;
}

/** Rules on the event stream. */
export const EVENT_RULES: Rule[] = [
  {
    id: 'events.stream',
    title: 'GET /events replays the timeline in order as case-event with { event, case }, then sends live events',
    async run(p) {
      const c = await p.createCase();
      const ids = c.timeline.map((e) => e.id);
      check(ids.length > 0, 'a new case has an empty timeline');
      const reader = await open(p, c.id);
      try {
        for (const id of ids) check((await nextCaseEvent(p, reader, c.id)) === id, `the replay does not follow the timeline at event ${id}`);
        const submit = await p.send('POST', `/v1/cases/${c.id}/submit`, { json: {}, headers: { 'idempotency-key': p.key() } });
        p.status(submit, 200, 'POST /submit');
        const live = await nextCaseEvent(p, reader, c.id);
        check(live > ids[ids.length - 1]!, 'the live event id does not increase');
      } finally {
        reader.close();
      }
    },
  },
  {
    id: 'events.resume',
    title: 'GET /events resumes after Last-Event-ID (header, or ?lastEventId=)',
    async run(p) {
      const c = await p.createCase();
      const submit = await p.send('POST', `/v1/cases/${c.id}/submit`, { json: {}, headers: { 'idempotency-key': p.key() } });
      p.status(submit, 200, 'POST /submit');
      const ids = (await p.getCase(c.id)).timeline.map((e) => e.id);
      check(ids.length >= 2, 'the timeline has fewer than two events after submit');
      for (const [how, headers, query] of [['Last-Event-ID', { 'last-event-id': String(ids[0]) }, ''], ['?lastEventId=', {}, `?lastEventId=${ids[0]}`]] as const) {
        const reader = await open(p, c.id, headers, query);
        try {
          check((await nextCaseEvent(p, reader, c.id)) === ids[1], `resuming with ${how} did not start after event ${ids[0]}`);
        } finally {
          reader.close();
        }
      }
    },
  },
];
