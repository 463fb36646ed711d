// The staff list's filters over real HTTP (the coordinator's queue): statuses, specialty, urgency,
// due date and reference narrow the page, the cursor pages within the filter, what the queue needs
// to say "waiting since" and "replied" is in each line, and bad filters are a 422, never a 500.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, startTestServer, validRequest, type TestServer } from './helpers.js';

let s: TestServer;
let staff: string;
before(async () => {
  s = await startTestServer();
  staff = await s.staff();
});
after(() => s.dispose());

interface Line {
  id: string;
  reference: string;
  status: string;
  urgency?: string;
  waitingSince?: string;
  repliedAt?: string;
  expectedBy?: string;
}
interface Page {
  items: Line[];
  nextCursor: string | null;
}

async function make(token: string, overrides: Record<string, unknown>): Promise<Line> {
  const res = await call(s.url, '/v1/cases', token, { body: { request: validRequest(overrides), submit: true } });
  assert.equal(res.status, 201);
  return res.json() as Promise<Line>;
}

async function list(query: string): Promise<Page> {
  const res = await call(s.url, `/v1/staff/cases?${query}`, staff);
  assert.equal(res.status, 200, await res.clone().text());
  return res.json() as Promise<Page>;
}

const move = async (id: string, path: string, body: unknown = {}) => {
  const res = await call(s.url, `/v1/staff/cases/${id}/${path}`, staff, { body });
  assert.equal(res.status, 200, await res.clone().text());
};

describe('the staff list filters', () => {
  it('narrows by status, specialty, urgency, due date and reference, and pages within the filter', async () => {
    const patient = await s.patient();
    // A specialty no other test uses keeps this test's cases apart.
    const specialty = `Cardiology ${crypto.randomUUID().slice(0, 8)}`;
    const routine = await make(patient, { specialty, urgency: 'routine' });
    const soon = await make(patient, { specialty, urgency: 'soon' });
    const third = await make(patient, { specialty, urgency: 'soon' });
    await make(patient, { specialty: 'Neurology', urgency: 'soon' });
    const sp = encodeURIComponent(specialty.toUpperCase());

    assert.deepEqual((await list(`specialty=${sp}`)).items.map((i) => i.id), [third.id, soon.id, routine.id], 'specialty matches whatever its case');
    assert.deepEqual((await list(`specialty=${sp}&urgency=soon`)).items.map((i) => i.id), [third.id, soon.id]);
    assert.equal((await list(`specialty=${sp}&urgency=soon`)).items[0]!.urgency, 'soon');

    // The cursor keeps the filter's place: every matching case once.
    const first = await list(`specialty=${sp}&limit=2`);
    assert.ok(first.nextCursor);
    const second = await list(`specialty=${sp}&limit=2&cursor=${first.nextCursor}`);
    assert.deepEqual([...first.items, ...second.items].map((i) => i.id), [third.id, soon.id, routine.id]);
    assert.equal(second.nextCursor, null);

    // Waiting on the patient, with since when; back in triage after the reply, with when it came.
    await move(soon.id, 'triage');
    await move(soon.id, 'request-information', { message: 'Please add the pathology report.', recordKinds: ['pathology'] });
    const waiting = (await list(`specialty=${sp}&status=info_requested`)).items;
    assert.deepEqual(waiting.map((i) => i.id), [soon.id]);
    assert.ok(waiting[0]!.waitingSince, 'a waiting case says since when');
    const reply = await call(s.url, `/v1/cases/${soon.id}/messages`, patient, { body: { kind: 'reply', text: 'Added it.' } });
    assert.equal(reply.status, 200, await reply.clone().text());
    const replied = (await list(`specialty=${sp}&status=triage,info_requested`)).items;
    assert.deepEqual(replied.map((i) => i.id), [soon.id]);
    assert.ok(replied[0]!.repliedAt, 'a case back from the patient says when the reply came');
    assert.equal(replied[0]!.waitingSince, undefined);

    // Accepted cases get an expected date; a due-by filter before it leaves them out, on or after it keeps them.
    await move(third.id, 'triage');
    await move(third.id, 'accept', { specialist: { name: 'Dr. Lee', specialty: 'Cardiology' } });
    const accepted = (await list(`specialty=${sp}&status=accepted`)).items;
    const due = accepted[0]!.expectedBy!;
    assert.match(due, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual((await list(`specialty=${sp}&due_by=${due}`)).items.map((i) => i.id), [third.id], 'only cases with a date, on or before it');
    assert.deepEqual((await list(`specialty=${sp}&due_by=2000-01-01`)).items, []);

    // The reference: its start, in any case.
    const ref = routine.reference.slice(0, 7).toLowerCase();
    assert.ok((await list(`reference=${ref}`)).items.some((i) => i.id === routine.id));
    assert.deepEqual((await list(`specialty=${sp}&reference=${routine.reference}`)).items.map((i) => i.id), [routine.id]);
  });

  it('answers a bad filter with a 422 problem naming it, never a 500, and no LIKE wildcard gets through', async () => {
    for (const [query, param] of [
      ['status=draft', 'status'], ['status=triage,nonsense', 'status'], [`specialty=${'x'.repeat(101)}`, 'specialty'],
      ['specialty=a%00b', 'specialty'], ['urgency=now', 'urgency'], ['due_by=2026-02-30', 'due_by'], ['due_by=tomorrow', 'due_by'],
      ['reference=SO-%25', 'reference'], ['reference=SO_1', 'reference'], [`reference=${'A'.repeat(41)}`, 'reference'],
    ] as const) {
      const res = await call(s.url, `/v1/staff/cases?${query}`, staff);
      assert.equal(res.status, 422, query);
      const problem = (await res.json()) as { errors?: { path: string }[] };
      assert.equal(problem.errors?.[0]?.path, param, query);
    }
  });

  it('sorts the whole list by date received, due date or urgency, paging by keyset through ties', async () => {
    const patient = await s.patient();
    const specialty = `Sorting ${crypto.randomUUID().slice(0, 8)}`;
    // Few distinct values, so ties in every key (the hard part of a keyset) are common.
    const instants = ['2026-11-02T09:00:00.000Z', '2026-11-03T09:00:00.000Z'];
    const dues = ['2026-12-01', '2026-12-08', null];
    const urgencies = ['soon', 'routine', null];
    const cases: { id: string; createdAt: string; expectedBy: string | null; urgency: string | null }[] = [];
    for (let i = 0; i < 10; i++) {
      const { id } = await make(patient, { specialty, urgency: 'routine' });
      const c = { id, createdAt: instants[i % 2]!, expectedBy: dues[i % 3]!, urgency: urgencies[(i * 7) % 3]! };
      cases.push(c);
      // The values the sorts read live in the case body; the database's columns follow from it.
      const body = (await s.db.query<{ body: Record<string, unknown> & { request: Record<string, unknown> } }>('SELECT body FROM cases WHERE id = $1', [id])).rows[0]!.body;
      body.createdAt = c.createdAt;
      if (c.expectedBy) body.expectedBy = c.expectedBy;
      else delete body.expectedBy;
      if (c.urgency) body.request.urgency = c.urgency;
      else delete body.request.urgency;
      await s.db.query('UPDATE cases SET created_at = $2::timestamptz, body = $3::jsonb WHERE id = $1', [id, c.createdAt, JSON.stringify(body)]);
    }
    const sp = encodeURIComponent(specialty);
    const newest = (a: (typeof cases)[number], b: (typeof cases)[number]) => (a.createdAt !== b.createdAt ? (a.createdAt > b.createdAt ? -1 : 1) : a.id > b.id ? -1 : 1);
    const rank = (u: string | null) => (u === 'soon' ? 0 : u === 'routine' ? 1 : 2);
    const expected = {
      received: [...cases].sort(newest),
      due: [...cases].sort((a, b) => (a.expectedBy === b.expectedBy ? newest(a, b) : a.expectedBy === null ? 1 : b.expectedBy === null ? -1 : a.expectedBy < b.expectedBy ? -1 : 1)),
      urgency: [...cases].sort((a, b) => rank(a.urgency) - rank(b.urgency) || newest(a, b)),
    };
    const cursors: Record<string, string> = {};
    for (const [sort, order] of Object.entries(expected)) {
      const seen: Line[] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 20; guard++) {
        const page: Page = await list(`specialty=${sp}&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
        cursors[sort] = cursor;
      }
      assert.deepEqual(seen.map((i) => i.id), order.map((c) => c.id), `sort=${sort}: every case once, in order`);
      if (sort === 'due') assert.deepEqual(seen.map((i) => i.expectedBy ?? null), order.map((c) => c.expectedBy), 'the list shows the dates it sorted by');
    }
    // The default is the order received; a cursor belongs to its sort.
    assert.deepEqual((await list(`specialty=${sp}`)).items.map((i) => i.id), expected.received.map((c) => c.id));
    for (const query of [`sort=urgency&cursor=${cursors.due}`, `sort=due&cursor=${cursors.received}`, 'sort=due&cursor=bm90IGEgY3Vyc29y', 'cursor=%27%3B']) {
      const res = await call(s.url, `/v1/staff/cases?specialty=${sp}&${query}`, staff);
      assert.equal(res.status, 422, query);
      assert.equal(((await res.json()) as { errors?: { path: string }[] }).errors?.[0]?.path, 'cursor', query);
    }
    const bad = await call(s.url, `/v1/staff/cases?sort=oldest`, staff);
    assert.equal(bad.status, 422);
  });

  it('is still for staff only', async () => {
    const res = await call(s.url, '/v1/staff/cases?status=triage', await s.patient());
    assert.equal(res.status, 403);
  });
});
