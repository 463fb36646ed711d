// The case lists' cursor over real HTTP: a keyset position that says nothing about other callers'
// cases (no row number, no count), stable while cases are added, and data carried over by migration.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { call, createCase, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.dispose());

interface Page {
  items: { id: string; createdAt: string }[];
  nextCursor: string | null;
}

async function page(path: string, token: string): Promise<Page> {
  const res = await call(s.url, path, token);
  assert.equal(res.status, 200);
  return res.json() as Promise<Page>;
}

// What a cursor says beyond the last case of its page (the caller saw that one already): nothing.
function leftover(cursor: string, last: { id: string; createdAt: string }): string {
  return Buffer.from(cursor, 'base64url').toString('utf8').replace(last.id, '').replace(last.createdAt, '');
}

describe('the list cursor', () => {
  it('holds no row number or count, on the patient\'s list and the staff list', async () => {
    const carol = await s.patient();
    // Other patients' cases before and between: a row number would count them.
    for (let i = 0; i < 3; i++) await createCase(s.url, await s.patient());
    await createCase(s.url, carol);
    for (let i = 0; i < 2; i++) await createCase(s.url, await s.patient());
    await createCase(s.url, carol);
    const mine = await page('/v1/cases?limit=1', carol);
    assert.ok(mine.nextCursor);
    assert.doesNotMatch(leftover(mine.nextCursor, mine.items[0]!), /\d/, 'the patient\'s cursor carries a number of its own');
    const staff = await page('/v1/staff/cases?limit=2', await s.staff());
    assert.ok(staff.nextCursor);
    assert.doesNotMatch(leftover(staff.nextCursor, staff.items[1]!), /\d/, 'the staff cursor carries a number of its own');
  });

  it('keeps its place while cases are added: every case once, newest first', async () => {
    const dan = await s.patient();
    const made: string[] = [];
    for (let i = 0; i < 4; i++) made.push((await createCase(s.url, dan)).id);
    const first = await page('/v1/cases?limit=2', dan);
    assert.deepEqual(first.items.map((i) => i.id), [made[3], made[2]]);
    // A case added after the first page does not shift the next one (an offset would repeat made[2]).
    await createCase(s.url, dan);
    const second = await page(`/v1/cases?limit=2&cursor=${first.nextCursor}`, dan);
    assert.deepEqual(second.items.map((i) => i.id), [made[1], made[0]]);
    assert.equal(second.nextCursor, null);
  });

  it('refuses a cursor it did not issue with a 422 problem, never a 500', async () => {
    const erin = await s.patient();
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const cursor of ['nonsense', Buffer.from('41').toString('base64url'), forged([1, 2]), forged(['2026-01-01T00:00:00.000Z', 'a\u0000b']), forged(['2026-13-45T99:99:99.000Z', 'x']), forged(['2026-02-30T10:00:00.000Z', 'x']), forged(['2026-02-01T10:00:00+05:00', 'x']), forged(['not a date', 'x']), '%00']) {
      const res = await call(s.url, `/v1/cases?cursor=${encodeURIComponent(cursor)}`, erin);
      assert.equal(res.status, 422, cursor);
      assert.equal((await res.json()).errors[0].path, 'cursor');
    }
  });

  it('lists cases stored before the keyset existed, in order (migration 3 fills created_at)', async () => {
    const old = await startTestServer({ tokenSecret: 'list-migration' });
    const dataDir = old.dataDir;
    const databaseUrl = old.options.databaseUrl;
    const frank = await old.issueToken('frank', 'patient');
    const made: string[] = [];
    try {
      for (let i = 0; i < 3; i++) made.push((await createCase(old.url, frank)).id);
      // Back to the schema of migration 1, rows kept.
      await old.db.exec(`
        DELETE FROM schema_migrations WHERE version = 3;
        DROP INDEX cases_owner_created; DROP INDEX cases_created; ALTER TABLE cases DROP COLUMN created_at;
        CREATE INDEX cases_owner_seq ON cases (owner, seq DESC); CREATE INDEX cases_status_seq ON cases (status, seq DESC);
      `);
    } finally {
      await old.close();
    }
    const next = await startTestServer({ tokenSecret: 'list-migration', dataDir, databaseUrl });
    try {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await call(next.url, `/v1/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`, frank);
        const body = (await res.json()) as Page;
        seen.push(...body.items.map((i) => i.id));
        cursor = body.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, [...made].reverse());
    } finally {
      await next.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
