/** Registers every second-opinion-kit element and exports their classes and shared helpers. */
import './provider.js';
import './status-badge.js';

export * from '../components/index.js';
