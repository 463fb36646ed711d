// Registers <so-opinion-summary>. Importing this module is the side effect.
import { SoOpinionSummary } from '../components/opinion-summary/opinion-summary.js';

SoOpinionSummary.define();

export { SoOpinionSummary };
