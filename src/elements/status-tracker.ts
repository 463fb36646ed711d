// Registers <so-status-tracker> (and the <so-status-badge> it shows). Importing this module is the side effect.
import { SoStatusBadge } from '../components/status-badge/status-badge.js';
import { SoStatusTracker } from '../components/status-tracker/status-tracker.js';

SoStatusBadge.define();
SoStatusTracker.define();

export { SoStatusTracker };
