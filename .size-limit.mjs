// size-limit checks built from scripts/size/entries.mjs (the budgets live there; `npm run test:gates`
// turns the differences into per-element figures and checks the README's size table).
import { entries } from './scripts/size/entries.mjs';

// Leaves every dynamic import() out of the bundle: code loaded on demand is not part of a page's first load.
const onDemandExternal = {
  name: 'on-demand-external',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};

const modifyEsbuildConfig = (config) => ({
  ...config,
  format: 'esm',
  platform: 'browser',
  conditions: ['production'],
  logLevel: 'error',
  plugins: [...(config.plugins ?? []), onDemandExternal],
});

export default entries.map((e) => ({
  name: e.name,
  import: e.import,
  gzip: true,
  modifyEsbuildConfig,
  // Absolute entries fail size-limit itself past their ceiling (or budget); differences are checked by the gate.
  ...(e.over || e.report ? {} : { limit: `${e.ceiling ?? e.budget} kB` }),
}));
