/**
 * The protocol v1 conformance suite (Node): checks any server against every rule of the protocol.
 * @packageDocumentation
 */
export { RULES, runConformance, formatResult, formatTotal, type ConformanceOptions, type ConformanceReport, type RuleResult } from './run.js';
export type { Rule } from './rule.js';
export { main } from './cli.js';
