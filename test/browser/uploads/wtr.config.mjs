// The uploader's browser tests: the shared three-engine config, plus the real reference server
// (loopback, demo mode) started by a plugin, the hashing Worker served from its TypeScript source,
// and a page with the strict CSP that loads the CDN bundle's Worker.
// Run: web-test-runner --config test/browser/uploads/wtr.config.mjs
import base from '../../../web-test-runner.config.mjs';
import { uploadsPlugin, workerSource, cspUploadPage } from './server.mjs';

// The engine's big transfers run in Chromium only (the Worker path and resume); the element's flows run everywhere.
const chromium = base.browsers.filter((b) => b.name === 'Chrome');

export default {
  ...base,
  files: ['test/browser/record-uploader*.spec.ts'],
  groups: chromium.length ? [{ name: 'upload-engine', files: 'test/browser/uploads/**/*.spec.ts', browsers: chromium }] : [],
  middleware: [...base.middleware, workerSource(), cspUploadPage()],
  plugins: [...base.plugins, uploadsPlugin()],
  testFramework: { config: { timeout: 30000 } },
};
