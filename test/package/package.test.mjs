// The built package, as an app would use it: imported by its name, the README's example run as written.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url);

describe('the built package', () => {
  it('imports in Node by its package name', async () => {
    const kit = await import('second-opinion-kit');
    assert.equal(typeof kit.createClient, 'function');
    assert.equal(typeof kit.MemoryBackend, 'function');
    assert.equal(typeof kit.RequestSchema.safeParse, 'function');
  });

  it('declares types first in every export condition', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'object') assert.equal(Object.keys(target)[0], 'types', `${entry} lists types first`);
    }
  });

  it('runs the README core example exactly as written', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    const code = /<!-- example:core -->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(code, 'README.md has a core example');
    // Written inside the package folder so the bare specifier resolves to this package itself.
    mkdirSync(new URL('.tmp/', root), { recursive: true });
    const file = new URL('.tmp/readme-core-example.mjs', root);
    writeFileSync(file, code);
    const out = execFileSync(process.execPath, [file.pathname], { encoding: 'utf8' });
    const lines = out.trim().split('\n');
    assert.match(lines[0], /^SO-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4} submitted$/);
    assert.equal(lines[1], 'opinion_ready Avis prêt');
    assert.equal(lines[2], 'confirmed');
    assert.deepEqual(lines.slice(3), [
      'Is surgery the best first step? -> Answer to: Is surgery the best first step?',
      'What are the risks of waiting? -> Answer to: What are the risks of waiting?',
    ]);
  });

  it('ships self-contained CDN modules (the patient\'s and the staff\'s) with no bare imports', () => {
    for (const name of ['second-opinion-kit.js', 'staff.js']) {
      const cdn = readFileSync(new URL(`dist/cdn/${name}`, root), 'utf8');
      assert.doesNotMatch(cdn, /\bfrom\s*["'](?![./])[^"']+["']/, `${name}: no bare import specifiers`);
      assert.doesNotMatch(cdn, /\bimport\s*\(\s*["'](?![./])/, `${name}: no bare dynamic imports`);
    }
  });

  it('type-checks a consumer of the published .d.ts', () => {
    execFileSync(process.execPath, [new URL('node_modules/typescript/bin/tsc', root).pathname, '-p', new URL('test/package/consumer/tsconfig.json', root).pathname], { encoding: 'utf8' });
  });
});
