// Builds every recipe that needs a build (React 19, React 18, Vue 3, Angular) with esbuild, each into
// its own dist/. `second-opinion-kit` resolves to this repository through its package.json `exports`
// (a package may import itself by name), so the recipes use exactly what npm users get.
// Run `npm run build` first: the recipes import the built dist/.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compileScript, parse } from 'vue/compiler-sfc';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

/** Compiles Vue single-file components, telling the template compiler the so- tags are custom elements. */
function vueSfc() {
  return {
    name: 'vue-sfc',
    setup(b) {
      b.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
        const { descriptor, errors } = parse(await readFile(path, 'utf8'), { filename: path });
        if (errors.length) return { errors: errors.map((e) => ({ text: String(e.message ?? e) })) };
        const id = createHash('sha256').update(path).digest('hex').slice(0, 8);
        const script = compileScript(descriptor, {
          id,
          inlineTemplate: true,
          templateOptions: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('so-') } },
        });
        return { contents: script.content, loader: script.lang === 'ts' ? 'ts' : 'js', resolveDir: dirname(path) };
      });
    },
  };
}

/**
 * Resolves react and react-dom from the React 18 recipe's own install (the root holds React 19),
 * and the kit by name from the repository root (the recipe's own package.json hides the self-reference).
 */
function react18() {
  const dir = join(here, 'react18');
  return {
    name: 'react18',
    setup(b) {
      const from = (resolveDir) => (args) => (args.pluginData === 'react18' ? undefined
        : b.resolve(args.path, { kind: args.kind, resolveDir, pluginData: 'react18' }));
      b.onResolve({ filter: /^react(-dom)?(\/.*)?$/ }, from(dir));
      b.onResolve({ filter: /^second-opinion-kit(\/.*)?$/ }, from(root));
    },
  };
}

/** The recipes esbuild builds: name, entry, and extra plugins. */
export const BUILT_EXAMPLES = [
  { name: 'react19', entry: 'main.tsx', plugins: [] },
  { name: 'react18', entry: 'main.tsx', plugins: [react18()] },
  { name: 'vue', entry: 'main.ts', plugins: [vueSfc()] },
  { name: 'angular', entry: 'main.ts', plugins: [] },
];

/** Builds the recipes in parallel; rejects with esbuild's errors if one fails. */
export async function buildExamples() {
  await Promise.all(BUILT_EXAMPLES.map(({ name, entry, plugins }) => build({
    entryPoints: [join(here, name, entry)],
    outfile: join(here, name, 'dist', 'main.js'),
    absWorkingDir: root,
    tsconfig: join(root, 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    plugins,
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    // The kit's dist keeps type-only model imports as bare imports; sideEffects rightly drops them.
    logOverride: { 'ignored-bare-import': 'silent' },
    logLevel: 'warning',
  })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildExamples();
  console.log(`Built ${BUILT_EXAMPLES.map((e) => `examples/${e.name}/dist/main.js`).join(', ')}`);
}
