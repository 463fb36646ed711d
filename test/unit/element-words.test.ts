// ElementWords, the one i18n mechanism of the elements, on the one loader (onDemand): English bundled
// or fetched, other languages fetched once and kept, a language that cannot be fetched speaks English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ElementWords } from '../../src/components/shared/i18n/element-words.js';

interface Words { hello: string }
const en: Words = { hello: 'Hello' };
const fr: Words = { hello: 'Bonjour' };
const offline = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

test('English bundled is there at once; French is fetched once, shared between callers, then kept', async () => {
  let fetches = 0;
  const words = new ElementWords<Words>(en, { 'fr-CA': () => Promise.resolve(fr).finally(() => fetches++) });
  assert.equal(words.now('en'), en);
  assert.equal(words.ready('en'), undefined);
  assert.equal(words.now('fr-CA'), undefined);
  assert.equal(words.get('fr-CA'), en, 'English while French loads');
  await Promise.all([words.ready('fr-CA'), words.ready('fr-CA')]);
  assert.equal(fetches, 1);
  assert.equal(words.get('fr-CA'), fr);
  assert.equal(words.ready('fr-CA'), undefined);
});

test('a language that cannot be fetched falls back to English, and is not asked for again', async () => {
  let fetches = 0;
  const words = new ElementWords<Words>(en, { 'fr-CA': () => (fetches++, offline()) });
  await words.ready('fr-CA');
  assert.equal(words.now('fr-CA'), en);
  assert.equal(words.ready('fr-CA'), undefined);
  assert.equal(fetches, 1);
});

test('an English that is fetched: undefined until it is in; a failure rejects and the next ask fetches again; French falls back to it', async () => {
  let fail = true;
  const words = new ElementWords<Words>(() => (fail ? offline() : Promise.resolve(en)), { 'fr-CA': offline });
  assert.equal(words.now('en'), undefined);
  await assert.rejects(words.ready('en')!);
  assert.equal(words.now('en'), undefined);
  fail = false;
  await words.ready('fr-CA');
  assert.equal(words.now('fr-CA'), en, 'French could not come: English, fetched for it');
  assert.equal(words.now('en'), en);
});
