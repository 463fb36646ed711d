// The schema, as an ordered list of migrations shared by PGlite and PostgreSQL. Append only:
// never edit a migration that has shipped.
import type { Db } from './db.js';

/** One step of the schema. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, events, records, idempotency, uploads',
    sql: `
      CREATE TABLE cases (
        seq integer GENERATED ALWAYS AS IDENTITY UNIQUE,
        id text PRIMARY KEY,
        owner text NOT NULL,
        version integer NOT NULL,
        status text NOT NULL,
        body jsonb NOT NULL
      );
      CREATE INDEX cases_owner_seq ON cases (owner, seq DESC);
      CREATE INDEX cases_status_seq ON cases (status, seq DESC);
      CREATE TABLE events (
        case_id text NOT NULL REFERENCES cases (id),
        id integer NOT NULL,
        body jsonb NOT NULL,
        PRIMARY KEY (case_id, id)
      );
      CREATE TABLE records (
        case_id text NOT NULL REFERENCES cases (id),
        id text NOT NULL,
        status text NOT NULL,
        media_type text NOT NULL,
        size bigint NOT NULL,
        sha256 text,
        file text,
        PRIMARY KEY (case_id, id)
      );
      CREATE TABLE uploads (
        id text PRIMARY KEY,
        case_id text NOT NULL REFERENCES cases (id),
        record_id text NOT NULL,
        owner text NOT NULL,
        sha256 text,
        finished boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE idempotency (
        scope text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        status integer,
        headers jsonb,
        body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_created ON idempotency (created_at);
    `,
  },
  {
    version: 2,
    name: 'outbox, webhook endpoints, deliveries, share links',
    sql: `
      -- One row per outbound message, written in the transaction of the case change it tells of.
      CREATE TABLE outbox (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        case_id text NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX outbox_created ON outbox (created_at);
      CREATE TABLE webhook_endpoints (
        id text PRIMARY KEY,
        url text NOT NULL,
        event_types text[] NOT NULL,
        secrets jsonb NOT NULL,
        source text NOT NULL,
        description text,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        disabled_at timestamptz,
        failing_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- One row per message and destination: a webhook endpoint, a patient e-mail, the care team.
      -- pending (due at next_attempt_at), sending (claimed until locked_until), delivered, failed.
      CREATE TABLE deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        message_id text NOT NULL REFERENCES outbox (id),
        channel text NOT NULL,
        endpoint_id text REFERENCES webhook_endpoints (id),
        detail jsonb NOT NULL DEFAULT '{}'::jsonb,
        state text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        window_start timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        last_status integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX deliveries_webhook ON deliveries (message_id, endpoint_id) WHERE channel = 'webhook';
      CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state IN ('pending', 'sending');
      CREATE INDEX deliveries_endpoint ON deliveries (endpoint_id, id DESC);
      CREATE INDEX deliveries_message ON deliveries (message_id);
      -- Links sent to a care team: only the SHA-256 of the token is kept.
      CREATE TABLE share_links (
        token_hash text PRIMARY KEY,
        case_id text NOT NULL REFERENCES cases (id),
        delivery_id bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX share_links_case ON share_links (case_id);
    `,
  },
  {
    version: 3,
    name: 'cases listed by a keyset on (created_at, id), not by row number',
    sql: `
      ALTER TABLE cases ADD COLUMN created_at timestamptz;
      UPDATE cases SET created_at = (body->>'createdAt')::timestamptz;
      ALTER TABLE cases ALTER COLUMN created_at SET NOT NULL;
      CREATE INDEX cases_owner_created ON cases (owner, created_at DESC, id DESC);
      CREATE INDEX cases_created ON cases (created_at DESC, id DESC);
      DROP INDEX cases_owner_seq;
      DROP INDEX cases_status_seq;
    `,
  },
  {
    version: 4,
    name: 'upload hash state, shared rate limit',
    sql: `
      ALTER TABLE uploads ADD COLUMN hash_state bytea, ADD COLUMN hash_offset bigint;
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        tat double precision NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'the staff list sorted by due date or urgency, by keyset',
    // Both from the case body, so they can never disagree with what the list returns. The date stays
    // text (YYYY-MM-DD sorts as it reads; a text-to-date cast is not immutable), compared byte by byte.
    sql: `
      ALTER TABLE cases ADD COLUMN due_on text COLLATE "C" GENERATED ALWAYS AS (body->>'expectedBy') STORED;
      ALTER TABLE cases ADD COLUMN urgency_rank smallint GENERATED ALWAYS AS (
        CASE body->'request'->>'urgency' WHEN 'soon' THEN 0 WHEN 'routine' THEN 1 ELSE 2 END
      ) STORED;
      CREATE INDEX cases_due ON cases ((due_on IS NULL), due_on, created_at DESC, id DESC);
      CREATE INDEX cases_urgency ON cases (urgency_rank, created_at DESC, id DESC);
    `,
  },
];

// Two servers on one PostgreSQL must not migrate at once: every step takes this lock first.
const MIGRATION_LOCK = 'SELECT pg_advisory_xact_lock(7426001)';

/** Applies every migration not yet applied, each in its own transaction. */
export async function migrate(db: Db): Promise<number[]> {
  // Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can both try to create it (23505 on pg_type).
  await db.transaction(async (tx) => {
    await tx.query(MIGRATION_LOCK);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      await tx.query(MIGRATION_LOCK);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (seen.rows.length) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
