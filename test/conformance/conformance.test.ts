// The conformance suite passes on the reference server, and fails a deliberately broken one.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { RULES, runConformance, type ConformanceReport } from '../../src/conformance/index.js';
import { startProxy, type Proxy } from '../rest/proxy.js';
import { startReference, type Reference } from '../rest/reference.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/second-opinion-kit.js', import.meta.url).pathname;

function failures(report: ConformanceReport): string {
  return report.results.filter((r) => r.outcome !== 'pass').map((r) => `${r.id}: ${r.reason}`).join('\n');
}

describe('conformance suite', () => {
  let ref: Reference;
  let alice: string;
  let bob: string;
  let broken: Proxy;
  before(async () => {
    ref = await startReference();
    [alice, bob] = await Promise.all([ref.token('alice'), ref.token('bob')]);
    broken = await startProxy(ref.url, {
      request: (f) => {
        // Ignores Idempotency-Key: every retry becomes a new action.
        delete f.headers['idempotency-key'];
        // Takes plain text for JSON.
        if (f.headers['content-type'] === 'text/plain') f.headers['content-type'] = 'application/json';
      },
      response: (f, out) => {
        // Lets odd text through as a server error, and numbers its cursors.
        if (out.status === 422 && out.body.includes('invalid_characters')) out.status = 500;
        const text = out.body.toString('utf8');
        if (text.includes('"nextCursor":"')) out.body = Buffer.from(text.replace(/"nextCursor":"[^"]*"/, `"nextCursor":"${Buffer.from('42').toString('base64url')}"`));
        // Drops the ETag, lets caches keep case data, and serves problems as plain JSON.
        delete out.headers.etag;
        delete out.headers['cache-control'];
        // Forgets which earlier case a new one follows.
        if (f.method === 'POST' && f.url === '/v1/cases' && out.status === 201) {
          const body = JSON.parse(out.body.toString()) as { previousCaseId?: string };
          delete body.previousCaseId;
          out.body = Buffer.from(JSON.stringify(body));
        }
        if (out.headers['content-type']?.startsWith('application/problem+json')) out.headers['content-type'] = 'application/json';
      },
    });
  });
  after(async () => {
    await broken?.close();
    await ref?.close();
  });

  it('passes every rule on the reference server', async () => {
    const report = await runConformance({ url: ref.url, token: alice, otherToken: bob });
    assert.equal(report.results.length, RULES.length);
    assert.equal(report.failed + report.skipped, 0, failures(report));
    assert.equal(report.passed, RULES.length);
  });

  it('fails a server that drops ETags and no-store, mislabels problems, takes text for JSON, ignores Idempotency-Key, forgets earlier cases, fails on odd text and numbers its cursors', async () => {
    const report = await runConformance({ url: broken.url, token: alice, otherToken: bob });
    const failed = report.results.filter((r) => r.outcome === 'fail').map((r) => r.id);
    for (const id of ['cases.create', 'cases.etag', 'cases.previous', 'problem.unknown-route', 'auth.required', 'idempotency.replay', 'idempotency.mismatch', 'requests.json-only', 'answers.private', 'problem.unstorable-text', 'cases.opaque-cursor']) {
      assert.ok(failed.includes(id), `${id} should fail on the broken server`);
    }
    assert.ok(report.passed > 0, 'rules the proxy does not break still pass');
    assert.ok(report.results.find((r) => r.id === 'cases.etag')?.reason?.includes('ETag'));
  });

  it('prints one line per rule and a total from the CLI, and exits 0 on the reference server', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'conformance', '--url', ref.url, '--token', alice, '--other-token', bob]);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, RULES.length + 1);
    assert.ok(lines.slice(0, -1).every((l) => l.startsWith('PASS ')), stdout);
    assert.equal(lines.at(-1), `${RULES.length} passed, 0 failed, 0 skipped of ${RULES.length} rules`);
  });

  it('exits non-zero from the CLI on the broken server, with FAIL lines', async () => {
    const outcome = await run(process.execPath, [BIN, 'conformance', '--url', broken.url, '--token', alice]).then(() => ({ code: 0, stdout: '' }), (e: { code: number; stdout: string }) => e);
    assert.equal(outcome.code, 1);
    assert.ok(outcome.stdout.split('\n').filter((l) => l.startsWith('FAIL ')).length >= 3, outcome.stdout);
    assert.match(outcome.stdout, /^SKIP isolation\.case: .*needs --other-token/m);
  });

  it('exits 2 with the usage when the arguments are missing', async () => {
    const outcome = await run(process.execPath, [BIN, 'conformance', '--url', ref.url]).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /Usage: second-opinion-kit conformance --url URL --token TOKEN/);
  });
});
