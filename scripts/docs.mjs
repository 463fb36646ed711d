// `npm run docs`: writes docs/elements/*.md from custom-elements.json (run `npm run build` first
// when element JSDoc changed). Pages no longer in the manifest are removed.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderElementDocs } from './docs-elements.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'docs/elements');
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const pages = renderElementDocs(manifest);
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(outDir)) if (file.endsWith('.md') && !pages.has(file)) rmSync(join(outDir, file));
for (const [file, content] of pages) writeFileSync(join(outDir, file), content);
console.log(`docs/elements: ${pages.size} pages`);
