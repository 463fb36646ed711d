// FHIR REST over the core's HTTP layer (bearer token per request, refreshed once on a 401, typed
// errors): reads, searches and transactions.
import type { CallContext } from '../core/backend.js';
import { Http } from '../core/backends/rest/http.js';
import type { RestRetryOptions } from '../core/backends/rest/retry-policy.js';
import { NotFoundError, ProtocolError } from '../core/errors.js';
import type { Bundle, BundleEntry, Resource } from './types.js';

const FHIR_JSON = 'application/fhir+json';
/** A FHIR logical id (R4 `id` datatype): anything else never reaches a URL path or a search. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Reads and writes on one FHIR R4 base URL. */
export class FhirHttp {
  private readonly http: Http;

  constructor(readonly baseUrl: string, fetchImpl?: typeof fetch, retry?: RestRetryOptions, timeoutMs?: number) {
    const send = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
    // A FHIR read answers with ETag and Last-Modified but often no Cache-Control, so a browser may
    // serve a resource from its heuristic cache just after a write changed it: always revalidate.
    const fresh: typeof fetch = (input, init) => {
      const req = new Request(input, init);
      return send(req.method === 'GET' ? new Request(req, { cache: 'no-cache' }) : req);
    };
    this.http = new Http(baseUrl, retry, fresh, timeoutMs);
  }

  /** One resource by type and id; a missing (404) or deleted (410) one is a NotFoundError. */
  async read(type: string, id: string, ctx: CallContext): Promise<Resource> {
    if (!FHIR_ID.test(id)) throw new NotFoundError();
    try {
      return asResource(await this.http.json({ method: 'get', path: `/${type}/${id}`, headers: { accept: FHIR_JSON } }, ctx), type);
    } catch (e) {
      if (e instanceof ProtocolError && e.status === 410) throw new NotFoundError({ status: 410 });
      throw e;
    }
  }

  /** The matches of a search (first page, up to `_count`). */
  async search(type: string, params: Record<string, string>, ctx: CallContext): Promise<Resource[]> {
    const bundle = await this.searchBundle(type, params, ctx);
    return (bundle.entry ?? []).filter((e) => !e.search || e.search.mode !== 'include').map((e) => e.resource).filter((r): r is Resource => r?.resourceType === type);
  }

  /** A search's whole Bundle (for paging). */
  async searchBundle(type: string, params: Record<string, string>, ctx: CallContext): Promise<Bundle> {
    const out = await this.http.json({ method: 'get', path: `/${type}`, searchParams: params, headers: { accept: FHIR_JSON } }, ctx);
    return asResource(out, 'Bundle') as Bundle;
  }

  /** The server's CapabilityStatement. */
  async capabilities(ctx: CallContext): Promise<Resource> {
    return asResource(await this.http.json({ method: 'get', path: '/metadata', headers: { accept: FHIR_JSON } }, ctx), 'CapabilityStatement');
  }

  /** Creates one resource; resolves to it as stored (with its server-assigned id). */
  async create(resource: Resource, ctx: CallContext): Promise<Resource> {
    const out = await this.http.json({ method: 'post', path: `/${resource.resourceType}`, body: JSON.stringify(resource), headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON } }, ctx);
    return asResource(out, resource.resourceType);
  }

  /** Deletes one resource (the answer's body, if any, is not read as JSON: servers may send none). */
  async delete(type: string, id: string, ctx: CallContext): Promise<void> {
    if (!FHIR_ID.test(id)) throw new NotFoundError();
    await this.http.blob({ method: 'delete', path: `/${type}/${id}`, headers: { accept: FHIR_JSON } }, ctx);
  }

  /** Runs a transaction: every entry or none. */
  async transaction(entries: BundleEntry[], ctx: CallContext): Promise<Bundle> {
    const body: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: entries };
    const out = await this.http.json({ method: 'post', path: '', body: JSON.stringify(body), headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON } }, ctx);
    return asResource(out, 'Bundle') as Bundle;
  }
}

function asResource(value: unknown, type: string): Resource {
  if (typeof value !== 'object' || value === null || (value as Resource).resourceType !== type) throw new ProtocolError();
  return value as Resource;
}

/** Base64 of bytes, in chunks so large records do not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Bytes of base64. */
export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
