// `npm run bench`: runs every bench/*.bench.ts in turn, each in its own process, and prints its figures.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only.length || only.some((o) => f.includes(o)))).sort();
const failed: string[] = [];
for (const file of files) {
  process.stdout.write(`\n## ${file}\n`);
  // A bench that misses its goal (exit 1) must not keep the next ones from running.
  try {
    execFileSync(process.execPath, ['--import', 'tsx', `${dir}${file}`], { stdio: 'inherit' });
  } catch {
    failed.push(file);
  }
}
if (failed.length) {
  process.stdout.write(`\nfailed or missed a goal: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
