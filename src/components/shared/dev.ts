// Development-only warnings: bundlers replace `process.env.NODE_ENV`, so production builds drop them.
const seen = new Set<string>();

/** True unless the bundler declared a production build. */
export const DEV: boolean = typeof process === 'undefined' || process.env?.NODE_ENV !== 'production';

/** Warns once per `key`, in development only. Never pass patient data in `message`. */
export function devWarn(key: string, message: string): void {
  if (!DEV || seen.has(key)) return;
  seen.add(key);
  console.warn(`[second-opinion-kit] ${message} (see https://github.com/second-opinion-kit/second-opinion-kit#${key})`);
}
