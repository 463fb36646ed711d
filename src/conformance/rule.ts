// What a conformance rule is.
import type { Probe } from './probe.js';

/** One rule of the protocol, checked against a live server. */
export interface Rule {
  /** Stable id, e.g. `cases.etag`. */
  id: string;
  /** What the rule requires, in one line. */
  title: string;
  /** Needs a second patient's token (isolation rules). */
  needsOtherPatient?: boolean;
  run(probe: Probe): Promise<void>;
}
