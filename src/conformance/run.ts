// Runs the rules against one server and reports each as PASS, FAIL or SKIP.
import { Probe, RuleSkipped } from './probe.js';
import type { Rule } from './rule.js';
import { BASIC_RULES } from './rules-basics.js';
import { CASE_RULES } from './rules-cases.js';
import { EVENT_RULES } from './rules-events.js';
import { ISOLATION_RULES } from './rules-isolation.js';
import { REQUEST_RULES } from './rules-requests.js';
import { UPLOAD_RULES } from './rules-uploads.js';

/** Every rule of protocol v1, in the order they run. */
export const RULES: readonly Rule[] = [...BASIC_RULES, ...REQUEST_RULES, ...CASE_RULES, ...UPLOAD_RULES, ...EVENT_RULES, ...ISOLATION_RULES];

export interface ConformanceOptions {
  /** The server's base URL. */
  url: string;
  /** A patient's bearer token. */
  token: string;
  /** A second patient's token, for the isolation rules. */
  otherToken?: string;
  fetch?: typeof fetch;
  /** The longest one rule may take. Default 20000 ms. */
  ruleTimeoutMs?: number;
  /** Called as each rule finishes. */
  onResult?: (result: RuleResult) => void;
}

/** How one rule went. */
export interface RuleResult {
  id: string;
  title: string;
  outcome: 'pass' | 'fail' | 'skip';
  /** Why it failed or was skipped. */
  reason?: string;
}

/** The whole run. */
export interface ConformanceReport {
  results: RuleResult[];
  passed: number;
  failed: number;
  skipped: number;
}

/** Checks every rule against the server at `url`. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const results: RuleResult[] = [];
  for (const rule of RULES) {
    const result = await runRule(rule, options);
    results.push(result);
    options.onResult?.(result);
  }
  const count = (o: RuleResult['outcome']) => results.filter((r) => r.outcome === o).length;
  return { results, passed: count('pass'), failed: count('fail'), skipped: count('skip') };
}

async function runRule(rule: Rule, options: ConformanceOptions): Promise<RuleResult> {
  const base = { id: rule.id, title: rule.title };
  if (rule.needsOtherPatient && !options.otherToken) return { ...base, outcome: 'skip', reason: 'needs --other-token' };
  const signal = AbortSignal.timeout(options.ruleTimeoutMs ?? 20_000);
  const probe = new Probe({ url: options.url, token: options.token, otherToken: options.otherToken, fetch: options.fetch ?? fetch, signal });
  try {
    await rule.run(probe);
    return { ...base, outcome: 'pass' };
  } catch (e) {
    if (e instanceof RuleSkipped) return { ...base, outcome: 'skip', reason: e.message };
    const reason = signal.aborted ? 'no answer in time' : e instanceof Error ? (e.name === 'RuleFailure' ? e.message : `${e.name}: ${e.message}`) : String(e);
    return { ...base, outcome: 'fail', reason };
  }
}

/** One line per result, as the CLI prints it. */
export function formatResult(r: RuleResult): string {
  return `${r.outcome.toUpperCase().padEnd(4)} ${r.id}: ${r.title}${r.reason ? ` (${r.reason})` : ''}`;
}

/** The closing line. */
export function formatTotal(report: ConformanceReport): string {
  return `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped of ${report.results.length} rules`;
}
