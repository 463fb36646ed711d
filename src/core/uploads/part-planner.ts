// How a file is cut into parts: big enough that per-request turnaround stays small (64 MiB
// sequential parts reach ~91 % of a single PUT on loopback), small enough that a cut wastes little.

const MiB = 1024 * 1024;

/** The smallest part any object store accepts (S3's multipart minimum). */
export const MIN_PART_BYTES = 5 * MiB;
/** The most parts one upload may have (S3's multipart maximum). */
export const MAX_PARTS = 10_000;

/** Limits for the part planner. */
export interface PartPlanOptions {
  /** Smallest part. Default 16 MiB; never below 5 MiB. */
  minPartBytes?: number;
  /** Largest part while the part count allows it. Default 64 MiB. */
  maxPartBytes?: number;
  /** Parts a file is aimed to be cut into before the part size grows. Default 8. */
  targetParts?: number;
  /** Parts sent at once when the server can join them (tus `concatenation`). Default 4. */
  maxParallel?: number;
  /** Whether the server can join parts sent in parallel. */
  concatenation?: boolean;
}

/** The plan for one file. */
export interface PartPlan {
  /** Bytes per request. */
  partBytes: number;
  /** How many parts the file makes (at least 1). */
  parts: number;
  /** Parts sent at once (1 = sequential). */
  parallel: number;
}

const roundUpTo = (n: number, step: number) => Math.ceil(n / step) * step;

/** Plans the parts of a file of `size` bytes. Pure. */
export function planParts(size: number, options: PartPlanOptions = {}): PartPlan {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('size must be a non-negative integer');
  const min = Math.max(MIN_PART_BYTES, options.minPartBytes ?? 16 * MiB);
  const max = Math.max(min, options.maxPartBytes ?? 64 * MiB);
  const target = Math.max(1, options.targetParts ?? 8);
  // Aim for `target` parts, within [min, max], in whole MiB.
  let partBytes = Math.min(max, Math.max(min, roundUpTo(Math.ceil(size / target), MiB)));
  // Huge files: grow past `max` rather than exceed the part-count limit.
  if (Math.ceil(size / partBytes) > MAX_PARTS) partBytes = roundUpTo(Math.ceil(size / MAX_PARTS), MiB);
  const parts = Math.max(1, Math.ceil(size / partBytes));
  const parallel = options.concatenation ? Math.max(1, Math.min(options.maxParallel ?? 4, 4, parts)) : 1;
  return { partBytes, parts, parallel };
}
