// GET /openapi.json: a valid OpenAPI 3.1 document (checked by a real validator) listing every route.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
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
});
