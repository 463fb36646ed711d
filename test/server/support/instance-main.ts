// One server instance as its own process (a test's "machine"): settings from the environment
// (DATABASE_URL, SO_DATA_DIR, SO_TOKEN_SECRET, SO_RECORDS_STORE, AWS_*), a free port, and its URL
// as one JSON line on stdout once it listens. SIGTERM closes it; SIGKILL is the crash.
import { startServer, type LogFields } from '../../../src/server/index.js';

// Only what the tests look for reaches stdout (one JSON line each): not every request's access
// line, only those of staff report uploads (written once the answer is ready, after any clean-up).
const told = (f: LogFields) => f.msg === 'upload hashed' || (f.msg === 'request' && f.route === '/v1/staff/cases/:id/report');
const logger = {
  info: (f: LogFields) => void (told(f) && process.stdout.write(`${JSON.stringify(f)}\n`)),
  error: (f: LogFields) => void process.stderr.write(`${JSON.stringify(f)}\n`),
};
const server = await startServer({ port: 0, host: '127.0.0.1', logger, heartbeatMs: 500 });
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
