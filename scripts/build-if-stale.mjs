// `npm test` needs dist/ in several of its steps; this builds it once and skips the build when
// nothing it is made of has changed since (a stamp records when the last full build finished).
import { execFileSync } from 'node:child_process';
import { existsSync, globSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const stamp = resolve(root, 'dist/.build-stamp');
const inputs = ['src/**/*', 'rollup.config.mjs', 'tsconfig.json', 'tsconfig.build.json', 'custom-elements-manifest.config.mjs', 'package.json', 'package-lock.json'];

function newestInput() {
  return Math.max(...globSync(inputs, { cwd: root }).map((f) => statSync(resolve(root, f)).mtimeMs));
}

if (existsSync(stamp) && statSync(stamp).mtimeMs > newestInput()) {
  console.log('build-if-stale: dist/ is up to date');
} else {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
}
