// The committed lock is complete: `npm ci` (which .ci/run uses) refuses a lock that lacks an optional
// package some locked package asks for, even one for another platform (rollup's android build, for one).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

interface LockEntry { version?: string; optionalDependencies?: Record<string, string>; dependencies?: Record<string, string>; link?: boolean }

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, LockEntry> };
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, Record<string, string> | undefined>;

/** npm's lookup: from `node_modules/a/node_modules/b`, a dependency `c` resolves to the nearest `…/node_modules/c` going up. */
function resolves(from: string, name: string): boolean {
  let dir = from;
  for (;;) {
    if (lock.packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (!dir) return false;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

describe('package-lock.json', () => {
  it('has an entry for every optional dependency of every locked package, whatever its platform', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (!path || entry.link) continue;
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!resolves(path, name)) missing.push(`${name} (for ${path})`);
      }
    }
    assert.deepEqual(missing, [], 'refresh it with `npm install --package-lock-only --no-audit --no-fund`');
  });

  it('locks the versions package.json pins', () => {
    const root = lock.packages[''] as Record<string, Record<string, string> | undefined>;
    for (const field of ['dependencies', 'devDependencies']) assert.deepEqual(root[field], pkg[field], field);
  });
});
