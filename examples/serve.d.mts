// Types for serve.mjs, so TypeScript tests can import it.
/** The API origin written in the recipes' HTML; replaced by the real one when served. */
export declare const PLACEHOLDER_API: string;
/** The strict policy of the kit's docs. */
export declare const STRICT_CSP: string;
/** Each recipe's policy, by folder name. */
export declare const EXAMPLE_CSP: Record<string, string>;
/** Starts the recipes' server on 127.0.0.1; `api` is the reference server's URL; `csp` overrides policies. */
export declare function serveExamples(options: { api: string; port?: number; csp?: Record<string, string> }): Promise<{ url: string; close: () => Promise<void> }>;
