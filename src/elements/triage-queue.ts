// Registers <so-triage-queue>. Importing this module is the side effect.
import { SoTriageQueue } from '../components/triage-queue/triage-queue.js';

SoTriageQueue.define();

export { SoTriageQueue };
