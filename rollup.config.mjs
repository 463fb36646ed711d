// Two builds: the npm package (unbundled ESM with bare specifiers and a .d.ts per module, so
// apps dedupe Lit and tree-shake), and one self-contained CDN module for <script type="module">.
import { existsSync, globSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const entries = [
  'src/index.ts',
  'src/fhir/index.ts',
  'src/server/index.ts',
  'src/conformance/cli.ts',
  'src/elements/index.ts',
  'src/react/index.ts',
  // Started by `new Worker(new URL('./hash.worker.js', import.meta.url))`, so no import reaches it.
  'src/core/uploads/hash.worker.ts',
  ...globSync('src/elements/*.ts'),
].filter((f, i, all) => existsSync(f) && all.indexOf(f) === i);

// Third-party code's own warnings (zod's comment annotations, its internal cycles) are not ours to fix.
function onwarn(w, warn) {
  if ((w.code === 'CIRCULAR_DEPENDENCY' && w.ids?.some((id) => id.includes('node_modules'))) || w.id?.includes('node_modules')) return;
  warn(w);
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
    input: 'src/cdn.ts',
    // A directory, so backends the provider loads on demand (FHIR) stay in their own chunk.
    output: { dir: 'dist/cdn', entryFileNames: 'second-opinion-kit.js', chunkFileNames: 'chunks/[name]-[hash].js', format: 'es', sourcemap: true },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
      // tus-js-client's ESM build still imports CommonJS packages (url-parse).
      commonjs(),
      typescript({ tsconfig: './tsconfig.build.json', declaration: false, declarationMap: false, outDir: 'dist/cdn', outputToFilesystem: false }),
      // reduce_vars turns Lit's `directive(Class)` into a call of an empty function (the uploader's
      // virtual-list spacer then throws "cp is not a function"); the bundle is right without it.
      terser({ format: { comments: false }, compress: { reduce_vars: false } }),
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
      typescript({ tsconfig: './tsconfig.build.json', declaration: false, declarationMap: false, outDir: 'dist/cdn', outputToFilesystem: false }),
      terser({ format: { comments: false } }),
    ],
    onwarn,
  },
];
