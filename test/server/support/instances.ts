// Several server instances, each a process of its own with its own data directory, on one
// database: what separate machines behind a load balancer are.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A running instance. */
export interface Instance {
  url: string;
  process: ChildProcess;
  /** The log lines it wrote on stdout after its address. */
  logs: Record<string, unknown>[];
  /** Resolves with the next log line with this `msg` written after the call. */
  nextLog(msg: string): Promise<Record<string, unknown>>;
  /** Ends the process at once (SIGKILL): a crash, connections cut, nothing flushed. */
  kill(): Promise<void>;
  /** Closes it cleanly (SIGTERM) and deletes its data directory. */
  stop(): Promise<void>;
}

const MAIN = join(import.meta.dirname, 'instance-main.ts');

/** Starts one instance with `env` added to this process's environment. */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'so-instance-'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...env, SO_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test process that dies must not leave its instances running.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  child.once('exit', () => process.removeListener('exit', orphan));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
    if (process.env.SO_INSTANCE_STDERR) process.stderr.write(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const logs: Record<string, unknown>[] = [];
  const waiting = new Set<{ msg: string; resolve: (e: Record<string, unknown>) => void }>();
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      resolve((JSON.parse(line) as { url: string }).url);
      lines.on('line', (l) => {
        const entry = JSON.parse(l) as Record<string, unknown>;
        logs.push(entry);
        for (const w of [...waiting]) if (w.msg === entry.msg) {
          waiting.delete(w);
          w.resolve(entry);
        }
      });
    });
    child.once('exit', (code) => reject(new Error(`instance exited (${code}) before listening:\n${stderr}`)));
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    process: child,
    logs,
    nextLog: (msg) => new Promise((resolve) => waiting.add({ msg, resolve })),
    kill: () => end('SIGKILL'),
    async stop() {
      await end('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts `n` instances at once. */
export function startInstances(n: number, env: Record<string, string>): Promise<Instance[]> {
  return Promise.all(Array.from({ length: n }, () => startInstance(env)));
}
