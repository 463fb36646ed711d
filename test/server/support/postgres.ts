// A private, throwaway PostgreSQL cluster for one test process: initdb into a temporary folder,
// listening on 127.0.0.1 only, a random password, deleted when stopped. Debian's `postgresql`
// package provides the binaries (.ci/run installs it); without them this throws, never skips.
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const ROOT = '/usr/lib/postgresql';

/** A running cluster: one fresh database per call, and a stop that deletes everything. */
export interface PostgresCluster {
  /** The major version found under /usr/lib/postgresql. */
  readonly version: string;
  /** A URL to the maintenance database `postgres`, for checks made beside the server. */
  readonly adminUrl: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

/** The newest PostgreSQL's bin folder; throws a message naming the fix when none is installed. */
export function postgresBinDir(): { version: string; bin: string } {
  const versions = existsSync(ROOT) ? readdirSync(ROOT).filter((v) => /^\d+$/.test(v) && existsSync(join(ROOT, v, 'bin', 'initdb'))) : [];
  const version = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!version) {
    throw new Error(`PostgreSQL binaries not found (no ${ROOT}/<version>/bin/initdb). Install Debian's postgresql package (apt-get install postgresql), as .ci/run does: the server's PostgreSQL tests need a real PostgreSQL.`);
  }
  return { version, bin: join(ROOT, version, 'bin') };
}

// PostgreSQL refuses to run as root: as root, every binary runs as the `postgres` OS user.
function asOwner(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/** A port on loopback that nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts a new cluster; rejects with the server's log when it does not come up. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const { version, bin } = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'so-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const password = randomBytes(18).toString('base64url');
  const exec = (name: string, args: string[]) => run(...asOwner(join(bin, name), args), { timeout: 60_000 });
  writeFileSync(join(dir, 'pwfile'), `${password}\n`);
  if (process.getuid?.() === 0) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
    if (!(uid > 0)) throw new Error('Running as root, but there is no `postgres` OS user to run PostgreSQL as (Debian\'s postgresql package creates it).');
    chownSync(dir, uid, gid);
    chownSync(join(dir, 'pwfile'), uid, gid);
  }
  let port = 0;
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    if (existsSync(join(data, 'postmaster.pid'))) spawnSync(...asOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']), { stdio: 'ignore', timeout: 40_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that ends without stopping (a crash, a timeout, ^C) must not leave a server behind.
  const onSignal = (signal: NodeJS.Signals) => {
    stopNow();
    process.kill(process.pid, signal);
  };
  process.once('exit', stopNow);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await exec('initdb', ['-D', data, '-U', 'postgres', '--pwfile', join(dir, 'pwfile'), '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
    rmSync(join(dir, 'pwfile'));
    // Throwaway data: durability off for speed; the socket stays in our folder, TCP on loopback only.
    appendFileSync(join(data, 'postgresql.conf'), `\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n`);
    // Another process may take the port between our check and the server's bind: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        // -w waits (at most -t seconds) until the server accepts connections or dies.
        await exec('pg_ctl', ['-D', data, '-l', log, '-o', `-p ${port}`, '-w', '-t', '30', 'start']);
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    // pg_isready confirms TCP on 127.0.0.1 answers, polled until a deadline.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await run(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-t', '5']).then(() => true, () => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error('pg_isready did not answer within 30 s');
    }
  } catch (e) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
    stopNow();
    throw new Error(`The test PostgreSQL ${version} cluster did not start: ${e instanceof Error ? e.message : String(e)}\n${tail}`, { cause: e });
  }
  const url = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  let n = 0;
  return {
    version,
    adminUrl: url('postgres'),
    async createDatabase() {
      const name = `so_test_${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      if (stopped) return;
      await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']).catch(() => {});
      process.removeListener('exit', stopNow);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      stopNow();
    },
  };
}

let shared: Promise<PostgresCluster> | undefined;

/** One cluster per test process, started on first use; the caller that started it stops it. */
export function sharedPostgres(): Promise<PostgresCluster> {
  shared ??= startPostgresCluster();
  return shared;
}
