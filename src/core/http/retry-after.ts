// Reads `Retry-After`, shared by every HTTP client of the kit (RestBackend, FhirBackend, the upload
// engine), on its own so the upload engine can honour it without the problem+json reader.

/** Milliseconds a `Retry-After` value (delay seconds or an HTTP-date) asks to wait, when readable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
