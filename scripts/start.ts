// `npm start`: the reference server in demo mode (SO_DEMO=1) on http://127.0.0.1:8787, with its
// data in ./.data, so the whole workflow runs on one machine. PORT, HOST and SO_DATA_DIR override.
import { DEMO_PAGE, startServer } from '../src/server/index.js';

process.env.SO_DEMO = '1';
const server = await startServer({ demo: true, homePage: DEMO_PAGE });
process.stdout.write(`second-opinion-kit reference server (demo mode) on ${server.url}\n  data: ${server.options.dataDir}\n  try: curl ${server.url}/v1/config\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
