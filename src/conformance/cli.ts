// `second-opinion-kit conformance --url URL --token T [--other-token T2]`: one line per rule, a
// total, and a non-zero exit when any rule fails.
import { parseArgs } from 'node:util';
import { formatResult, formatTotal, runConformance } from './run.js';

const USAGE = 'Usage: second-opinion-kit conformance --url URL --token TOKEN [--other-token TOKEN2]\n';

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'conformance') {
    process.stderr.write(USAGE);
    return 2;
  }
  let values: { url?: string; token?: string; 'other-token'?: string };
  try {
    ({ values } = parseArgs({ args: rest, options: { url: { type: 'string' }, token: { type: 'string' }, 'other-token': { type: 'string' } } }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (!values.url || !values.token) {
    process.stderr.write(USAGE);
    return 2;
  }
  const report = await runConformance({
    url: values.url, token: values.token, otherToken: values['other-token'], onResult: (r) => out(formatResult(r)),
  });
  out(formatTotal(report));
  return report.failed > 0 ? 1 : 0;
}
