/** The package's main entry: the framework-free core. */
export * from './core/index.js';
