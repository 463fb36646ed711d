// RequestFormController in Node, on MemoryBackend and the real checks (zod and the core schema): step
// moves and their events, field checks, the return to the review after a change link, drafts kept and
// restored, one idempotency key across retries of the same answers, and the server's problems placed
// back on their fields. Only the draft store (IndexedDB and WebCrypto) is an in-memory one here; the
// browser spec drives the real one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient, MemoryBackend, NetworkError, ValidationError, type SecondOpinionClient } from '../../src/index.js';
import { onDemand } from '../../src/core/on-demand.js';
import type { CallContext } from '../../src/core/backend.js';
import { RequestFormController, type FormChecks, type FormDrafts, type RequestFormHost } from '../../src/components/request-form/request-form.controller.js';
import { FORM_MESSAGES_EN } from '../../src/components/request-form/request-form.messages.js';
import { valuesFrom, type FormValues } from '../../src/components/request-form/request-form.model.js';
import * as checks from '../../src/components/request-form/request-form.validation.js';
import type { SoCaseCreatedEvent, SoStepChangeEvent } from '../../src/components/request-form/request-form.events.js';
import { validRequest } from '../fixtures/requests.js';
import { TestHost } from './support/controller-host.js';

/** A draft store in memory, with what was written. */
function memoryDrafts(): FormDrafts & { stored?: { values: FormValues; step: number }; writes: number } {
  const store: FormDrafts & { stored?: { values: FormValues; step: number }; writes: number } = {
    writes: 0,
    saveDraft: async (value) => {
      store.writes++;
      store.stored = JSON.parse(JSON.stringify(value)) as { values: FormValues; step: number };
    },
    restoreDraft: async () => (store.stored ? { values: valuesFrom(store.stored.values), step: store.stored.step } : undefined),
    clearDraft: async () => {
      store.stored = undefined;
    },
  };
  return store;
}

class Form extends TestHost implements RequestFormHost {
  initial?: unknown;
  hiddenFields = '';
  autosave = false;
  words = FORM_MESSAGES_EN;
  readonly controller: RequestFormController;
  constructor(client: SecondOpinionClient | undefined, parts: ConstructorParameters<typeof RequestFormController>[2] = {}) {
    super(client);
    this.controller = new RequestFormController(this, this.port, parts);
  }
}

/** A form on its client, config in (drafts in memory unless given: a sent form clears its draft). */
async function formOn(client: SecondOpinionClient, parts: ConstructorParameters<typeof RequestFormController>[2] = {}): Promise<Form> {
  const host = new Form(client, { drafts: onDemand(() => Promise.resolve(memoryDrafts())), ...parts });
  host.connect();
  host.controller.clientChanged(client);
  await host.until(() => !!host.controller.config);
  return host;
}

/** Every so-step-change from now on, as [from, to, index]. */
function stepChanges(host: EventTarget): [string, string, number][] {
  const seen: [string, string, number][] = [];
  host.addEventListener('so-step-change', (e) => {
    const { from, to, index } = e as SoStepChangeEvent;
    seen.push([from, to, index]);
  });
  return seen;
}

const step1 = () => {
  const { patient, requester } = validRequest();
  return { patient, requester };
};

describe('RequestFormController steps', () => {
  it('keeps Continue on an incomplete step: problems on their fields and in the summary, focus on it, read out assertively', async () => {
    const host = await formOn(createClient({ backend: new MemoryBackend() }));
    const f = host.controller;
    const moves = stepChanges(host);
    assert.equal(f.next(), false, 'the checks are fetched on the first ask');
    await f.pending;
    assert.equal(f.step, 'who');
    assert.ok(f.summary.some((i) => i.field === 'requester.relationship' && i.code === 'required'));
    assert.ok(f.issues.some((i) => i.field === 'patient.givenName'));
    assert.deepEqual(f.summary, f.issues);
    assert.equal(f.takeFocus(), 'summary');
    assert.equal(f.takeFocus(), undefined, 'focus is taken once');
    assert.equal(host.announced.at(-1), FORM_MESSAGES_EN.errorAnnounce(f.summary.length));
    assert.deepEqual(moves, [], 'no step change for a step that did not move');
  });

  it('moves on a complete step with so-step-change, focus on the heading and the new step read out; Back loses nothing', async () => {
    const host = await formOn(createClient({ backend: new MemoryBackend() }));
    const f = host.controller;
    await f.preload();
    f.applyInitial(step1());
    const moves = stepChanges(host);
    assert.equal(f.next(), true);
    assert.deepEqual(moves, [['who', 'diagnosis', 2]]);
    assert.equal(f.step, 'diagnosis');
    assert.equal(f.takeFocus(), 'heading');
    assert.equal(host.announced.at(-1), `${FORM_MESSAGES_EN.stepOf(2, 6)}: ${FORM_MESSAGES_EN.steps.diagnosis}`);
    f.input({ name: 'diagnosis.description', value: 'A lump' });
    f.back();
    assert.equal(f.step, 'who');
    assert.equal(f.values.diagnosis.description, 'A lump');
    assert.equal(f.values.patient.givenName, 'Marie-Ève');
  });

  it('asked twice before the checks arrive, checks and moves once when they do', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = onDemand<FormChecks>(() => gate.then(() => checks));
    const host = await formOn(createClient({ backend: new MemoryBackend() }), { checks: slow });
    const f = host.controller;
    f.applyInitial(step1());
    const moves = stepChanges(host);
    assert.equal(f.next(), false);
    assert.equal(f.next(), false);
    assert.equal(slow.now, undefined);
    release();
    await f.pending;
    assert.deepEqual(moves, [['who', 'diagnosis', 2]], 'one move, not two');
    assert.equal(f.step, 'diagnosis');
    assert.deepEqual(f.summary, [], 'the new step is not checked by a second, stale ask');
  });

  it('says so when the checks cannot be fetched, and fetches again on retry', async () => {
    let fail = true;
    const flaky = onDemand<FormChecks>(() => (fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve(checks)));
    const client = createClient({ backend: new MemoryBackend() });
    const host = await formOn(client, { checks: flaky });
    const f = host.controller;
    await f.preload();
    assert.equal(f.checksFailed, true);
    fail = false;
    f.retry(client);
    assert.equal(f.checksFailed, false);
    await f.preload();
    assert.ok(flaky.now);
  });
});

describe('RequestFormController field checks', () => {
  it('settles a choice when made, re-checks a shown problem as it is fixed, and leaves unshown text alone until Continue', async () => {
    const host = await formOn(createClient({ backend: new MemoryBackend() }));
    const f = host.controller;
    await f.preload();
    f.next();
    assert.ok(f.issues.some((i) => i.field === 'requester.relationship'));
    f.input({ name: 'requester.relationship', value: 'self', checked: true, choice: true });
    assert.ok(!f.issues.some((i) => i.field === 'requester.relationship'), 'the choice clears its problem at once');
    assert.ok(!f.summary.some((i) => i.field === 'requester.relationship'), 'and leaves the summary');
    // A shown problem: the birth date is checked as it is typed.
    f.input({ name: 'patient.birthDate', value: '2099-05-17' });
    assert.equal(f.issues.find((i) => i.field === 'patient.birthDate')?.code, 'date_in_future');
    f.input({ name: 'patient.birthDate', value: '1968-04-12' });
    assert.ok(!f.issues.some((i) => i.field === 'patient.birthDate'));
    // A field with no problem shown is not checked on input (issue 16: nothing moves under the pointer).
    f.goTo('diagnosis');
    f.back();
    f.input({ name: 'patient.birthDate', value: '2099-05-17' });
    assert.equal(f.issues.length, 0);
    f.next();
    assert.equal(f.issues.find((i) => i.field === 'patient.birthDate')?.code, 'date_in_future', 'until Continue');
  });
});

describe('RequestFormController review', () => {
  it('a change link opens its step, and Continue there comes back to the review', async () => {
    const host = await formOn(createClient({ backend: new MemoryBackend() }));
    const f = host.controller;
    await f.preload();
    f.applyInitial(validRequest());
    f.goTo('review');
    f.change('diagnosis');
    assert.equal(f.step, 'diagnosis');
    assert.equal(f.next(), true);
    assert.equal(f.step, 'review', 'back to the review, not on to the questions');
    // Without a change link, Continue goes on in order.
    f.goTo('diagnosis');
    f.next();
    assert.equal(f.step, 'questions');
  });
});

describe('RequestFormController drafts', () => {
  it('keeps each change with autosave, restores answers and step in a new form, and clears on request', async () => {
    const drafts = memoryDrafts();
    const parts = { drafts: onDemand(() => Promise.resolve(drafts)) };
    const client = createClient({ backend: new MemoryBackend() });
    const first = await formOn(client, parts);
    first.autosave = true;
    await first.controller.preload();
    first.controller.applyInitial(step1());
    first.controller.next();
    first.controller.input({ name: 'diagnosis.description', value: 'A lump' });
    await first.controller.draftSaved();
    assert.equal(drafts.stored?.step, 1);
    assert.equal(drafts.stored?.values.diagnosis.description, 'A lump');

    const second = new Form(client, parts);
    second.autosave = true;
    second.connect();
    await second.controller.draftReady;
    assert.equal(second.controller.step, 'diagnosis');
    assert.equal(second.controller.values.diagnosis.description, 'A lump');

    // A write asked for before a clear is dropped, and the store ends clean.
    const writes = drafts.writes;
    first.controller.input({ name: 'diagnosis.description', value: 'A lump, larger' });
    await first.controller.clearDraft();
    await first.controller.draftSaved();
    assert.equal(drafts.writes, writes);
    assert.equal(drafts.stored, undefined);
  });

  it('writes nothing without autosave', async () => {
    const drafts = memoryDrafts();
    const host = await formOn(createClient({ backend: new MemoryBackend() }), { drafts: onDemand(() => Promise.resolve(drafts)) });
    host.controller.input({ name: 'patient.givenName', value: 'Ana' });
    await host.controller.draftSaved();
    assert.equal(drafts.writes, 0);
  });
});

// Creates the case, then loses the answer on the way back, once (a dropped connection).
class DroppingBackend extends MemoryBackend {
  readonly keys: (string | undefined)[] = [];
  drops = 1;
  override async createCase(input: Parameters<MemoryBackend['createCase']>[0], ctx: CallContext): Promise<unknown> {
    this.keys.push(ctx.idempotencyKey);
    const made = await super.createCase(input, ctx);
    if (this.drops-- > 0) throw new NetworkError();
    return made;
  }
}

/** A form with every answer given, over a backend that drops its first answer. */
async function filledOverDroppingLine() {
  const backend = new DroppingBackend();
  const client = createClient({ backend });
  const host = await formOn(client);
  const f = host.controller;
  f.applyInitial(validRequest());
  return { backend, client, host, f };
}

describe('RequestFormController submit', () => {
  it('sends one case however often retried: the same answers keep their idempotency key, so so-case-created fires once', async () => {
    const { backend, client, host, f } = await filledOverDroppingLine();
    const created: SoCaseCreatedEvent[] = [];
    host.addEventListener('so-case-created', (e) => created.push(e as SoCaseCreatedEvent));
    assert.equal(await f.submit(client), undefined, 'the answer was lost');
    assert.equal(f.submitFailed, true);
    assert.equal(f.takeFocus(), 'summary');
    assert.equal(host.announced.at(-1), FORM_MESSAGES_EN.submitFailed);
    const made = await f.submit(client);
    assert.ok(made);
    assert.equal(backend.keys.length, 2);
    assert.ok(backend.keys[0]);
    assert.equal(backend.keys[1], backend.keys[0], 'the retry carries the first key');
    assert.equal((await client.cases.list()).items.length, 1, 'one case, not two');
    assert.deepEqual(created.map((e) => e.case.id), [made.id]);
    assert.equal(f.created?.id, made.id);
    assert.equal(f.takeFocus(), 'heading');
    assert.equal(await f.submit(client), made, 'a sent form sends nothing more');
    assert.equal(backend.keys.length, 2);
  });

  it('changed answers after a failure are a new action with a new key', async () => {
    const { backend, client, f } = await filledOverDroppingLine();
    await f.submit(client);
    f.input({ name: 'diagnosis.description', value: 'Breast cancer, stage II, left side' });
    await f.submit(client);
    assert.equal(backend.keys.length, 2);
    assert.notEqual(backend.keys[1], backend.keys[0]);
  });

  it('a host that cancels so-case-created takes over: nothing more is shown', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const host = await formOn(client);
    host.addEventListener('so-case-created', (e) => e.preventDefault());
    host.controller.applyInitial(validRequest());
    assert.ok(await host.controller.submit(client));
    assert.equal(host.controller.handedOver, true);
    assert.equal(host.controller.takeFocus(), undefined);
  });

  it('places the server’s problems on their fields and step, and Continue there returns to the review', async () => {
    class Refusing extends MemoryBackend {
      override async createCase(): Promise<unknown> {
        throw new ValidationError([{ path: 'request.patient.healthCardNumber', code: 'invalid_health_card', message: 'Enter a valid health card number.' }]);
      }
    }
    const client = createClient({ backend: new Refusing() });
    const host = await formOn(client);
    const f = host.controller;
    f.applyInitial(validRequest());
    f.goTo('review');
    assert.equal(await f.submit(client), undefined);
    assert.equal(f.step, 'coverage');
    assert.deepEqual(f.summary.map((i) => [i.field, i.code]), [['patient.healthCardNumber', 'invalid_health_card']]);
    assert.equal(f.submitFailed, false);
    assert.equal(f.values.patient.givenName, 'Marie-Ève', 'every answer kept');
    assert.equal(f.takeFocus(), 'summary');
    assert.equal(f.next(), true);
    assert.equal(f.step, 'review');
  });

  it('a problem the form can find itself stops the send before the client: the first step with one is shown', async () => {
    const backend = new DroppingBackend();
    const client = createClient({ backend });
    const host = await formOn(client);
    const f = host.controller;
    f.applyInitial(validRequest({ consent: { version: '2026-11', scopes: [] } as never }));
    f.goTo('review');
    assert.equal(await f.submit(client), undefined);
    assert.equal(backend.keys.length, 0, 'nothing sent');
    assert.equal(f.step, 'review');
    assert.deepEqual(f.summary.map((i) => [i.field, i.code]), [['consent.scopes', 'required']]);
  });
});
