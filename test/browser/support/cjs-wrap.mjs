// tus-js-client's browser build (the core imports it for uploads) needs three small CommonJS
// packages; this dev-server plugin wraps them as ES modules so browsers can load them unbundled.
const CJS = /\/node_modules\/(url-parse|querystringify|requires-port)\/[^/]+\.js$/;

/** The wtr/dev-server plugin. */
export function commonJsWrap() {
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
