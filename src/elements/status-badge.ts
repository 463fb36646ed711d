// Registers <so-status-badge>. Importing this module is the side effect.
import { SoStatusBadge } from '../components/status-badge/status-badge.js';

SoStatusBadge.define();

export { SoStatusBadge };
