// The workflow element tests (<so-status-tracker>, <so-opinion-summary>) in the same three engines
// as web-test-runner.config.mjs, against real reference servers started by a plugin.
import base from './web-test-runner.config.mjs';
import { referenceServerPlugin } from './test/browser/status-tracker.server.mjs';

// tus-js-client's browser build (the core imports it for uploads) needs three small CommonJS
// packages; this wraps them as ES modules so the dev server can serve them.
const CJS = /\/node_modules\/(url-parse|querystringify|requires-port)\/[^/]+\.js$/;
function commonJsWrap() {
  return {
    name: 'so-cjs-wrap',
    transform(context) {
      if (!CJS.test(context.path)) return undefined;
      const imports = [];
      const body = String(context.body).replace(/require\(\s*['"]([^'"]+)['"]\s*\)/g, (_m, spec) => {
        imports.push(`import __req${imports.length} from '${spec}';`);
        return `__req${imports.length - 1}`;
      });
      return { body: `${imports.join('\n')}\nconst module = { exports: {} }; let exports = module.exports;\n${body}\nexport default module.exports;\n` };
    },
  };
}

export default {
  ...base,
  nodeResolve: { ...base.nodeResolve, browser: true },
  files: ['test/browser/status-tracker*.spec.ts', 'test/browser/opinion-summary*.spec.ts'],
  plugins: [commonJsWrap(), ...base.plugins, referenceServerPlugin()],
  // A server restart reopens its database; on a loaded 2-core machine that alone can take seconds.
  testFramework: { config: { ...base.testFramework?.config, timeout: 30000 } },
};
