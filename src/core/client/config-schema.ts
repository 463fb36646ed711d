// The config answer's schema alone, in a module of its own: a page's first call is often the config
// (the request form's first step waits on it), and this check should not wait for every other schema
// to be built. The other answers and inputs are in ./schemas.js.
export { BackendConfigSchema } from '../model/config.js';
export { parseWith } from '../model/parse.js';
