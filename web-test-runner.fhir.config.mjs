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

// The full profile (websocket Subscriptions) runs in every engine: the socket is the browser's. The
// reduced one differs only in the backend (it polls with fetch and timers, as every page does), so
// it runs in Chromium alone, which keeps the suite's time down on two cores.
const chromium = base.browsers.filter((b) => b.name === 'Chrome');

export default {
  ...rest,
  groups: [
    { name: 'fhir-full', files, testRunnerHtml: page('full') },
    { name: 'fhir-reduced', files, testRunnerHtml: page('reduced'), browsers: chromium.length ? chromium : base.browsers },
  ],
  plugins: [...base.plugins, fhirEnginePlugin()],
  // Each FHIR write is validated against the R4 definitions: a whole-life test with three cases and
  // axe runs takes ~10 s alone, and more with three browsers sharing two cores.
  // One retry: on a heavily loaded machine, about one full run in three had one whole-life tracker
  // test stall on this engine (its waits now say what the tracker had). The cause is not found yet
  // (it never showed on a quiet machine or in the Node FHIR tests); a test that fails twice still fails.
  testFramework: { config: { ...rest.testFramework?.config, timeout: 60000, retries: 1 } },
};
