// The size gate: runs size-limit over the built package (entries and budgets in entries.mjs),
// turns "base + element" minus "base" into each element's own cost, fails past a budget or
// ceiling, and checks (or with --write, rewrites) the README's size table.
// Usage: node scripts/size/gate.mjs [--write]   (needs `npm run build` first)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { entries } from './entries.mjs';

const root = new URL('../../', import.meta.url);
const readmeUrl = new URL('README.md', root);
const START = '<!-- size-table:start -->';
const END = '<!-- size-table:end -->';
// Measured figures in the README may drift this far (KB) before the table must be regenerated.
const README_TOLERANCE_KB = 0.5;

const bin = new URL('node_modules/size-limit/bin.js', root).pathname;
let raw;
try {
  raw = execFileSync(process.execPath, [bin, '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
} catch (e) {
  // size-limit exits 1 when an absolute entry is over its limit; its JSON still says which.
  raw = e.stdout;
  if (!raw) throw e;
}
const report = JSON.parse(raw);
// size-limit answers { error } instead of a list when an entry does not build.
if (!Array.isArray(report)) throw new Error(`size-limit could not measure the entries: ${report.error ?? raw}`);
const measured = new Map(report.map((r) => [r.name, r.size / 1000]));

const rows = [];
const failures = [];
for (const e of entries) {
  const size = measured.get(e.name);
  if (size === undefined) throw new Error(`size-limit did not report "${e.name}"`);
  if (e.report) {
    rows.push({ name: e.name, how: e.how ?? 'whole import', kb: size });
    continue;
  }
  const kb = e.over ? size - measured.get(e.over) : size;
  const limit = e.ceiling ?? e.budget;
  if (kb > limit) failures.push(`${e.name}: ${kb.toFixed(1)} KB is over its ${e.ceiling ? 'ceiling' : 'budget'} of ${limit} KB`);
  if (e.ceiling && kb <= e.budget) failures.push(`${e.name}: ${kb.toFixed(1)} KB now meets the ${e.budget} KB budget: drop its ceiling in scripts/size/entries.mjs`);
  rows.push({ name: e.name, how: e.over ? `own code over the ${e.over}` : 'whole import', budget: e.budget, ceiling: e.ceiling, kb });
}

function table() {
  const lines = [
    '| Entry | Measured as | Budget (gzip) | Gate (gzip) | Measured (gzip) |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name.replace(/</g, '&lt;').replace(/>/g, '&gt;')} | ${r.how} | ${r.budget ? `${r.budget} KB` : '–'} | ${r.budget === undefined ? 'reported' : r.ceiling ? `${r.ceiling} KB (ceiling, over budget)` : `${r.budget} KB`} | ${r.kb.toFixed(1)} KB |`),
  ];
  return lines.join('\n');
}

const readme = readFileSync(readmeUrl, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  failures.push(`README.md has no ${START} … ${END} block`);
} else if (process.argv.includes('--write')) {
  writeFileSync(readmeUrl, `${readme.slice(0, start + START.length)}\n${table()}\n${readme.slice(end)}`);
} else {
  // Names, budgets and gates must match exactly; measured figures within the tolerance.
  const shown = readme.slice(start + START.length, end).trim().split('\n').slice(2);
  const expected = table().split('\n').slice(2);
  if (shown.length !== expected.length) failures.push('README size table lists other entries: run `npm run size`');
  shown.forEach((line, i) => {
    const cells = line.split('|').map((c) => c.trim());
    const want = (expected[i] ?? '').split('|').map((c) => c.trim());
    if (cells.slice(1, 5).join('|') !== want.slice(1, 5).join('|')) failures.push(`README size table row ${i + 1} is out of date: run \`npm run size\``);
    else if (Math.abs(parseFloat(cells[5]) - parseFloat(want[5])) > README_TOLERANCE_KB) failures.push(`README size table: ${want[1]} measures ${want[5]}, README says ${cells[5]}: run \`npm run size\``);
  });
}

console.log(table());
if (failures.length) {
  console.error(`\nsize gate failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('\nsize gate: every entry within its budget or ceiling; README table current.');
