// The workflow element tests (<so-status-tracker>, <so-opinion-summary>) in the same three engines
// as web-test-runner.config.mjs, against real reference servers started by a plugin.
import base from './web-test-runner.config.mjs';
import { referenceServerPlugin } from './test/browser/status-tracker.server.mjs';

export default {
  ...base,
  files: ['test/browser/status-tracker*.spec.ts', 'test/browser/opinion-summary*.spec.ts', 'test/browser/triage-queue.spec.ts', 'test/browser/case-review.spec.ts', 'test/browser/opinion-editor.spec.ts'],
  plugins: [...base.plugins, referenceServerPlugin()],
  // A server restart reopens its database; on a loaded 2-core machine that alone can take seconds.
  testFramework: { config: { ...base.testFramework?.config, timeout: 30000 } },
};
