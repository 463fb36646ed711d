// Builds the CDN module (dist/cdn) when it is missing or older than the browser sources, so a fresh
// clone runs the demo with `npm install && npm start` and a rebuilt element shows on the next start.
import { spawn } from 'node:child_process';
import { existsSync, globSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';

const root = resolve(import.meta.dirname, '..');
const target = resolve(root, 'dist/cdn/second-opinion-kit.js');
const STAFF = resolve(root, 'dist/cdn/staff.js');
const WORKER = resolve(root, 'dist/cdn/chunks/hash.worker.js');

// What the CDN bundle is made of: browser sources (never the server's), the build config, the lock.
function newestSource(): number {
  const files = globSync(['src/**/*.ts', 'rollup.config.mjs', 'tsconfig.build.json', 'package-lock.json'], { cwd: root })
    .filter((f) => !f.startsWith('src/server/') && !f.startsWith('src/conformance/'));
  return Math.max(...files.map((f) => statSync(resolve(root, f)).mtimeMs));
}

/** True when dist/cdn is missing or older than a source it is built from. */
export function cdnIsStale(): boolean {
  const built = [target, STAFF, WORKER];
  if (!built.every((f) => existsSync(f))) return true;
  return Math.min(...built.map((f) => statSync(f).mtimeMs)) < newestSource();
}

const writesCdn = (o: OutputOptions) => (o.dir ?? o.file ?? '').replace(/^\.\//, '').startsWith('dist/cdn');

/** Builds only the CDN outputs of rollup.config.mjs (the npm build is not needed to run the demo). */
export async function buildCdn(): Promise<void> {
  const configs = ((await import(resolve(root, 'rollup.config.mjs'))) as { default: RollupOptions[] }).default;
  const cdn = configs.filter((c) => [c.output].flat().some((o) => o && writesCdn(o)));
  if (!cdn.length) throw new Error('rollup.config.mjs has no dist/cdn output');
  const cwd = process.cwd();
  // The config's paths are relative to the repository.
  process.chdir(root);
  try {
    for (const config of cdn) {
      const bundle = await rollup(config);
      for (const output of [config.output].flat()) if (output) await bundle.write(output);
      await bundle.close();
    }
  } finally {
    process.chdir(cwd);
  }
}

/** Runs buildCdn in a child process, so another core does it while this process starts the server. */
function buildCdnInChild(): Promise<void> {
  const script = `await (await import(${JSON.stringify(pathToFileURL(resolve(root, 'scripts/cdn-build.ts')).href)})).buildCdn();`;
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`the CDN build exited with ${code}`))));
  });
}

/** Builds dist/cdn if it is stale (in a child process with `inChild`); says so on stdout. Returns whether it built. */
export async function ensureCdn(log: (line: string) => void = (l) => process.stdout.write(`${l}\n`), options: { inChild?: boolean } = {}): Promise<boolean> {
  if (!cdnIsStale()) return false;
  log('building the CDN module (dist/cdn) that the demo loads: missing or older than src/ (a few seconds)...');
  const started = Date.now();
  await (options.inChild ? buildCdnInChild() : buildCdn());
  log(`built dist/cdn in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
