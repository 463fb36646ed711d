// Types for build.mjs, so TypeScript tests can import it.
/** The recipes esbuild builds. */
export declare const BUILT_EXAMPLES: { name: string; entry: string; plugins: unknown[] }[];
/** Builds the recipes in parallel; rejects with esbuild's errors if one fails. */
export declare function buildExamples(): Promise<void>;
