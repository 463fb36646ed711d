// A reference server in its own process for crash tests: it prints its URL as one JSON line, and
// with SO_TEST_KILL_AFTER_COMMIT=1 it kills itself with SIGKILL the moment its first database
// transaction after start-up has committed, before the request that made it is answered. The hook
// lives here, in the test's process, by wrapping the database drivers: the server has none.
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { silentLogger, startServer } from '../../../src/server/index.js';

let armed = false;
const die = () => process.kill(process.pid, 'SIGKILL');

// PostgreSQL: the server's transactions end with the client's COMMIT.
const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const out = query.apply(this, args);
  if (armed && args[0] === 'COMMIT' && out instanceof Promise) return out.then(die);
  return out;
} as typeof pg.Client.prototype.query;

// PGlite: the server's transactions are PGlite's transaction().
const transaction = PGlite.prototype.transaction;
PGlite.prototype.transaction = async function <T>(this: PGlite, fn: Parameters<typeof transaction<T>>[0]): Promise<T> {
  const out = await transaction.call(this, fn) as T;
  if (armed) die();
  return out;
};

const env = process.env;
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  logger: silentLogger,
  tokenSecret: env.SO_TOKEN_SECRET ?? 'crash-test',
  ...(env.SO_DATA_DIR ? { dataDir: env.SO_DATA_DIR } : {}),
  ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
});
armed = env.SO_TEST_KILL_AFTER_COMMIT === '1';
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
