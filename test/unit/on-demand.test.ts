// Parts loaded on demand (validation, the ky transport, the form's later steps): loaded once and
// kept, a failed load is a NetworkError and the next ask loads again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NetworkError } from '../../src/core/index.js';
import { onDemand } from '../../src/core/on-demand.js';

test('loads once, keeps the part, and shares one load between callers', async () => {
  let fetches = 0;
  const part = onDemand(() => Promise.resolve({ n: ++fetches }));
  assert.equal(part.now, undefined);
  const [a, b] = await Promise.all([part.load(), part.load()]);
  assert.equal(a, b);
  assert.deepEqual(await part.load(), { n: 1 });
  assert.equal(part.now, a);
  assert.equal(fetches, 1);
});

test('a failed load is a NetworkError, and the next ask loads again', async () => {
  let fetches = 0;
  const part = onDemand(() => (++fetches === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve('in')));
  await assert.rejects(part.load(), (e: unknown) => e instanceof NetworkError && e.cause instanceof TypeError);
  assert.equal(part.now, undefined);
  assert.equal(await part.load(), 'in');
  assert.equal(fetches, 2);
});
