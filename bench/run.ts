// `npm run bench`: runs every bench/*.bench.ts in turn, each in its own process, and prints its figures.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only.length || only.some((o) => f.includes(o)))).sort();
for (const file of files) {
  process.stdout.write(`\n## ${file}\n`);
  execFileSync(process.execPath, ['--import', 'tsx', `${dir}${file}`], { stdio: 'inherit' });
}
