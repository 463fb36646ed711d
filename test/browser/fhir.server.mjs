// A wtr plugin that runs one real FHIR R4 engine (Medplum's router, strict R4 validation) on
// 127.0.0.1 for a whole test run, and the commands the FHIR browser tests call: `so-fhir` (its base
// URL) and `so-fhir-rejected` (every write the engine refused, so a test can assert there was none).
import { tsImport } from 'tsx/esm/api';

/** The wtr plugin. */
export function fhirEnginePlugin() {
  let engine;
  const rejected = [];
  return {
    name: 'so-fhir-engine',
    async serverStart() {
      const { startFhirServer } = await tsImport('../fhir-engine/fhir-test-server.ts', import.meta.url);
      engine = await startFhirServer({
        strict: true,
        // 400 and 422 are the engine refusing a resource; 404 and 412 are ordinary answers.
        onAnswer: (method, path, status) => {
          if (status === 400 || status === 422) rejected.push({ method, path, status });
        },
      });
    },
    async serverStop() {
      await engine?.close();
    },
    async executeCommand({ command }) {
      if (command === 'so-fhir') return { baseUrl: engine.baseUrl };
      if (command === 'so-fhir-rejected') return rejected;
      return undefined;
    },
  };
}
