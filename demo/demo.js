// The demo page: a patient's side (request form, record uploader, status tracker, opinion summary)
// and the staff's side (triage queue, case review, opinion editor), on the reference server. Tokens
// from POST /v1/dev/session live only in this module's memory: nothing is written to storage, and a
// reload starts a new demo session, whose staff token sees that session's cases only.
import { RestBackend, createClient } from '/cdn/second-opinion-kit.js';
import '/cdn/staff.js';
import { PRESETS } from './appearance.js';
import { exampleRequest } from './example.js';
import { fillOpinion } from './example-opinion.js';
import { applyWords, words } from './i18n.js';

const $ = (selector) => document.querySelector(selector);
const provider = $('so-provider');
let form = $('so-request-form');
const tracker = $('so-status-tracker');
const summary = $('so-opinion-summary');
const uploaders = [...document.querySelectorAll('so-record-uploader')];
const sections = { request: $('#step-request'), records: $('#step-records'), tracker: $('#step-tracker'), opinion: $('#step-opinion') };

const sessionNote = $('#session-state');

// The demo session: one call, its tokens held in this promise only (never in storage or a URL).
async function openSession() {
  const response = await fetch('/v1/dev/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  if (!response.ok) throw new Error(`dev session: HTTP ${response.status}`);
  return response.json();
}
const session = openSession();

// The clients exist before the elements first render, so the provider never builds one of its own;
// their token getters wait for the session.
const endpoint = location.origin;
const patient = createClient({ backend: new RestBackend({ endpoint }), getAccessToken: async () => (await session).patientToken });
provider.client = patient;
// The staff elements take the staff client directly; language and appearance still come from the
// page's provider, so the switches reach both sides.
const staffClient = createClient({ backend: new RestBackend({ endpoint }), getAccessToken: async () => (await session).staffToken });
const queue = $('so-triage-queue');
const review = $('so-case-review');
const editor = $('so-opinion-editor');
for (const el of [queue, review, editor]) el.client = staffClient;
const editorBox = $('#editor-box');
const editorExample = $('#editor-example').parentElement;

function relabel() {
  const w = words(document.documentElement.lang);
  applyWords(document.body, w);
  document.title = w.title;
}

// The case opened from the queue is the one the specialist writes the opinion for; the example
// is offered while that case is in review (the only time the editor has a form).
let staffCase;
function followStaffCase(caseId, status) {
  if (caseId !== staffCase) return;
  editorExample.hidden = status !== 'in_review';
}
queue.addEventListener('so-case-open', (e) => {
  staffCase = e.caseId;
  editor.setAttribute('case-id', e.caseId);
  editorBox.hidden = false;
  followStaffCase(e.caseId, queue.cases.find((c) => c.id === e.caseId)?.status);
});
review.addEventListener('so-case-moved', (e) => followStaffCase(e.caseId, e.status));
editor.addEventListener('so-opinion-issued', (e) => followStaffCase(e.caseId, 'opinion_ready'));
$('#editor-example').addEventListener('click', () => fillOpinion(editor, words(document.documentElement.lang)));

// Steps already reached stay visible; the latest one is marked current (never an earlier one again).
const order = ['request', 'records', 'tracker', 'opinion'];
let reached = -1;
function reach(step) {
  const at = Math.max(reached, order.indexOf(step));
  reached = at;
  order.forEach((name, i) => {
    if (i <= at) sections[name].hidden = false;
    const item = document.querySelector(`[data-step="${name}"]`);
    if (i === at) item.setAttribute('aria-current', 'step');
    else item.removeAttribute('aria-current');
  });
}

function showCase(caseId) {
  for (const uploader of uploaders) uploader.setAttribute('case-id', caseId);
  tracker.setAttribute('case-id', caseId);
  reach('records');
  sections.tracker.hidden = false;
  // The example is for an empty form: gone once the request is sent.
  $('#example-box').hidden = true;
}

// While the specialist's team asks for information, the tracker's own uploader (in its slot) is where
// to answer: the records step steps aside, so the page never shows two drop zones at once.
function followStatus(status) {
  if (status !== 'submitted') reach('tracker');
  sections.records.hidden = status === 'info_requested';
}

// Settings: language, theme and appearance switch live, for the whole page.
$('#lang').addEventListener('change', (e) => {
  document.documentElement.lang = e.target.value;
  relabel();
});
$('#theme').addEventListener('change', (e) => {
  provider.theme = e.target.value;
  document.documentElement.dataset.theme = e.target.value;
});
$('#preset').addEventListener('change', (e) => {
  provider.appearance = PRESETS[e.target.value];
  document.documentElement.dataset.preset = e.target.value;
});
$('#example').addEventListener('click', () => {
  const linked = form.initial?.previousCaseId;
  form.initial = { ...exampleRequest(document.documentElement.lang), ...(linked ? { previousCaseId: linked } : {}) };
  void form.updateComplete.then(() => form.goTo('review'));
});

function onCaseCreated(e) {
  showCase(e.case.id);
  // The patient's client is not the staff's: the queue hears of the new case from the page.
  queue.reload();
}
form.addEventListener('so-case-created', onCaseCreated);

// "Ask for another opinion": a new request form, linked to the one whose opinion is on show by its
// reference (the form's "earlier request number"; every backend accepts the reference or the id).
summary.addEventListener('so-another-opinion', (e) => {
  const next = document.createElement('so-request-form');
  next.initial = { previousCaseId: summary.case?.reference ?? e.previousCaseId };
  next.addEventListener('so-case-created', onCaseCreated);
  form.replaceWith(next);
  form = next;
  // A new request: the list starts again from its first step, with the example for its empty form.
  reached = -1;
  $('#example-box').hidden = false;
  reach('request');
  sections.request.scrollIntoView();
  $('#request-heading').focus();
});
// A record sent from the records step: the patient moves on to following the request.
sections.records.querySelector('so-record-uploader').addEventListener('so-record-uploaded', () => reach('tracker'));
tracker.addEventListener('so-status-changed', (e) => {
  followStatus(e.status);
  if (e.status === 'opinion_ready') {
    summary.setAttribute('case-id', e.caseId);
    reach('opinion');
  }
  followStaffCase(e.caseId, e.status);
});

relabel();
reach('request');
sessionNote.textContent = words(document.documentElement.lang).startingSession;
session.then(() => {
  sessionNote.textContent = '';
  document.body.dataset.session = 'ready';
}, () => {
  sessionNote.textContent = words(document.documentElement.lang).sessionFailed;
  document.body.dataset.session = 'failed';
});
