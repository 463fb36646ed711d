// The demo's staff console: not part of the kit. It plays the coordinator and the specialist over
// the reference server's staff API, through the core client's `client.staff.*`, with plain DOM
// (textContent and attributes only, so it runs under Trusted Types without a policy of its own).
import { OUTCOMES, RECORD_KINDS, availableActions, recordKindText } from '/cdn/second-opinion-kit.js';
import { EXAMPLE_QUESTIONS } from './example.js';
import { words } from './i18n.js';
import { tinyPdf } from './pdf.js';

// The roles the demo's staff token carries; the moves offered are those the lifecycle table lets them make.
const STAFF_ROLES = ['coordinator', 'specialist'];

let ids = 0;

/** Makes an element: `text` sets textContent, `on*` adds listeners, everything else is an attribute. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false || value === null) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  el.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return el;
}

function field(label, control) {
  const id = `staff-field-${++ids}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id, text: label }), control);
}

const textarea = (name, value, rows = 3) => h('textarea', { name, rows, required: true }, value);
const input = (name, value) => h('input', { name, value, required: true, autocomplete: 'off' });

/** The console, drawn into `root`, acting with `client` (a core client holding the staff token). */
export class StaffConsole {
  constructor(root, client) {
    this.root = root;
    this.client = client;
    this.cases = [];
    this.selected = undefined;
    this.renderedKey = undefined;
    this.reports = new Map();
    this.busy = false;
    this.list = h('ul', { class: 'case-list', 'aria-live': 'off' });
    this.detail = h('div', { class: 'case-detail' });
    this.status = h('p', { class: 'staff-status', role: 'status' });
    this.refreshButton = h('button', { type: 'button', 'data-action': 'refresh', onclick: () => void this.refresh() });
    this.casesHeading = h('h3', { id: 'staff-cases-heading' });
    root.replaceChildren(h('div', { class: 'staff-toolbar' }, this.refreshButton), this.status,
      h('section', { 'aria-labelledby': 'staff-cases-heading' }, this.casesHeading, this.list), this.detail);
    this.relabel();
  }

  get w() {
    return words(document.documentElement.lang);
  }

  get lang() {
    return document.documentElement.lang || 'en';
  }

  /** Redraws every word in the current language. */
  relabel() {
    this.refreshButton.textContent = this.w.refresh;
    if (this.said) this.status.textContent = this.said(this.w);
    this.casesHeading.textContent = this.w.casesHeading;
    this.drawList();
    this.renderedKey = undefined;
    this.drawDetail();
  }

  /** Reloads the case list (and the selected case) from the staff API. */
  async refresh() {
    try {
      const page = await this.client.staff.list({ limit: 50 });
      this.cases = page.items;
      if (!this.selected && this.cases[0]) this.selected = { id: this.cases[0].id };
      if (this.selected) this.selected = await this.client.cases.get(this.selected.id);
      this.drawList();
      this.drawDetail();
    } catch (e) {
      const message = e?.message ?? String(e);
      this.say((w) => w.failed(message));
    }
  }

  // What the status line says, kept as words of a language so a switch redraws it (it stayed English).
  say(words) {
    this.said = words;
    this.status.textContent = words(this.w);
  }

  drawList() {
    if (!this.cases.length) {
      this.list.replaceChildren(h('li', { class: 'muted', text: this.w.noCases }));
      return;
    }
    this.list.replaceChildren(...this.cases.map((c) => h('li', {},
      h('button', {
        type: 'button', class: 'link', 'data-case': c.reference, 'aria-pressed': String(c.id === this.selected?.id),
        onclick: () => void this.select(c.id),
      }, `${c.reference} `),
      h('so-status-badge', { status: c.status }),
    )));
  }

  async select(id) {
    this.selected = { id };
    await this.refresh();
  }

  // Redrawn only when the case moved or the language changed, so typing in a form is never lost.
  drawDetail() {
    const c = this.selected;
    const key = c?.status ? `${c.id}:${c.version}:${this.lang}` : undefined;
    if (key === this.renderedKey) return;
    this.renderedKey = key;
    if (!c?.status) {
      this.detail.replaceChildren();
      return;
    }
    const actions = new Set(STAFF_ROLES.flatMap((role) => availableActions(c.status, role)));
    const forms = [];
    if (actions.has('triage')) forms.push(this.buttonForm('triage', 'triage', () => this.client.staff.triage(c.id)));
    if (actions.has('request_info')) forms.push(this.requestInfoForm(c));
    if (actions.has('accept')) forms.push(this.acceptForm(c));
    if (actions.has('start_review')) forms.push(this.buttonForm('start-review', 'startReview', () => this.client.staff.startReview(c.id)));
    if (actions.has('issue_opinion')) forms.push(this.reportForm(c), this.opinionForm(c));
    if (actions.has('decline')) forms.push(this.declineForm(c));
    const notes = [h('p', { class: 'records', text: this.w.records(c.records.length) })];
    if (c.status === 'info_requested') notes.push(h('p', { class: 'muted', text: this.w.waitingOnPatient }));
    // Each reply to an information request, with the records it sent: which records answer which request.
    const replies = c.timeline.filter((e) => e.action === 'reply');
    if (replies.length) {
      notes.push(h('ul', { class: 'replies' }, ...replies.map((e) => {
        const titles = (e.recordIds ?? []).map((id) => c.records.find((r) => r.id === id)?.title ?? id);
        return h('li', { 'data-event': String(e.id), text: this.w.replied(new Date(e.at).toLocaleString(this.lang), titles, e.message) });
      })));
    }
    if (!forms.length && notes.length === 1 + (replies.length ? 1 : 0)) notes.push(h('p', { class: 'muted', text: this.w.noActions }));
    this.detail.replaceChildren(
      h('h3', {}, `${this.w.selected(c.reference)} `, h('so-status-badge', { status: c.status })),
      ...notes, ...forms,
    );
  }

  // One staff move: runs it, says what happened, reloads.
  async run(name, labelOf, move) {
    if (this.busy) return;
    this.busy = true;
    this.root.setAttribute('aria-busy', 'true');
    try {
      await move();
      this.say((w) => w.done(labelOf(w)));
    } catch (e) {
      const message = e?.message ?? String(e);
      this.say((w) => w.failed(message));
    } finally {
      this.busy = false;
      this.root.removeAttribute('aria-busy');
    }
    await this.refresh();
  }

  // `labelKey` names the action's words, so the status line can say it again in another language.
  form(action, labelKey, fields, submit) {
    const label = this.w[labelKey];
    return h('form', {
      class: 'staff-action', 'data-action': action,
      onsubmit: (e) => {
        e.preventDefault();
        void this.run(action, (w) => w[labelKey], () => submit(new FormData(e.currentTarget)));
      },
    }, h('h4', { text: label }), ...fields, h('button', { type: 'submit', text: label }));
  }

  buttonForm(action, labelKey, move) {
    return this.form(action, labelKey, [], move);
  }

  requestInfoForm(c) {
    const kinds = h('fieldset', {}, h('legend', { text: this.w.recordKinds }),
      ...RECORD_KINDS.map((kind) => {
        const id = `staff-kind-${++ids}`;
        return h('div', { class: 'check' },
          h('input', { type: 'checkbox', id, name: 'recordKinds', value: kind, checked: kind === 'pathology' }),
          h('label', { for: id, text: recordKindText(kind, this.lang).label }));
      }));
    return this.form('request-information', 'requestInfo', [
      field(this.w.requestInfoMessage, textarea('message', this.w.requestInfoDefault)), kinds,
    ], (data) => this.client.staff.requestInformation(c.id, { message: String(data.get('message')), recordKinds: data.getAll('recordKinds').map(String) }));
  }

  acceptForm(c) {
    return this.form('accept', 'accept', [
      field(this.w.specialistName, input('name', 'Dr. Amira Haddad')),
      field(this.w.specialistSpecialty, input('specialty', this.lang.startsWith('fr') ? 'Oncologie' : 'Oncology')),
      field(this.w.specialistCredentials, input('credentials', 'MD, FRCPC')),
    ], (data) => this.client.staff.accept(c.id, {
      specialist: { name: String(data.get('name')), specialty: String(data.get('specialty')), credentials: String(data.get('credentials')) || undefined },
    }));
  }

  reportForm(c) {
    const attached = this.reports.get(c.id);
    return this.form('attach-report', 'attachReport', attached ? [h('p', { class: 'muted', text: this.w.reportAttached })] : [], async () => {
      const pdf = tinyPdf(['Second opinion report', `Case ${c.reference}`, `Issued ${new Date().toISOString().slice(0, 10)}`, 'Demo document made by the staff console.']);
      const record = await this.client.staff.attachReport(c.id, pdf);
      this.reports.set(c.id, record.id);
      // The case's version does not change for the panel; redraw to show the report is attached.
      this.renderedKey = undefined;
    });
  }

  opinionForm(c) {
    const outcome = h('select', { name: 'outcome' }, ...OUTCOMES.map((o) => h('option', { value: o, text: this.w.outcomes[o] })));
    // A canned answer that answers its question: the example's questions (either language) by their place.
    const canned = (text) => {
      const at = [...EXAMPLE_QUESTIONS.en, ...EXAMPLE_QUESTIONS.fr].indexOf(text) % EXAMPLE_QUESTIONS.en.length;
      return this.w.answers[at >= 0 ? at : this.w.answers.length - 1];
    };
    const answers = c.questions.filter((q) => !q.answer).map((q) => field(this.w.answerTo(q.text), textarea(`answer:${q.id}`, canned(q.text), 2)));
    return this.form('issue-opinion', 'issueOpinion', [
      field(this.w.outcome, outcome),
      field(this.w.summary, textarea('summary', this.w.summaryDefault)),
      field(this.w.diagnosis, input('diagnosis', c.request?.diagnosis?.description ?? '')),
      field(this.w.recommendations, textarea('recommendations', this.w.recommendationsDefault)),
      ...answers,
    ], (data) => {
      const reportRecordId = this.reports.get(c.id);
      return this.client.staff.issueOpinion(c.id, {
        outcome: String(data.get('outcome')),
        summary: String(data.get('summary')),
        diagnosis: String(data.get('diagnosis')) || undefined,
        recommendations: String(data.get('recommendations')).split('\n').map((s) => s.trim()).filter(Boolean),
        answers: [...data.entries()].filter(([k]) => k.startsWith('answer:')).map(([k, v]) => ({ questionId: k.slice(7), text: String(v) })),
        ...(reportRecordId ? { reportRecordId } : {}),
      });
    });
  }

  declineForm(c) {
    return this.form('decline', 'decline', [field(this.w.declineReason, textarea('reason', this.w.declineDefault, 2))],
      (data) => this.client.staff.decline(c.id, { reason: String(data.get('reason')) }));
  }
}
