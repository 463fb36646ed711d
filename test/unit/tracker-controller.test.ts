// TrackerController in Node, on MemoryBackend: the live case and its events, the reply and the
// withdraw confirmation (as CaseActions: field check, veto, words for a failure, announcement,
// focus), and the list pager, without a browser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statusText } from '../../src/core/i18n/statuses.js';
import { createClient, MemoryBackend, type Case, type SecondOpinionClient } from '../../src/index.js';
import { TrackerController, type TrackerHost } from '../../src/components/status-tracker/status-tracker.controller.js';
import { trackerEn } from '../../src/components/status-tracker/status-tracker.messages.js';
import type { SoBeforeWithdrawEvent, SoStatusChangedEvent } from '../../src/components/status-tracker/status-tracker.events.js';
import type { WatchConnection } from '../../src/core/watch/watch-events.js';
import { nextEvent } from '../fixtures/events.js';
import { validRequest } from '../fixtures/requests.js';
import { TestHost } from './support/controller-host.js';

class Tracker extends TestHost implements TrackerHost {
  pageSize = 2;
  words = trackerEn;
  locale = 'en' as const;
  private live: WatchConnection = 'connecting';
  readonly controller: TrackerController;
  constructor(client: SecondOpinionClient, caseId?: string) {
    super(client);
    if (caseId) this.caseId = caseId;
    this.controller = new TrackerController(this, this.port);
  }
  // A reactive property on the element: setting it redraws.
  get connection(): WatchConnection {
    return this.live;
  }
  set connection(value: WatchConnection) {
    this.live = value;
    this.requestUpdate();
  }
}

async function waitingOnPatient(client: SecondOpinionClient): Promise<Case> {
  const c = await client.cases.create(validRequest(), { submit: true });
  await client.staff.triage(c.id);
  return client.staff.requestInformation(c.id, { message: 'Please add your pathology report.', recordKinds: ['pathology'] });
}

describe('TrackerController follows a case', () => {
  it('announces and fires so-status-changed for a live status change, so-action-required for a new request', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await client.cases.create(validRequest(), { submit: true });
    const host = new Tracker(client, c.id);
    host.connect();
    await host.until(() => host.controller.case?.id === c.id && host.connection === 'live');
    const changed = nextEvent<SoStatusChangedEvent>(host, 'so-status-changed');
    const needed = nextEvent(host, 'so-action-required');
    await client.staff.triage(c.id);
    const e = await changed;
    assert.equal(e.caseId, c.id);
    assert.equal(e.status, 'triage');
    assert.equal(e.previousStatus, 'submitted');
    await client.staff.requestInformation(c.id, { message: 'More, please.', recordKinds: [] });
    await needed;
    assert.equal(host.announced[0], trackerEn.statusChanged(statusText('triage', 'en').label));
    host.disconnect();
  });
});

describe('TrackerController reply', () => {
  it('asks for words first (focus on the box, nothing sent), then sends, announces and moves focus to the heading', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await waitingOnPatient(client);
    const host = new Tracker(client, c.id);
    host.connect();
    await host.until(() => host.controller.case?.status === 'info_requested');
    await host.controller.needActions();
    const reply = host.controller.reply!;
    await reply.run('');
    assert.equal(reply.invalid, trackerEn.replyRequired);
    assert.deepEqual(host.focused, ['reply']);
    assert.equal((await client.cases.get(c.id)).status, 'info_requested', 'nothing was sent');
    const sending = reply.run('Here it is.');
    assert.equal(reply.pending, true, 'busy while the reply is on its way');
    await sending;
    assert.equal(reply.status, 'complete');
    assert.equal(reply.invalid, undefined);
    assert.equal((await client.cases.get(c.id)).status, 'triage');
    assert.ok(host.announced.includes(trackerEn.replySent));
    assert.equal(host.focused.at(-1), 'heading');
    host.disconnect();
  });

  it('puts a failure in words and claims the error, so the provider does not report it again', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await waitingOnPatient(client);
    const host = new Tracker(client, c.id);
    host.connect();
    await host.until(() => host.controller.case?.status === 'info_requested');
    // The case moves on elsewhere (another tab replied): this reply is refused.
    await client.cases.reply(c.id, { text: 'From another tab.' });
    const reported = nextEvent<Event>(client, 'client-error');
    await host.controller.needActions();
    const reply = host.controller.reply!;
    await reply.run('Late.');
    const e = await reported;
    assert.equal(reply.status, 'error');
    assert.equal(reply.error, trackerEn.actionFailed);
    assert.equal(e.defaultPrevented, true, 'the error is claimed');
    assert.ok(!host.announced.includes(trackerEn.replySent));
    host.disconnect();
  });
});

describe('TrackerController withdraw', () => {
  it('opens the confirmation with focus, keeps the case when so-before-withdraw is cancelled, then withdraws', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const c = await client.cases.create(validRequest(), { submit: true });
    const host = new Tracker(client, c.id);
    host.connect();
    await host.until(() => Boolean(host.controller.case));
    const tracker = host.controller;
    await tracker.openConfirm();
    await tracker.needActions();
    const withdraw = tracker.withdraw!;
    assert.equal(tracker.confirming, true);
    assert.equal(host.focused.at(-1), 'confirm-heading');
    const veto = (e: Event) => e.preventDefault();
    host.addEventListener('so-before-withdraw', veto);
    const asked = nextEvent<SoBeforeWithdrawEvent>(host, 'so-before-withdraw');
    await withdraw.run('Changed my mind');
    assert.equal((await asked).reason, 'Changed my mind');
    assert.equal((await client.cases.get(c.id)).status, 'submitted', 'a cancelled so-before-withdraw keeps the case');
    assert.equal(tracker.confirming, true);
    host.removeEventListener('so-before-withdraw', veto);
    await withdraw.run(undefined);
    assert.equal((await client.cases.get(c.id)).status, 'withdrawn');
    assert.equal(tracker.confirming, false);
    assert.ok(host.announced.includes(trackerEn.withdrawn));
    assert.equal(host.focused.at(-1), 'heading');
    host.disconnect();
  });
});

describe('TrackerController list mode', () => {
  it('pages the caller’s cases, focus on the list heading after each move', async () => {
    const client = createClient({ backend: new MemoryBackend() });
    for (let i = 0; i < 3; i++) await client.cases.create(validRequest(), { submit: true });
    const host = new Tracker(client);
    host.connect();
    await host.until(() => host.controller.list?.phase === 'ready');
    const list = host.controller.list!;
    assert.equal(list.page?.items.length, 2);
    assert.equal(list.page?.hasNext, true);
    await list.load('next');
    assert.equal(list.page?.page, 2);
    assert.equal(list.page?.items.length, 1);
    assert.equal(host.focused.at(-1), 'list-heading');
    await list.load('previous');
    assert.equal(list.page?.page, 1);
    host.disconnect();
  });
});
