// A fresh reference server on loopback, with its own temporary database, for one test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startServer } from '../../src/server/index.js';
import { createClient, RestBackend, type SecondOpinionClient, type TokenGetter } from '../../src/index.js';

export interface Reference {
  url: string;
  /** A signed token for a patient (or staff roles). */
  token(sub: string, role?: 'patient' | 'coordinator' | 'specialist' | ('coordinator' | 'specialist')[]): Promise<string>;
  /** A client on RestBackend at `endpoint` (default: the server itself). */
  client(getAccessToken: TokenGetter, endpoint?: string): SecondOpinionClient;
  close(): Promise<void>;
}

/** Starts the reference server on 127.0.0.1 with an empty database. */
export async function startReference(): Promise<Reference> {
  const dataDir = mkdtempSync(join(tmpdir(), 'so-rest-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, logger: silentLogger, rateLimit: false });
  return {
    url: server.url,
    token: (sub, role = 'patient') => server.issueToken(sub, role),
    client: (getAccessToken, endpoint = server.url) =>
      createClient({ backend: new RestBackend({ endpoint, retry: { baseDelayMs: 5, maxDelayMs: 50 } }), getAccessToken }),
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
