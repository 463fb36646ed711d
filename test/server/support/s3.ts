// A real S3 server on loopback for the tests: Ceph's RGW (Debian's ceph-mon, ceph-osd and
// radosgw, which .ci/run installs), started by ./s3-engine-start.sh in a few seconds with one
// bucket, and stopped (its daemons killed, its folder deleted) by `stop` or when the process exits.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { freePort } from './postgres.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const SCRIPT = join(import.meta.dirname, 's3-engine-start.sh');

/** A running S3 endpoint and what a server instance needs to reach it. */
export interface S3Engine {
  endpoint: string;
  bucket: string;
  /** The standard AWS_* variables for this endpoint. */
  env: Record<string, string>;
  stop(): Promise<void>;
}


/** Starts RGW with `bucket`; throws with the script's message when Ceph is missing or fails (never skips). */
export async function startS3(bucket = 'so-records'): Promise<S3Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'so-s3-'));
  let out: string;
  try {
    out = (await promisify(execFile)(SCRIPT, [dir, String(await freePort()), bucket], { timeout: 120_000 })).stdout;
  } catch (e) {
    throw new Error(`The test S3 server (Ceph RGW) did not start; .ci/run installs ceph-mon ceph-osd radosgw: ${(e as { stderr?: string }).stderr ?? String(e)}`, { cause: e });
  }
  const vars = Object.fromEntries(out.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const dataDir = vars.S3_DATA_DIR ?? dir;
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    execFileSync(SCRIPT, ['--stop', dataDir], { stdio: 'ignore' });
  };
  process.once('exit', stopNow);
  return {
    endpoint: vars.S3_ENDPOINT!,
    bucket,
    env: { AWS_ENDPOINT_URL_S3: vars.S3_ENDPOINT!, AWS_REGION: vars.S3_REGION!, AWS_ACCESS_KEY_ID: vars.S3_ACCESS_KEY_ID!, AWS_SECRET_ACCESS_KEY: vars.S3_SECRET_ACCESS_KEY! },
    async stop() {
      process.removeListener('exit', stopNow);
      stopNow();
    },
  };
}
