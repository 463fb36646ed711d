// Compares two Custom Elements Manifests and prints what changed in the public surface of each
// element: attributes, properties, events, CSS parts, CSS custom properties and slots.
// Usage: node scripts/manifest-diff.mjs <old.json> <new.json>
//        node scripts/manifest-diff.mjs --git <ref> [new.json]   (old = custom-elements.json at <ref>)
// Exit code 1 with --fail-on-breaking when anything was removed or changed (a major version).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { elementsOf, publicProperties } from './docs-elements.mjs';

/** The surfaces compared, with how each names its entries and what counts as a change. */
const SURFACES = {
  attributes: { of: (el) => el.attributes ?? [], sig: (a) => `${a.type?.text ?? ''} = ${a.default ?? ''}` },
  properties: { of: (el) => publicProperties(el), sig: (p) => `${p.type?.text ?? ''} = ${p.default ?? ''}${p.readonly ? ' (readonly)' : ''}` },
  events: { of: (el) => el.events ?? [], sig: (e) => e.type?.text ?? '' },
  parts: { of: (el) => el.cssParts ?? [], sig: () => '' },
  cssProperties: { of: (el) => el.cssProperties ?? [], sig: (p) => p.default ?? '' },
  slots: { of: (el) => el.slots ?? [], sig: () => '' },
};

const byName = (list, sig) => new Map(list.map((x) => [x.name ?? '', sig(x)]));

/**
 * The differences between two manifests: `{ added, removed, changed }` element tags, and per
 * element still present, per surface, the names added, removed and changed (`{ name, from, to }`).
 */
export function diffManifests(before, after) {
  const a = new Map(elementsOf(before).map((e) => [e.tagName, e]));
  const b = new Map(elementsOf(after).map((e) => [e.tagName, e]));
  const result = { addedElements: [...b.keys()].filter((t) => !a.has(t)), removedElements: [...a.keys()].filter((t) => !b.has(t)), elements: {} };
  for (const [tag, old] of a) {
    const now = b.get(tag);
    if (!now) continue;
    const changes = {};
    for (const [surface, { of, sig }] of Object.entries(SURFACES)) {
      const x = byName(of(old), sig);
      const y = byName(of(now), sig);
      const added = [...y.keys()].filter((n) => !x.has(n));
      const removed = [...x.keys()].filter((n) => !y.has(n));
      const changed = [...x.keys()].filter((n) => y.has(n) && x.get(n) !== y.get(n)).map((n) => ({ name: n, from: x.get(n), to: y.get(n) }));
      if (added.length || removed.length || changed.length) changes[surface] = { added, removed, changed };
    }
    if (Object.keys(changes).length) result.elements[tag] = changes;
  }
  return result;
}

/** True when the diff removes or changes anything (a breaking change under the versioning policy). */
export function isBreaking(diff) {
  return diff.removedElements.length > 0 || Object.values(diff.elements).some((s) => Object.values(s).some((c) => c.removed.length || c.changed.length));
}

/** The diff as text, one line per change, for release notes. */
export function formatDiff(diff) {
  const lines = [];
  for (const tag of diff.addedElements) lines.push(`+ <${tag}> (new element)`);
  for (const tag of diff.removedElements) lines.push(`- <${tag}> (removed element) BREAKING`);
  for (const [tag, surfaces] of Object.entries(diff.elements)) {
    for (const [surface, c] of Object.entries(surfaces)) {
      for (const n of c.added) lines.push(`+ <${tag}> ${surface}: ${n || '(default)'}`);
      for (const n of c.removed) lines.push(`- <${tag}> ${surface}: ${n || '(default)'} BREAKING`);
      for (const ch of c.changed) lines.push(`~ <${tag}> ${surface}: ${ch.name} (${ch.from} -> ${ch.to}) BREAKING`);
    }
  }
  return lines.length ? lines.join('\n') : 'No change to any element\'s public surface.';
}

function main(argv) {
  const failOnBreaking = argv.includes('--fail-on-breaking');
  const args = argv.filter((a) => a !== '--fail-on-breaking');
  let before;
  let afterPath;
  if (args[0] === '--git') {
    if (!args[1]) throw new Error('--git needs a ref, e.g. v0.1.0');
    before = JSON.parse(execFileSync('git', ['show', `${args[1]}:custom-elements.json`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    afterPath = args[2] ?? 'custom-elements.json';
  } else {
    if (args.length !== 2) throw new Error('usage: manifest-diff.mjs <old.json> <new.json> | --git <ref> [new.json] [--fail-on-breaking]');
    before = JSON.parse(readFileSync(args[0], 'utf8'));
    afterPath = args[1];
  }
  const diff = diffManifests(before, JSON.parse(readFileSync(afterPath, 'utf8')));
  console.log(formatDiff(diff));
  if (failOnBreaking && isBreaking(diff)) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
