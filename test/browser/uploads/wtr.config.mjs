// The uploader's browser tests: the shared three-engine config, plus the real reference server
// (loopback, demo mode) started by a plugin, the hashing Worker served from its TypeScript source,
// and a page with the strict CSP that loads the CDN bundle's Worker.
// Run: web-test-runner --config test/browser/uploads/wtr.config.mjs
import base from '../../../web-test-runner.config.mjs';
import { uploadsPlugin, workerSource, cspUploadPage, urlParseAsEsm } from './server.mjs';

export default {
  ...base,
  files: ['test/browser/uploads/**/*.spec.ts', 'test/browser/record-uploader*.spec.ts'],
  // tus-js-client's browser build (package.json `browser` field); its CommonJS url-parse is bundled to ESM.
  nodeResolve: { ...base.nodeResolve, browser: true },
  middleware: [...base.middleware, workerSource(), cspUploadPage()],
  plugins: [urlParseAsEsm(), ...base.plugins, uploadsPlugin()],
  testFramework: { config: { timeout: 30000 } },
};
