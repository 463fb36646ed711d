// `sideEffects` in package.json, checked the way apps meet it: a tiny app that imports one
// element's define module, bundled by rollup and by esbuild, must keep that element's
// registration and drop every other element.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import nodeResolve from '@rollup/plugin-node-resolve';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';

const root = new URL('../../', import.meta.url);
const tmp = new URL('.tmp/side-effects/', root);
const STAFF_TAGS = ['so-triage-queue', 'so-case-review', 'so-opinion-editor'];
const TAGS = ['so-provider', 'so-status-badge', 'so-request-form', 'so-status-tracker', 'so-opinion-summary', 'so-record-uploader'];

function app(name) {
  mkdirSync(tmp, { recursive: true });
  const file = new URL(`app-${name}.mjs`, tmp);
  // Written inside the package folder so the bare specifier resolves through package.json `exports`.
  writeFileSync(file, `import 'second-opinion-kit/elements/${name}.js';\n`);
  return file.pathname;
}

// `inline`: every dynamic import() in the one file (all the code an app can reach); otherwise the
// entry chunk alone (what importing the module runs).
async function withRollup(name, inline = true) {
  const bundle = await rollup({ input: app(name), plugins: [nodeResolve({ browser: true })], onwarn: () => {} });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: inline });
  await bundle.close();
  return output[0].code;
}

async function withEsbuild(name) {
  const r = await esbuild.build({ entryPoints: [app(name)], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
  return r.outputFiles[0].text;
}

// Runs a bundle in Node with just enough of a DOM for Lit classes to be declared and defined.
async function registeredBy(code, name, bundler) {
  const defined = [];
  const stand = {
    HTMLElement: class {},
    customElements: { define: (tag) => defined.push(tag), get: () => undefined },
    document: { createTreeWalker: () => ({}), createComment: () => ({}), createElement: () => ({}) },
  };
  const saved = Object.fromEntries(Object.keys(stand).map((k) => [k, globalThis[k]]));
  Object.assign(globalThis, stand);
  // Outside the repo: the bundle is self-contained, and the linter must not read it.
  const dir = mkdtempSync(join(tmpdir(), 'so-side-effects-'));
  try {
    const file = join(dir, `bundle-${bundler}-${name}.mjs`);
    writeFileSync(file, code);
    await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete globalThis[k];
      else globalThis[k] = v;
    }
  }
  return defined;
}

for (const [bundler, build] of [['rollup', withRollup], ['esbuild', withEsbuild]]) {
  describe(`sideEffects with ${bundler}`, () => {
    it('keeps <so-status-badge> alone when an app imports only its define module', async () => {
      const code = await build('status-badge');
      for (const tag of TAGS.filter((t) => t !== 'so-status-badge')) assert.doesNotMatch(code, new RegExp(`['"\`]${tag}['"\`]`), `${tag} is not in the bundle`);
      assert.deepEqual(await registeredBy(code, 'status-badge', bundler), ['so-status-badge']);
    });

    it('keeps <so-request-form> and leaves the uploader and its engine out', async () => {
      const code = await build('request-form');
      for (const tag of TAGS.filter((t) => t !== 'so-request-form')) assert.doesNotMatch(code, new RegExp(`['"\`]${tag}['"\`]`), `${tag} is not in the bundle`);
      assert.doesNotMatch(code, /tus-js-client|Tus-Resumable/, 'no upload engine');
      assert.deepEqual(await registeredBy(code, 'request-form', bundler), ['so-request-form']);
    });

    it('keeps the staff elements out of the patient bundle; elements/staff.js registers them and no patient element', async () => {
      // esbuild for the whole patient bundle (it reads the upload engine's CommonJS dependencies; rollup would need a plugin).
      const patient = await withEsbuild('index');
      for (const tag of STAFF_TAGS) assert.doesNotMatch(patient, new RegExp(`['"\`]${tag}['"\`]`), `${tag} is not in the patient's bundle`);
      const code = await build('staff');
      // The badge shows statuses; the opinion editor's preview draws the patient's <so-opinion-summary>,
      // loaded with the preview (so not registered by importing staff.js, which the last line checks).
      for (const tag of TAGS.filter((t) => t !== 'so-status-badge' && t !== 'so-opinion-summary')) assert.doesNotMatch(code, new RegExp(`['"\`]${tag}['"\`]`), `${tag} is not in the staff bundle`);
      // What importing staff.js registers: rollup's entry chunk (its preview part stays a chunk of its own).
      const entry = bundler === 'rollup' ? await withRollup('staff', false) : code;
      assert.deepEqual((await registeredBy(entry, 'staff', bundler)).sort(), [...STAFF_TAGS].sort());
    });
  });
}
