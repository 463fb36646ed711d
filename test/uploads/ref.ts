// The reference server on loopback for upload tests: a fresh database, a patient, a draft case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startServer, type RunningServer, type ServerOptions } from '../../src/server/index.js';
import { createClient, RestBackend, type SecondOpinionClient } from '../../src/index.js';
import { validRequest } from '../fixtures/requests.js';

export interface UploadServer {
  server: RunningServer;
  dataDir: string;
  /** A client for `patient` at `endpoint` (default: the server itself). */
  client(endpoint?: string): SecondOpinionClient;
  /** A new submitted case of the patient. */
  newCase(): Promise<string>;
  close(): Promise<void>;
}

/** Starts the reference server on 127.0.0.1. */
export async function startUploadServer(config: ServerOptions['config'] = {}): Promise<UploadServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'so-uploads-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, logger: silentLogger, rateLimit: false, config });
  const token = await server.issueToken('patient-upload-test', 'patient');
  const client = (endpoint = server.url) => createClient({ backend: new RestBackend({ endpoint, retry: { baseDelayMs: 5, maxDelayMs: 50 } }), getAccessToken: () => token });
  return {
    server,
    dataDir,
    client,
    newCase: async () => (await client().cases.create(validRequest(), { submit: true })).id,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
