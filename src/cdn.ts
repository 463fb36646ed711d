// The self-contained CDN module: the core, and (once they exist) every element registered.
export * from './index.js';
