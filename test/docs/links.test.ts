// Every link the kit prints (development warnings) and every link between the docs resolves to a file
// of this repository and to a heading that exists in it, by GitHub's anchor for that heading.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { compileAppearance } from '../../src/components/shared/appearance.js';
import { DEV_DOCS, DOCS_BASE, devDocsUrl, devWarn } from '../../src/components/shared/dev.js';

const root = resolve(import.meta.dirname, '../..');

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const slug = m[1]!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n ? `${slug}-${n}` : slug);
  }
  return anchors;
}

/** Why a repository path with an optional `#anchor` does not resolve, or undefined when it does. */
function brokenTarget(path: string, anchor: string | undefined): string | undefined {
  const file = join(root, path);
  if (!existsSync(file)) return `${path} does not exist`;
  if (anchor === undefined || !file.endsWith('.md')) return undefined;
  return anchorsOf(file).has(anchor) ? undefined : `${path} has no heading #${anchor}`;
}

/** The repository path and anchor of a printed docs link. */
function targetOfUrl(url: string): [string, string | undefined] {
  assert.ok(url.startsWith(DOCS_BASE), `${url} is not under ${DOCS_BASE}`);
  const [path, anchor] = url.slice(DOCS_BASE.length).split('#');
  return [path!, anchor];
}

describe('links the kit prints', () => {
  let warnings: string[] = [];
  const warn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
  });
  afterEach(() => { console.warn = warn; });

  it('point into package.json\'s repository', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository?: { url?: string }; homepage?: string };
    const repo = pkg.repository?.url?.replace(/^git\+/, '').replace(/\.git$/, '');
    assert.ok(repo, 'package.json has a repository url');
    assert.equal(DOCS_BASE, `${repo}/blob/main/`);
  });

  it('each development warning topic names a heading that exists', () => {
    const broken = Object.entries(DEV_DOCS).map(([topic, target]) => {
      const [path, anchor] = target.split('#');
      const why = brokenTarget(path!, anchor);
      return why && `${topic}: ${why}`;
    }).filter(Boolean);
    assert.deepEqual(broken, []);
  });

  it('the warnings appearance prints for an ignored rule and an ignored value link to a heading that exists', () => {
    compileAppearance({ rules: { '.inner button': { color: 'red' }, '::part(button)': { color: 'red;}' } } }, 'so-provider');
    assert.equal(warnings.length, 2, warnings.join('\n'));
    for (const w of warnings) {
      const url = /\(see (\S+)\)$/.exec(w)?.[1];
      assert.ok(url, `a link in: ${w}`);
      const [path, anchor] = targetOfUrl(url);
      assert.equal(brokenTarget(path, anchor), undefined, w);
    }
  });

  it('a warning prints once per subject, not once per topic', () => {
    devWarn('define', 'one', 'define-so-x');
    devWarn('define', 'one again', 'define-so-x');
    devWarn('define', 'two', 'define-so-y');
    assert.deepEqual(warnings.map((w) => w.split(' (see ')[0]), ['[second-opinion-kit] one', '[second-opinion-kit] two']);
    assert.ok(warnings[0]!.endsWith(`(see ${devDocsUrl('define')})`));
  });

  it('no other repository link is written in the kit\'s source', () => {
    const stray: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|js|mjs)$/.test(entry.name) && !full.endsWith(join('shared', 'dev.ts'))) {
          for (const m of readFileSync(full, 'utf8').matchAll(/https:\/\/github\.com\/[^\s'"`)]*/g)) stray.push(`${relative(root, full)}: ${m[0]}`);
        }
      }
    };
    walk(join(root, 'src'));
    walk(join(root, 'bin'));
    assert.deepEqual(stray, [], 'print repository links through devDocsUrl() so this test checks them');
  });
});

describe('links between the docs', () => {
  it('every relative link in README.md and docs/ names a file and a heading that exist', () => {
    const files = ['README.md', 'CHANGELOG.md', ...readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
    const broken: string[] = [];
    for (const file of files) {
      let fenced = false;
      for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
        if (/^\s*```/.test(line)) fenced = !fenced;
        if (fenced) continue;
        for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
          const href = m[1]!;
          if (/^[a-z][a-z+.-]*:/i.test(href)) continue;
          const [path, anchor] = href.split('#');
          const target = path ? normalize(join(dirname(file), decodeURIComponent(path))) : file;
          const why = brokenTarget(target, anchor);
          if (why) broken.push(`${file}: ${href}: ${why}`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });
});
