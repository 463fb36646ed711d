// Two builds: the npm package (unbundled ESM with bare specifiers and a .d.ts per module, so
// apps dedupe Lit and tree-shake), and one self-contained CDN module for <script type="module">.
import { existsSync, globSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import { transform } from 'esbuild';

const entries = [
  'src/index.ts',
  'src/fhir/index.ts',
  'src/server/index.ts',
  'src/conformance/cli.ts',
  'src/elements/index.ts',
  'src/react/index.ts',
  'src/react/staff.ts',
  // Started by `new Worker(new URL('./hash.worker.js', import.meta.url))`, so no import reaches it.
  'src/core/uploads/hash.worker.ts',
  ...globSync('src/elements/*.ts'),
].filter((f, i, all) => existsSync(f) && all.indexOf(f) === i);

// Third-party code's own warnings (zod's comment annotations, its internal cycles) are not ours to fix.
function onwarn(w, warn) {
  if ((w.code === 'CIRCULAR_DEPENDENCY' && w.ids?.some((id) => id.includes('node_modules'))) || w.id?.includes('node_modules')) return;
  warn(w);
}

// The CDN bundles only need TypeScript turned into JavaScript: esbuild does that file by file in
// milliseconds, where @rollup/plugin-typescript type-checks the whole program first (most of a
// minute on two cores, which a fresh clone's first `npm start` waited for). Types are checked by
// `npm run typecheck` and by the npm build, which still emits the .d.ts files.
const compilerOptions = { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true, target: 'es2022' };
function esbuildTypescript() {
  return {
    name: 'esbuild-typescript',
    // Sources import each other as './x.js' (Node ESM style); the file on disk is x.ts.
    resolveId(source, importer) {
      if (!importer?.endsWith('.ts') || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const ts = resolvePath(dirname(importer), source.replace(/\.js$/, '.ts'));
      return existsSync(ts) ? ts : null;
    },
    async transform(code, id) {
      if (!id.endsWith('.ts') || id.includes('/node_modules/')) return null;
      const out = await transform(code, { loader: 'ts', format: 'esm', target: 'es2022', sourcemap: true, sourcefile: id, tsconfigRaw: { compilerOptions } });
      return { code: out.code, map: out.map };
    },
  };
}

// Minifies each output chunk with esbuild (a second, where terser took most of the CDN build's time).
function esbuildMinify() {
  return {
    name: 'esbuild-minify',
    async renderChunk(code, chunk) {
      const out = await transform(code, { minify: true, format: 'esm', target: 'es2022', sourcemap: true, sourcefile: chunk.fileName, legalComments: 'none' });
      return { code: out.code, map: out.map };
    },
  };
}

const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:[\\/]/.test(id);

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: Object.fromEntries(entries.map((f) => [f.replace(/^src\//, '').replace(/\.ts$/, ''), f])),
    external: isBare,
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true, entryFileNames: '[name].js' },
    plugins: [typescript({ tsconfig: './tsconfig.build.json', outputToFilesystem: true })],
    onwarn,
  },
  {
    // Two entries in one run: the patient's module and the staff elements (staff.js), sharing their
    // common code (Lit, the core, the provider's context) through chunks/ rather than each its own copy.
    input: { 'second-opinion-kit': 'src/cdn.ts', staff: 'src/cdn-staff.ts' },
    // A directory, so backends the provider loads on demand (FHIR) stay in their own chunk.
    output: { dir: 'dist/cdn', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', format: 'es', sourcemap: true },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
      // tus-js-client's ESM build still imports CommonJS packages (url-parse).
      commonjs(),
      esbuildTypescript(),
      esbuildMinify(),
    ],
    onwarn,
  },
  {
    // The hashing Worker for CDN pages, self-contained, in chunks/ beside the shared chunk that
    // holds the hasher (its `new URL('./hash.worker.js', import.meta.url)` looks there; a browser
    // test loads the CDN page and checks the Worker ran).
    input: 'src/core/uploads/hash.worker.ts',
    output: { file: 'dist/cdn/chunks/hash.worker.js', format: 'es', sourcemap: true },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
      esbuildTypescript(),
      esbuildMinify(),
    ],
    onwarn,
  },
];
