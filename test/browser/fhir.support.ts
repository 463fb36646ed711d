// The workflow tests' session on FhirBackend: a fresh Patient on the profile's FHIR engine (started
// by test/browser/fhir.server.mjs), a patient client scoped to it and a staff client that sees
// every case. The FHIR config's test page says which backend and profile (see web-test-runner.fhir.config.mjs).
// On the full profile the patient's watch goes through a websocket Subscription and its polling is
// 10 minutes away, so a live change can only arrive by the socket; the reduced profile polls.
/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { SecondOpinionClient, watchEngine } from '../../src/core/index.js';
import { FhirBackend, FULL_PROFILE, REDUCED_PROFILE } from '../../src/fhir/index.js';

/** What the test page set: `SO_TEST_BACKEND` (`rest` or `fhir`) and `SO_TEST_FHIR_PROFILE` (`full` or `reduced`). */
const page = globalThis as { SO_TEST_BACKEND?: string; SO_TEST_FHIR_PROFILE?: string };

/** The backend the workflow tests run on in this page. */
export const TEST_BACKEND: 'rest' | 'fhir' = page.SO_TEST_BACKEND === 'fhir' ? 'fhir' : 'rest';

/** The FHIR capability profile of this page's run. */
export const TEST_FHIR_PROFILE = page.SO_TEST_FHIR_PROFILE === 'reduced' ? REDUCED_PROFILE : FULL_PROFILE;

/** The base URL of this page's FHIR engine (the full one delivers Subscriptions, the reduced one has none). */
export async function fhirBaseUrl(): Promise<string> {
  return (await executeServerCommand<{ baseUrl: string }, { profile: string }>('so-fhir', { profile: TEST_FHIR_PROFILE.name })).baseUrl;
}

/** What the patients' watches did in this page: polls, and the Subscriptions made and deleted. */
const watching = { polls: 0, creating: 0, made: [] as string[], deleted: [] as string[], changed: () => {}, quiet: false };

/**
 * Says that this page's elements watch their cases but no test on it changes one while watched
 * (the opinion summary follows its case live; its live test does not run on FHIR), so the page's
 * Subscriptions are bound and deleted but need not get a ping.
 */
export function watchesWithoutChanges(): void {
  watching.quiet = true;
}

// Making and deleting a Subscription are the watch's setup and teardown (a hidden tab's watch is
// deleted as it hides), so they are kept out of the request count the tracker specs read, and
// checked here instead: every Subscription made was deleted by the end.
function watchedFetch(counted: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const req = new Request(input, init);
    if (req.url.includes('_lastUpdated=')) watching.polls++;
    if (!new URL(req.url).pathname.includes('/Subscription')) return counted(req);
    // A creation under way counts until its answer is read: its Subscription is deleted after that.
    const creating = req.method === 'POST';
    if (creating) watching.creating++;
    return globalThis.fetch(req).then(async (res) => {
      if (creating && res.status === 201) watching.made.push(((await res.clone().json()) as { id: string }).id);
      if (req.method === 'DELETE' && res.ok) watching.deleted.push(new URL(req.url).pathname.split('/').pop()!);
      return res;
    }).finally(() => {
      if (creating) watching.creating--;
      watching.changed();
    });
  };
}

/** Every write the engine refused so far (method, path, status). */
export async function fhirRejected(): Promise<{ method: string; path: string; status: number }[]> {
  return executeServerCommand<{ method: string; path: string; status: number }[], undefined>('so-fhir-rejected');
}

/** A patient and a staff client on FhirBackend; `fetch` is the patient's (it counts requests). */
export async function fhirClients(fetch: typeof globalThis.fetch): Promise<{ url: string; patient: SecondOpinionClient; staff: SecondOpinionClient }> {
  const url = await fhirBaseUrl();
  // The Patient exists before the case, as it would in the portal's FHIR server.
  const res = await globalThis.fetch(`${url}/Patient`, {
    method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Tremblay', given: ['Marie-Ève'] }] }),
  });
  if (res.status !== 201) throw new Error(`patient: ${res.status}`);
  const subjectPatientId = ((await res.json()) as { id: string }).id;
  const backend = (options: { fetch?: typeof globalThis.fetch; subjectPatientId?: string }) => new FhirBackend({
    baseUrl: url, profile: TEST_FHIR_PROFILE, pollIntervalMs: TEST_FHIR_PROFILE.subscriptions === 'auto' ? 600_000 : 150, retry: { baseDelayMs: 5, maxDelayMs: 50 }, ...options,
  });
  const patient = new SecondOpinionClient({ backend: backend({ fetch: watchedFetch(fetch), subjectPatientId }), getAccessToken: () => undefined })
    .use({ watch: watchEngine({ fetch, reconnect: { minMs: 50, maxMs: 250 } }) });
  const staff = new SecondOpinionClient({ backend: backend({}), getAccessToken: () => undefined });
  return { url, patient, staff };
}

// Every file that runs on FHIR ends by checking the engine refused none of the kit's writes.
if (TEST_BACKEND === 'fhir') {
  after(async () => {
    expect(await fhirRejected()).to.deep.equal([]);
  });
  // ... and by checking how the patients' watches followed their cases.
  after(async () => {
    // The last trackers are removed after their test: wait (within the hook's timeout) for their Subscriptions' deletion.
    await new Promise<void>((done) => {
      watching.changed = () => {
        if (!watching.creating && watching.made.every((id) => watching.deleted.includes(id))) done();
      };
      watching.changed();
    });
    if (TEST_FHIR_PROFILE.subscriptions === 'poll') {
      expect(watching.made, 'no Subscription on the reduced profile').to.deep.equal([]);
      return;
    }
    // With polls 10 minutes apart, a page whose trackers followed live changes got them by the socket.
    expect(watching.polls, 'no poll on the full profile').to.equal(0);
    if (!watching.made.length) return; // this page watched nothing
    const delivery = await executeServerCommand<{ binds: number; pings: number }, { ids: string[] }>('so-fhir-delivery', { ids: watching.made });
    expect(delivery.binds, 'Subscriptions were bound on the socket').to.be.greaterThan(0);
    // A quiet page may still get a ping (a move made just as a watch starts); only a page of live changes must.
    if (!watching.quiet) expect(delivery.pings, 'changes came as pings').to.be.greaterThan(0);
    expect([...watching.deleted].sort(), 'every Subscription was deleted').to.deep.equal([...watching.made].sort());
  });
}
