// scripts/manifest-diff.mjs: what changed in each element's public surface between two manifests.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
// @ts-expect-error -- a plain .mjs script without type declarations
import { diffManifests, formatDiff, isBreaking } from '../../scripts/manifest-diff.mjs';

const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ kind: 'class', customElement: true, name: 'X', tagName, ...extra });
const manifest = (...declarations: unknown[]) => ({ schemaVersion: '1.0.0', modules: [{ kind: 'javascript-module', path: 'x.ts', declarations }] });

const before = manifest(el('so-a', {
  attributes: [{ name: 'case-id', type: { text: 'string' } }, { name: 'lang', type: { text: 'string' } }],
  members: [{ kind: 'field', name: 'caseId', type: { text: 'string' } }, { kind: 'field', name: 'secret', privacy: 'private' }],
  events: [{ name: 'so-done' }],
  cssParts: [{ name: 'button' }],
  cssProperties: [{ name: '--so-color-primary' }],
  slots: [{ name: '' }],
}), el('so-gone'));
const after = manifest(el('so-a', {
  attributes: [{ name: 'case-id', type: { text: 'string | undefined' } }, { name: 'max-size', type: { text: 'number' } }],
  members: [{ kind: 'field', name: 'caseId', type: { text: 'string' } }, { kind: 'field', name: 'value', type: { text: 'string[]' } }, { kind: 'field', name: 'other', privacy: 'private' }],
  events: [{ name: 'so-done' }, { name: 'so-started' }],
  cssParts: [],
  cssProperties: [{ name: '--so-color-primary' }],
  slots: [{ name: '' }, { name: 'uploader' }],
}), el('so-new'));

describe('manifest diff between releases', () => {
  it('lists added and removed elements', () => {
    const d = diffManifests(before, after);
    assert.deepEqual(d.addedElements, ['so-new']);
    assert.deepEqual(d.removedElements, ['so-gone']);
  });

  it('lists added, removed and changed attributes, properties, events, parts and slots; ignores private members', () => {
    const d = diffManifests(before, after).elements['so-a'];
    assert.deepEqual(d.attributes, { added: ['max-size'], removed: ['lang'], changed: [{ name: 'case-id', from: 'string = ', to: 'string | undefined = ' }] });
    assert.deepEqual(d.properties, { added: ['value'], removed: [], changed: [] });
    assert.deepEqual(d.events, { added: ['so-started'], removed: [], changed: [] });
    assert.deepEqual(d.parts, { added: [], removed: ['button'], changed: [] });
    assert.deepEqual(d.slots, { added: ['uploader'], removed: [], changed: [] });
    assert.equal(d.cssProperties, undefined);
  });

  it('calls removals and changes breaking, additions not', () => {
    assert.equal(isBreaking(diffManifests(before, after)), true);
    const onlyAdded = manifest(el('so-a', { ...before.modules[0]!.declarations[0] as object, events: [{ name: 'so-done' }, { name: 'so-more' }] }), el('so-gone'));
    assert.equal(isBreaking(diffManifests(before, onlyAdded)), false);
    assert.equal(formatDiff(diffManifests(before, before)), 'No change to any element\'s public surface.');
    assert.match(formatDiff(diffManifests(before, after)), /^- <so-a> parts: button BREAKING$/m);
  });

  it('runs as a command, exiting 1 on a breaking change with --fail-on-breaking', () => {
    const dir = mkdtempSync(join(tmpdir(), 'so-cem-'));
    try {
      writeFileSync(join(dir, 'old.json'), JSON.stringify(before));
      writeFileSync(join(dir, 'new.json'), JSON.stringify(after));
      const script = resolve(import.meta.dirname, '../../scripts/manifest-diff.mjs');
      const out = execFileSync(process.execPath, [script, join(dir, 'old.json'), join(dir, 'new.json')], { encoding: 'utf8' });
      assert.match(out, /\+ <so-a> events: so-started/);
      assert.throws(() => execFileSync(process.execPath, [script, join(dir, 'old.json'), join(dir, 'new.json'), '--fail-on-breaking'], { stdio: 'pipe' }), (e: { status?: number }) => e.status === 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
