// Registers <so-case-review>. Importing this module is the side effect.
import { SoCaseReview } from '../components/case-review/case-review.js';

SoCaseReview.define();

export { SoCaseReview };
