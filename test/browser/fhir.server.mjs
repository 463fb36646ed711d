// A wtr plugin that runs two real FHIR R4 engines (Medplum's router, strict R4 validation) on
// 127.0.0.1 for a whole test run: `full`, which delivers Subscriptions over the R4 websocket channel
// (test/fhir-engine/subscription-delivery.ts), and `reduced`, which has no Subscriptions at all (as
// Ocean). Its commands: `so-fhir` (an engine's base URL, by profile), `so-fhir-rejected` (every write
// the engines refused, so a test can assert there was none) and `so-fhir-delivery` (what the full
// engine's socket did for given Subscription ids, so a test can check the socket was really used).
import { tsImport } from 'tsx/esm/api';

/** The wtr plugin. */
export function fhirEnginePlugin() {
  const engines = {};
  const rejected = [];
  return {
    name: 'so-fhir-engine',
    async serverStart() {
      const { startFhirServer } = await tsImport('../fhir-engine/fhir-test-server.ts', import.meta.url);
      // 400 and 422 are the engine refusing a resource; 404 and 412 are ordinary answers.
      const onAnswer = (method, path, status) => {
        if (status === 400 || status === 422) rejected.push({ method, path, status });
      };
      engines.full = await startFhirServer({ strict: true, subscriptions: true, onAnswer });
      engines.reduced = await startFhirServer({ strict: true, subscriptions: false, onAnswer });
    },
    async serverStop() {
      await Promise.all(Object.values(engines).map((e) => e.close()));
    },
    async executeCommand({ command, payload }) {
      if (command === 'so-fhir') return { baseUrl: engines[payload?.profile === 'reduced' ? 'reduced' : 'full'].baseUrl };
      if (command === 'so-fhir-rejected') return rejected;
      if (command === 'so-fhir-delivery') {
        const ids = new Set(payload?.ids ?? []);
        const log = engines.full.delivery.log.filter((e) => ids.has(e.id));
        return { binds: log.filter((e) => e.kind === 'bind').length, pings: log.filter((e) => e.kind === 'ping').length };
      }
      return undefined;
    },
  };
}
