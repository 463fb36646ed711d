// What every part of FhirBackend shares: the server, what it supports, the offer, the patient the
// backend acts for and the clock. The parts (reads, writes, records, watching) each take it.
import type { BackendConfig } from '../core/model/config.js';
import type { EngineContext } from '../core/lifecycle/engine.js';
import type { FhirHttp } from './fhir-http.js';
import type { FhirProfile } from './profile.js';

/** The state FhirBackend's parts share; set once, by its constructor. */
export interface FhirSetup {
  readonly fhir: FhirHttp;
  readonly profile: FhirProfile;
  readonly config: BackendConfig;
  /** The Patient the backend acts for: cases of other patients read as not found. */
  readonly subjectPatientId?: string;
  readonly now: () => Date;
}

/** The case engine's context for one move (or one read) at the setup's clock. */
export function engineOf(setup: FhirSetup): EngineContext {
  return { now: setup.now(), newId: () => crypto.randomUUID(), config: setup.config };
}
