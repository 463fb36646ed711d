// The self-contained CDN module: the core, plus every element registered on load.
export * from './index.js';
export * from './elements/index.js';
