// `npm start`: the reference server in demo mode on http://127.0.0.1:8787, with its data in ./.data,
// serving the demo at `/` so the whole workflow runs on one machine. PORT, HOST and SO_DATA_DIR
// override. Demo mode hands out tokens, so a HOST other than loopback is refused unless SO_DEMO=1 is
// set explicitly. The CDN module is built first when missing or stale.
import { resolve } from 'node:path';
import { assertDemoAllowed, resolveOptions } from '../src/server/config.js';
import { ensureCdn } from './cdn-build.js';

try {
  // Checked before the build, so the refusal comes at once.
  assertDemoAllowed(resolveOptions({ demo: true }));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}
`);
  process.exit(1);
}
// On a fresh clone the CDN module builds in a child process (another core) while this one starts the
// server, whose embedded database's first start is the other long wait; the address is printed once
// both are done.
const building = ensureCdn(undefined, { inChild: true });
building.catch(() => {});
const { demoSite, startServer } = await import('../src/server/index.js');
process.stdout.write('starting the reference server (the embedded database\'s first start takes a few seconds)...\n');
const server = await startServer({ demo: true, ...demoSite({ root: resolve(import.meta.dirname, '..') }) });
await building;
process.stdout.write(`second-opinion-kit reference server (demo mode) on ${server.url}\n  demo: ${server.url}/\n  data: ${server.options.dataDir}\n  try: curl ${server.url}/v1/config\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
