// The CDN module of the reviewing side (dist/cdn/staff.js): the staff elements, registered on load.
// Built beside second-opinion-kit.js in one rollup run, so both share one copy of Lit, the core and
// the provider's context (chunks/), and the staff code stays out of the patient's module.
export * from './elements/staff.js';
