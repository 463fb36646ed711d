// The <so-request-form> browser tests: the shared three-engine config, plus the real reference
// server (and a fault-injecting proxy) started by a plugin.
import base from './web-test-runner.config.mjs';
import { referenceServerPlugin, tusBrowserBundlePlugin } from './test/browser/request-form.server.mjs';

export default {
  ...base,
  files: 'test/browser/request-form.e2e.ts',
  plugins: [tusBrowserBundlePlugin(), ...base.plugins, referenceServerPlugin()],
  testFramework: { config: { timeout: 20000 } },
};
