// The workflow element tests (<so-status-tracker>, <so-opinion-summary>) again, on FhirBackend over a
// real FHIR R4 engine (strict validation) on loopback, once per capability profile: the full one and
// the reduced one (no draft Task status, no Subscriptions). The specs read the backend and the
// profile from their test page. No reference server: nothing here talks to it.
import base from './web-test-runner.config.mjs';
import workflow from './web-test-runner.workflow.config.mjs';
import { fhirEnginePlugin } from './test/browser/fhir.server.mjs';

const page = (profile) => (testFramework) => `<!doctype html>
<html><head><script>globalThis.SO_TEST_BACKEND = 'fhir'; globalThis.SO_TEST_FHIR_PROFILE = '${profile}';</script></head>
<body><script type="module" src="${testFramework}"></script></body></html>`;

const { files, ...rest } = workflow;

export default {
  ...rest,
  groups: ['full', 'reduced'].map((profile) => ({ name: `fhir-${profile}`, files, testRunnerHtml: page(profile) })),
  plugins: [...base.plugins, fhirEnginePlugin()],
  // Each FHIR write is validated against the R4 definitions: a whole-life test with three cases and
  // axe runs takes ~10 s alone, and more with three browsers sharing two cores.
  testFramework: { config: { ...rest.testFramework?.config, timeout: 60000 } },
};
