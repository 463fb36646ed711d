// A reference server in its own process, for tests that kill it: options come as JSON in argv[2],
// and its URL is printed as the first line once it listens.
import { startServer, silentLogger, type ServerOptions } from '../../../src/server/index.js';

const options = JSON.parse(process.argv[2] ?? '{}') as ServerOptions;
const server = await startServer({ port: 0, host: '127.0.0.1', logger: silentLogger, ...options });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
