export * from './transitions.js';
export * from './holidays.js';
export * from './clock.js';
export * from './engine.js';
