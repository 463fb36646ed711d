// GET /openapi.json: a valid OpenAPI 3.1 document (checked by a real validator) listing every route.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { CONSENT_SCOPES } from '../../src/core/index.js';
import { call, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
let doc: { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
before(async () => {
  s = await startTestServer({ demo: true });
  const res = await call(s.url, '/openapi.json', undefined);
  assert.equal(res.status, 200);
  doc = await res.json();
});
after(() => s.dispose());

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    assert.equal(validator.version, '3.1');
    assert.ok(result.valid, JSON.stringify(result.errors));
  });

  it('lists every route the server answers', () => {
    // GET on an upload URL exists only because Hono routes HEAD through GET; it answers 404.
    const headAlias = (r: { method: string; path: string }) => r.method === 'GET' && r.path.endsWith('/uploads/:uploadId');
    const routes = s.app.routes.filter((r) => r.path !== '*' && r.path !== '/*' && r.method !== 'ALL' && r.path !== '/' && !headAlias(r));
    assert.ok(routes.length > 20);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      assert.ok(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path} is documented`);
    }
  });

  it('generates its components from the core schemas', () => {
    for (const name of ['Case', 'Request', 'CasePage', 'BackendConfig', 'Record', 'OpinionInput', 'Problem']) assert.ok(doc.components.schemas[name], name);
    const record = doc.components.schemas.Record!.properties!;
    assert.deepEqual((record.kind as { enum: string[] }).enum.slice(0, 2), ['diagnostic_report', 'lab_result']);
    assert.ok(JSON.stringify(doc.components.schemas.Case).includes('#/components/schemas/Record'));
    assert.ok(doc.components.schemas.Request!.properties!.patient);
  });

  it('bounds every string and array a request body may carry (maxLength, maxItems, or a closed list)', () => {
    type Node = { $ref?: string; type?: string; maxLength?: number; maxItems?: number; enum?: unknown[]; const?: unknown; properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; oneOf?: Node[]; allOf?: Node[] };
    const schemas = doc.components.schemas as Record<string, Node>;
    const unbounded: string[] = [];
    const walk = (n: Node | undefined, path: string, seen: Set<string>) => {
      if (!n) return;
      if (n.$ref) {
        const name = n.$ref.split('/').pop()!;
        if (!seen.has(name)) walk(schemas[name], path, new Set([...seen, name]));
        return;
      }
      if (n.type === 'string' && n.maxLength === undefined && !n.enum && n.const === undefined) unbounded.push(path);
      if (n.type === 'array' && n.maxItems === undefined) unbounded.push(`${path}[]`);
      for (const [k, v] of Object.entries(n.properties ?? {})) walk(v, `${path}.${k}`, seen);
      walk(n.items, `${path}[]`, seen);
      for (const v of [...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])]) walk(v, path, seen);
    };
    const bodies = ['Request', 'OpinionInput', 'CreateCaseBody', 'UpdateCaseBody', 'WithdrawBody', 'MessageBody', 'ShareBody', 'RequestInformationBody', 'AcceptBody', 'ConfirmRecordBody', 'DeclineBody', 'DevSessionBody'];
    for (const name of bodies) walk(schemas[name], name, new Set([name]));
    assert.deepEqual(unbounded, []);
    const consent = schemas.Request!.properties!.consent!.properties!.scopes!;
    assert.equal(consent.maxItems, CONSENT_SCOPES.length);
  });
});
