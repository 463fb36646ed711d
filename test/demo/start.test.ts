// A fresh clone's first `npm start` answers on its port within 30 s on the 2-core machine: the
// tracked files copied to a new folder (no dist/, no .data/), node_modules linked in, then the
// start script run as `npm start` runs it, saying what it does while it builds the demo's module.
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const GOAL_MS = 30_000;

describe('npm start on a fresh clone', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  after(() => {
    if (child?.exitCode === null) child.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`answers within ${GOAL_MS / 1000} s, with a line saying what it is doing first`, { timeout: 4 * GOAL_MS }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'so-fresh-'));
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of files) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      try { cpSync(join(root, f), join(dir, f)); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; }
    }
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    const started = performance.now();
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: dir, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SO_DATA_DIR: join(dir, '.data'), NODE_ENV: 'development' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    const url = await new Promise<string>((res, rej) => {
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /demo mode\) on (http:\/\/\S+)/.exec(out);
        if (m) res(m[1]!);
      });
      child!.on('exit', (code) => rej(new Error(`npm start exited (${code}) before answering:\n${out}`)));
    });
    const config = await fetch(`${url}/v1/config`);
    const elapsed = performance.now() - started;
    assert.equal(config.status, 200);
    const lines = out.split('\n');
    assert.match(lines[0] ?? '', /^building the CDN module \(dist\/cdn\)/, 'the first line says what the wait is for');
    const cdn = await fetch(`${url}/cdn/second-opinion-kit.js`);
    assert.equal(cdn.status, 200, 'the demo\'s module is served');
    await cdn.arrayBuffer();
    const staff = await fetch(`${url}/cdn/staff.js`);
    assert.equal(staff.status, 200, 'the staff elements\' module is served');
    await staff.arrayBuffer();
    assert.ok(elapsed < GOAL_MS, `answered after ${(elapsed / 1000).toFixed(1)} s (goal ${GOAL_MS / 1000} s):\n${out}`);
  });
});
