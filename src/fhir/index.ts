/**
 * second-opinion-kit/fhir: the FhirBackend, which runs the second-opinion workflow on any FHIR R4
 * server, with the kit's CodeSystems and capability profiles.
 * @packageDocumentation
 */
export { FhirBackend, type FhirBackendOptions, type FhirCapabilities } from './fhir-backend.js';
export { FULL_PROFILE, REDUCED_PROFILE, TASK_STATUSES, TASK_STATUS_CROSSWALK, taskStatusFor, statusFromTask, type FhirProfile, type TaskStatus } from './profile.js';
export * from './codesystems.js';
