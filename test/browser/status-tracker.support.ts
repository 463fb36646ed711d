// What the workflow tests share: demo sessions on the reference server, patient and staff clients
// over RestBackend (with a fetch that counts requests), raw tus uploads and staff report uploads.
import { executeServerCommand } from '@web/test-runner-commands';
import { RestBackend, SecondOpinionClient, watchEngine, type Case, type RecordKind } from '../../src/core/index.js';
import type { RequestInput } from '../../src/core/model/request.js';
import { validRequest } from '../fixtures/requests.js';
import { TEST_BACKEND, fhirClients } from './fhir.support.js';

/** The shared reference server's base URL. */
export async function serverUrl(): Promise<string> {
  return (await executeServerCommand<{ url: string }, undefined>('so-server')).url;
}

/** Counts the requests a client makes (through the real fetch). */
export class RequestCounter {
  count = 0;
  readonly fetch: typeof fetch = (input, init) => {
    this.count++;
    return globalThis.fetch(input, init);
  };
}

/** A demo session: tokens for a fresh patient and for staff. */
export interface Session {
  url: string;
  patient: SecondOpinionClient;
  staff: SecondOpinionClient;
  patientCounter: RequestCounter;
  patientToken: string;
  staffToken: string;
  /** Tokens with one staff role each (the staff elements' role tests); '' on FHIR. */
  coordinatorToken: string;
  specialistToken: string;
}

/** Opens a demo session on `url` and builds the two clients. Reconnects are quick so tests stay short. */
export async function session(url?: string): Promise<Session> {
  // The FHIR config runs these same tests on FhirBackend (no tokens: the test engine has no auth).
  if (TEST_BACKEND === 'fhir') {
    const patientCounter = new RequestCounter();
    return { ...(await fhirClients(patientCounter.fetch)), patientCounter, patientToken: '', staffToken: '', coordinatorToken: '', specialistToken: '' };
  }
  const base = url ?? (await serverUrl());
  const res = await fetch(`${base}/v1/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) throw new Error(`dev session: ${res.status}`);
  const tokens = (await res.json()) as { patientToken: string; staffToken: string; coordinatorToken: string; specialistToken: string };
  const patientCounter = new RequestCounter();
  const patient = new SecondOpinionClient({
    backend: new RestBackend({ endpoint: base, fetch: patientCounter.fetch, retry: { baseDelayMs: 5, maxDelayMs: 50 } }),
    getAccessToken: () => tokens.patientToken,
  }).use({ watch: watchEngine({ fetch: patientCounter.fetch, reconnect: { minMs: 50, maxMs: 250 }, pollIntervalMs: 200, silenceMs: 2500 }) });
  const staff = new SecondOpinionClient({ backend: new RestBackend({ endpoint: base }), getAccessToken: () => tokens.staffToken });
  return {
    url: base, patient, staff, patientCounter, patientToken: tokens.patientToken, staffToken: tokens.staffToken,
    coordinatorToken: tokens.coordinatorToken, specialistToken: tokens.specialistToken,
  };
}

/** A complete, valid request (care-team sharing consented), as the Node tests use. */
export function request(overrides: Partial<RequestInput> = {}): RequestInput {
  return validRequest({ questions: ['Is surgery the best first step?', 'What are the risks of waiting a month?', 'Would radiation help?'], ...overrides });
}

/** A small real PDF. */
export function pdfBytes(text = 'second opinion'): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Uploads a record over tus 1.0.0 (creation-with-upload, one request) and returns its id. */
export async function tusUpload(s: Session, caseId: string, bytes: Uint8Array, kind: string, title: string): Promise<string> {
  // FHIR has no tus: the record goes up in one call (Binary + DocumentReference).
  if (TEST_BACKEND === 'fhir') return (await s.patient.records.put(caseId, new Blob([bytes as BlobPart]), { kind: kind as RecordKind, title, sha256: await sha256Hex(bytes) })).id;
  const metadata = [`kind ${b64(kind)}`, `title ${b64(title)}`, `sha256 ${b64(await sha256Hex(bytes))}`].join(',');
  const res = await fetch(`${s.url}/v1/cases/${caseId}/uploads`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${s.patientToken}`, 'tus-resumable': '1.0.0', 'upload-length': String(bytes.byteLength),
      'upload-metadata': metadata, 'content-type': 'application/offset+octet-stream',
    },
    body: bytes as BufferSource,
  });
  const recordId = res.headers.get('so-record-id');
  if (res.status !== 201 || !recordId) throw new Error(`tus upload: ${res.status}`);
  return recordId;
}

/** Staff upload the opinion report (a PDF) and get its record id. */
export async function staffReport(s: Session, caseId: string, bytes: Uint8Array): Promise<string> {
  if (TEST_BACKEND === 'fhir') return (await s.staff.staff.attachReport(caseId, new Blob([bytes as BlobPart], { type: 'application/pdf' }))).id;
  const res = await fetch(`${s.url}/v1/staff/cases/${caseId}/report`, {
    method: 'POST', headers: { authorization: `Bearer ${s.staffToken}`, 'content-type': 'application/pdf' }, body: bytes as BufferSource,
  });
  if (!res.ok) throw new Error(`report: ${res.status}`);
  return ((await res.json()) as { id: string }).id;
}

/** Moves a submitted case to opinion ready, with an answer to every question and a report. */
export async function toOpinion(s: Session, c: Case, outcome: 'confirmed' | 'different_diagnosis' = 'confirmed'): Promise<{ case: Case; report: Uint8Array }> {
  await s.staff.staff.triage(c.id);
  await s.staff.staff.accept(c.id, { specialist: { name: 'Dr. Lee', specialty: 'Oncology', credentials: 'MD, FRCPC' } });
  await s.staff.staff.startReview(c.id);
  const report = pdfBytes(`report ${c.id}`);
  const reportRecordId = await staffReport(s, c.id, report);
  const done = await s.staff.staff.issueOpinion(c.id, {
    outcome, summary: 'Surgery first is the right plan.', diagnosis: 'Invasive ductal carcinoma, stage II',
    recommendations: ['Go ahead with surgery', 'Discuss radiation after surgery'],
    answers: c.questions.map((q, i) => ({ questionId: q.id, text: `Answer ${i + 1}: ${q.text.slice(0, 20).trim()}` })),
    reportRecordId,
  });
  return { case: done, report };
}

export { nextEvent } from '../fixtures/events.js';

/** Collapsed text of an element's shadow root. */
export function text(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Every static string of a catalogue (functions are called with a sample argument). */
export function catalogueStrings(catalogue: object): string[] {
  const out: string[] = [];
  for (const v of Object.values(catalogue)) {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'function') out.push(...String((v as (a: unknown) => string)('§')).split('§').map((s) => s.trim()).filter((s) => s.length > 3));
    else if (v && typeof v === 'object') out.push(...catalogueStrings(v));
  }
  return out;
}

/**
 * Waits, frame by frame, until `cond` holds; fails after 20 s if it never does. Bounded by time,
 * not by a frame count, so a loaded machine (fewer frames per second) gets the same allowance.
 */
export async function until(cond: () => boolean, what: string, withinMs = 20_000): Promise<void> {
  const end = performance.now() + withinMs;
  while (!cond() && performance.now() < end) await new Promise((r) => requestAnimationFrame(r));
  if (!cond()) throw new Error(`never happened: ${what}`);
}

// Runs a command that may outlast the browser's 20 s command wait: it returns a job to wait on.
export async function slowCommand<T>(command: string, payload?: Record<string, unknown>): Promise<T> {
  const { job } = await executeServerCommand<{ job: string }, Record<string, unknown> | undefined>(command, payload);
  for (;;) {
    const out = await executeServerCommand<{ done: boolean; result?: T; error?: string }, { job: string }>('so-job', { job });
    if (out.error) throw new Error(out.error);
    if (out.done) return out.result as T;
  }
}
