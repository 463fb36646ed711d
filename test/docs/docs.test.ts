// The element pages in docs/elements are the manifest's, current: `npm run docs` regenerates them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
// @ts-expect-error -- a plain .mjs script without type declarations
import { elementPage, elementsOf, renderElementDocs, STAFF_TAGS } from '../../scripts/docs-elements.mjs';

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));

describe('element reference pages', () => {
  it('are current with custom-elements.json (run `npm run docs` when this fails)', () => {
    const pages: Map<string, string> = renderElementDocs(manifest);
    const onDisk = readdirSync(join(root, 'docs/elements')).filter((f) => f.endsWith('.md')).sort();
    assert.deepEqual(onDisk, [...pages.keys()].sort(), 'the set of pages differs from the manifest\'s elements');
    for (const [file, content] of pages) assert.equal(readFileSync(join(root, 'docs/elements', file), 'utf8'), content, `docs/elements/${file} is stale`);
  });

  it('cover every element with its attributes, properties, events, parts, custom properties and slots', () => {
    const elements = elementsOf(manifest) as { tagName: string }[];
    assert.ok(elements.length >= 6, 'every kit element is in the manifest');
    const badge = elementPage(elements.find((e) => e.tagName === 'so-status-badge'));
    for (const heading of ['## Attributes', '## Properties', '## Events', '## CSS parts', '## CSS custom properties', '## Slots']) assert.ok(badge.includes(heading), heading);
    assert.match(badge, /\| `status` \| `status` \|/);
    const form = elementPage(elements.find((e) => e.tagName === 'so-request-form'));
    assert.match(form, /\| `so-case-created` \|/);
    assert.match(form, /\| `error-summary` \|/);
  });

  it('send the staff elements to the staff entries, the patient\'s to the patient\'s', () => {
    // The staff entry's own imports are the list the pages use.
    const staffEntry = readFileSync(join(root, 'src/elements/staff.ts'), 'utf8');
    const registered = [...staffEntry.matchAll(/^import '\.\/([\w-]+)\.js';$/gm)].map((m) => `so-${m[1]}`).sort();
    assert.deepEqual([...STAFF_TAGS].sort(), registered);
    const elements = elementsOf(manifest) as { tagName: string }[];
    const queue = elementPage(elements.find((e) => e.tagName === 'so-triage-queue'));
    assert.match(queue, /elements\/staff\.js/);
    assert.match(queue, /dist\/cdn\/staff\.js/);
    const form = elementPage(elements.find((e) => e.tagName === 'so-request-form'));
    assert.doesNotMatch(form, /staff\.js/);
  });

  it('escape table pipes once, in code too (GitHub tables show `\\|` in code as a pipe)', () => {
    const page: string = elementPage({ tagName: 'so-x', name: 'X', modulePath: 'x.ts', attributes: [{ name: 'mode', type: { text: "'a' | 'b'" }, description: 'one | two' }] });
    assert.ok(page.includes("| `mode` |  | `'a' \\| 'b'` |  | one \\| two |"), page);
  });
});
