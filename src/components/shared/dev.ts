// Development-only warnings: bundlers replace `process.env.NODE_ENV`, so production builds drop them.
const seen = new Set<string>();

/** True unless the bundler declared a production build. */
export const DEV: boolean = typeof process === 'undefined' || process.env?.NODE_ENV !== 'production';

/** Where the docs live (package.json's `repository`, test/docs/links.test.ts checks they agree). */
export const DOCS_BASE = 'https://github.com/second-opinion-kit/second-opinion-kit/blob/main/';

/**
 * What each warning links to: a file of this repository and one of its headings (GitHub's anchor
 * for it). test/docs/links.test.ts checks every heading exists, so a warning never links to nothing.
 */
export const DEV_DOCS = {
  define: 'README.md#elements',
  appearance: 'docs/theming.md#what-appearance-ignores',
  'provider-rest': 'README.md#restbackend-the-kits-http-protocol',
  'provider-fhir': 'README.md#fhirbackend-the-same-workflow-on-any-fhir-r4-server',
  'provider-memory': 'README.md#elements',
  provider: 'README.md#elements',
  'status-badge-status': 'README.md#the-case-lifecycle',
} as const;

/** A topic that warnings link to. */
export type DevTopic = keyof typeof DEV_DOCS;

/** The link printed for `topic`. */
export const devDocsUrl = (topic: DevTopic): string => `${DOCS_BASE}${DEV_DOCS[topic]}`;

/** Warns once per `once` (the topic by default), in development only. Never pass patient data in `message`. */
export function devWarn(topic: DevTopic, message: string, once: string = topic): void {
  if (!DEV || seen.has(once)) return;
  seen.add(once);
  console.warn(`[second-opinion-kit] ${message} (see ${devDocsUrl(topic)})`);
}
