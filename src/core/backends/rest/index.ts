export { RestBackend, type RestBackendOptions, type RestRetryOptions } from './rest-backend.js';
