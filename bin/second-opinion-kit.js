#!/usr/bin/env node
// The kit's command line (`second-opinion-kit conformance ...`). In a clone it runs the TypeScript
// source through tsx, so no build is needed; an installed package runs its built dist.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/conformance/cli.ts', import.meta.url);
const built = new URL('../dist/conformance/cli.js', import.meta.url);

async function load() {
  if (existsSync(fileURLToPath(source))) {
    try {
      const { tsImport } = await import('tsx/esm/api');
      return await tsImport(source.href, import.meta.url);
    } catch (e) {
      // Without tsx (a package installed with its source) the build is the only way.
      if (!existsSync(fileURLToPath(built))) throw e;
    }
  }
  return import(built.href);
}

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
