// Structured logs: one JSON line per request with its id, route template, status and duration.
// Never bodies, names, file names or tokens: only the fields written here reach a log.

/** One log line's fields. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** Where log lines go; tests pass one that collects them. */
export interface Logger {
  info(fields: LogFields): void;
  error(fields: LogFields): void;
}

/** JSON lines on stdout (info) and stderr (errors). */
export const jsonLogger: Logger = {
  info: (fields) => process.stdout.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), ...fields })}\n`),
  error: (fields) => process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), ...fields })}\n`),
};

/** A logger that drops everything. */
export const silentLogger: Logger = { info: () => {}, error: () => {} };
