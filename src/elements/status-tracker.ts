// Registers <so-status-tracker>; it registers the <so-status-badge> it shows when it first shows one. Importing this module is the side effect.
import { SoStatusTracker } from '../components/status-tracker/status-tracker.js';

SoStatusTracker.define();

export { SoStatusTracker };
