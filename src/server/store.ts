// Cases in the database. Every change runs the core engine inside a transaction on the locked row,
// writes only if the version is still the one read, and notifies every instance's streams as it commits.
// Who may see a case is part of every query: another caller's case is never read, only not found.
import { NotFoundError, ValidationError } from '../core/errors.js';
import { caseReference, summarize, type EngineContext, type EngineResult } from '../core/lifecycle/engine.js';
import type { Case, CaseEvent, CasePage } from '../core/model/case.js';
import { readStaffCursor, staffCursorAfter, type StaffCursor, type StaffListFilter, type StaffSort } from '../core/model/staff-query.js';
import type { BackendConfig } from '../core/model/config.js';
import { isId } from '../core/model/primitives.js';
import type { Db, Queryable } from './db.js';
import { notifyCaseChanged, notifyCaseEvents } from './events-hub.js';
import type { KeyedWrite } from './idempotency.js';
import { problems } from './problem.js';

/**
 * Who may see a case: its owner, staff (every case past draft; a demo session's staff only its
 * own patient's), or the server itself.
 */
export type Access = { owner: string } | { staff: true; onlyOwner?: string } | { system: true };

/** The SQL condition for `access`, its parameters numbered from `$first`. */
function visibleWhere(access: Access, first: number): { sql: string; params: string[] } {
  if ('owner' in access) return { sql: `owner = $${first}`, params: [access.owner] };
  if ('staff' in access) {
    return access.onlyOwner ? { sql: `status <> 'draft' AND owner = $${first}`, params: [access.onlyOwner] } : { sql: "status <> 'draft'", params: [] };
  }
  return { sql: 'true', params: [] };
}

// The staff filter as SQL (parameters pushed onto `params`); the same reading as matchesStaffQuery.
function filterWhere(filter: StaffListFilter, params: unknown[]): string {
  let sql = '';
  const add = (value: unknown) => `$${params.push(value)}`;
  if (filter.status?.length) sql += ` AND status = ANY(${add(filter.status)}::text[])`;
  if (filter.specialty) sql += ` AND lower(body->'request'->>'specialty') = lower(${add(filter.specialty)})`;
  if (filter.urgency) sql += ` AND body->'request'->>'urgency' = ${add(filter.urgency)}`;
  if (filter.dueBy) sql += ` AND body->>'expectedBy' <= ${add(filter.dueBy)}`;
  // A reference is letters, digits and dashes (parseStaffFilter): no LIKE wildcard can get in.
  if (filter.reference) sql += ` AND upper(body->>'reference') LIKE ${add(`${filter.reference.toUpperCase()}%`)}`;
  return sql;
}

/** A change to a case: the engine's result, computed from the current case inside the transaction. */
export type Change = (current: Case, tx: Queryable) => EngineResult | Promise<EngineResult>;

/** A committed change to a case: the case before (none for a new one), after, and the new events. */
export interface CaseChange {
  before?: Case;
  after: Case;
  events: readonly CaseEvent[];
}

/**
 * Work that must commit or roll back with every case change (the outbound outbox): `write` runs
 * inside the change's transaction after its rows, `committed` once it has committed.
 */
export interface CommitHook {
  write(tx: Queryable, change: CaseChange): Promise<void>;
  committed?(change: CaseChange): void;
}

const badCursor = () => new ValidationError([{ path: 'cursor', code: 'invalid', message: 'Check this entry.' }]);

// The list's order and its keyset, as SQL: the same order as the core's compareForStaffSort (ties newest
// received first, then by id), the cursor read by the core's codec, shared with every backend.
const ORDER_BY: Record<StaffSort, string> = {
  received: 'created_at DESC, id DESC',
  due: '(due_on IS NULL), due_on, created_at DESC, id DESC',
  urgency: 'urgency_rank, created_at DESC, id DESC',
};

function afterWhere(at: StaffCursor, params: unknown[]): string {
  const add = (value: unknown) => `$${params.push(value)}`;
  const older = `(created_at, id) < (${add(at.createdAt)}::timestamptz, ${add(at.id)})`;
  if (at.sort === 'due') {
    if (at.due == null) return ` AND due_on IS NULL AND ${older}`;
    const due = add(at.due);
    return ` AND (due_on IS NULL OR due_on > ${due} OR (due_on = ${due} AND ${older}))`;
  }
  if (at.sort === 'urgency') {
    const rank = add(at.rank);
    return ` AND (urgency_rank > ${rank} OR (urgency_rank = ${rank} AND ${older}))`;
  }
  return ` AND ${older}`;
}

/** Reads and changes cases. */
export class CaseStore {
  constructor(
    private readonly db: Db,
    private readonly config: BackendConfig,
    private readonly hooks: readonly CommitHook[] = [],
  ) {}

  // Every change to a case commits here, in its transaction, then is announced.
  private async written(tx: Queryable, change: CaseChange): Promise<void> {
    await insertEvents(tx, change.after.id, change.events);
    // A change with no timeline entry (a care-team delivery's state) still reaches open streams, as a signal.
    if (!change.events.length && change.before && change.before.version !== change.after.version) await notifyCaseChanged(tx, change.after.id);
    for (const h of this.hooks) await h.write(tx, change);
  }

  // Streams on every instance hear of it through the NOTIFY sent in the transaction (insertEvents).
  private announce(change: CaseChange): void {
    for (const h of this.hooks) h.committed?.(change);
  }

  /** The engine's context for a move made now. */
  engineContext(): EngineContext {
    return { now: new Date(), newId: () => crypto.randomUUID(), config: this.config };
  }

  /** Stores a new case and its first events (and, with `once`, its key's answer in the same transaction). */
  async insert(owner: string, c: Case, events: readonly CaseEvent[], once?: KeyedWrite): Promise<Case> {
    await this.db.transaction(async (tx) => {
      await once?.check(tx);
      await tx.query('INSERT INTO cases (id, owner, version, status, created_at, body) VALUES ($1, $2, $3, $4, $5, $6::jsonb)', [c.id, owner, c.version, c.status, c.createdAt, JSON.stringify(c)]);
      await this.written(tx, { after: c, events });
      await once?.keep(tx, c);
    });
    this.announce({ after: c, events });
    return c;
  }

  /** One case the caller may see; anything else is not found, exactly like a missing one. */
  async get(id: string, access: Access, q: Queryable = this.db): Promise<Case> {
    // An id no backend could have issued (a NUL, a stray byte) is not found before any query.
    if (!isId(id)) throw new NotFoundError();
    const where = visibleWhere(access, 2);
    const r = await q.query<{ body: Case }>(`SELECT body FROM cases WHERE id = $1 AND ${where.sql}`, [id, ...where.params]);
    const row = r.rows[0];
    if (!row) throw new NotFoundError();
    return row.body;
  }

  /** The id of the owner's case named by its id or its reference (SO-XXXX-XXXX); anything else is not found. */
  async ownCaseId(owner: string, idOrReference: string): Promise<string> {
    const reference = caseReference(idOrReference);
    if (!reference && !isId(idOrReference)) throw new NotFoundError();
    const r = reference
      ? await this.db.query<{ id: string }>("SELECT id FROM cases WHERE owner = $1 AND body->>'reference' = $2", [owner, reference])
      : await this.db.query<{ id: string }>('SELECT id FROM cases WHERE owner = $1 AND id = $2', [owner, idOrReference]);
    const id = r.rows[0]?.id;
    if (!id) throw new NotFoundError();
    return id;
  }

  /**
   * Applies `change` to a case the caller may see. With `ifMatch`, a case at another version is a
   * 412. The row is locked for the transaction, and the write checks the version it read. With
   * `once` (an Idempotency-Key), a key already answered replays once access is checked, before the
   * version is; otherwise the key's answer is stored in the transaction of the write. With
   * `within`, the change joins that open transaction (it is announced when this returns, so only
   * for changes its caller commits at once, such as the outbound worker's delivery states).
   */
  async mutate(id: string, access: Access, change: Change, options: { ifMatch?: number; once?: KeyedWrite | undefined; within?: Queryable } = {}): Promise<Case> {
    if (!isId(id)) throw new NotFoundError();
    const where = visibleWhere(access, 2);
    const run = async (tx: Queryable): Promise<CaseChange> => {
      // Only a row the caller may see is locked and read.
      const r = await tx.query<{ body: Case }>(`SELECT body FROM cases WHERE id = $1 AND ${where.sql} FOR UPDATE`, [id, ...where.params]);
      const row = r.rows[0];
      if (!row) throw new NotFoundError();
      await options.once?.check(tx);
      const current = row.body;
      if (options.ifMatch !== undefined && options.ifMatch !== current.version) throw problems.stale();
      const result = await change(current, tx);
      if (!result.ok) throw result.error;
      const w = await tx.query('UPDATE cases SET version = $2, status = $3, body = $4::jsonb WHERE id = $1 AND version = $5', [
        id, result.case.version, result.case.status, JSON.stringify(result.case), current.version,
      ]);
      if (w.rowCount !== 1) throw problems.stale();
      const done = { before: current, after: result.case, events: result.events };
      await this.written(tx, done);
      await options.once?.keep(tx, result.case);
      return done;
    };
    const committed = options.within ? await run(options.within) : await this.db.transaction(run);
    this.announce(committed);
    return committed.after;
  }

  /**
   * A page of cases in the filter's sort (newest first by default; the patient's own list always is).
   * The cursor is opaque: a keyset position in that sort, never a row number.
   */
  async list(access: { owner: string } | { staff: true; onlyOwner?: string }, cursor: string | undefined, limit: number, filter: StaffListFilter = {}): Promise<CasePage> {
    const sort: StaffSort = filter.sort ?? 'received';
    const where = visibleWhere(access, 1);
    const params: unknown[] = [...where.params];
    let after = filterWhere(filter, params);
    if (cursor) {
      const at = readStaffCursor(cursor, sort);
      if (!at || !isId(at.id)) throw badCursor();
      after += afterWhere(at, params);
    }
    params.push(limit + 1);
    const r = await this.db.query<{ body: Case }>(
      `SELECT body FROM cases WHERE ${where.sql}${after} ORDER BY ${ORDER_BY[sort]} LIMIT $${params.length}`,
      params,
    );
    const rows = r.rows.slice(0, limit);
    const last = rows.at(-1);
    const nextCursor = r.rows.length > limit && last ? staffCursorAfter(last.body, sort) : null;
    return { items: rows.map((row) => summarize(row.body)), nextCursor };
  }

  /** The case's events after `afterId`, in order (for stream replay). */
  async eventsAfter(caseId: string, afterId: number): Promise<CaseEvent[]> {
    const r = await this.db.query<{ body: CaseEvent }>('SELECT body FROM events WHERE case_id = $1 AND id > $2 ORDER BY id', [caseId, afterId]);
    return r.rows.map((row) => row.body);
  }
}

async function insertEvents(tx: Queryable, caseId: string, events: readonly CaseEvent[]): Promise<void> {
  for (const e of events) await tx.query('INSERT INTO events (case_id, id, body) VALUES ($1, $2, $3::jsonb)', [caseId, e.id, JSON.stringify(e)]);
  if (events.length) await notifyCaseEvents(tx, caseId);
}
