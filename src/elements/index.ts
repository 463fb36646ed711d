/** Registers every second-opinion-kit element and exports their classes and shared helpers. */
import './provider.js';
import './status-badge.js';
import './request-form.js';

export * from '../components/index.js';
export { SoRequestForm } from './request-form.js';
export { SoStepChangeEvent, SoCaseCreatedEvent } from '../components/request-form/request-form.events.js';
export type { RequestFormI18n } from '../components/request-form/request-form.js';
