// <so-opinion-editor case-id>: the specialist writes the opinion (or answers follow-up questions):
// outcome, summary, diagnosis, recommendations, an answer to every open question, the report PDF,
// then Issue, which says what is still missing until nothing is.
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { onDemand } from '../../core/on-demand.js';
import { OUTCOMES, type Locale, type Outcome } from '../../core/model/codes.js';
import type { Case } from '../../core/model/case.js';
import type { WatchConnection } from '../../core/watch/watch-events.js';
import { SoElement } from '../shared/base-element.js';
import type { MessagesOverride } from '../shared/i18n/messages.js';
import { staffStyles } from '../shared/staff.styles.js';
import { textStyles } from '../shared/text.styles.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { OpinionEditorController } from './opinion-editor.controller.js';
import { EDITOR_WORDS, type EditorMessages } from './opinion-editor.messages.js';
import { blockers, openQuestions } from './opinion-editor.model.js';
import { opinionEditorStyles } from './opinion-editor.styles.js';

// The preview (with the patient's <so-opinion-summary>), loaded when a preview is first asked for.
const previewPart = onDemand(() => import('./opinion-preview.view.js'));

/**
 * The specialist's opinion: a coded outcome, a summary for the patient, the diagnosis,
 * recommendations, an answer to every open question (follow-up questions too, once the patient asks
 * them), and the report PDF; Issue says what is still missing (and moves focus to it) until nothing
 * is. Preview shows the draft in the patient's own `<so-opinion-summary>`, exactly as it will read
 * once issued. The draft is kept on the device only encrypted (AES-GCM under a key that cannot leave
 * the browser, per case), comes back on a reload and is deleted once issued; nothing readable is
 * written to browser storage. A case that changed
 * meanwhile is reloaded with the text kept. A patient's token gets "this page is for staff".
 *
 * @summary The specialist writes and issues the opinion.
 * @tagname so-opinion-editor
 * @fires {SoOpinionIssuedEvent} so-opinion-issued - The opinion was issued (`caseId`, `issuedAt`).
 * @csspart heading - The editor's heading.
 * @csspart form - The opinion form.
 * @csspart question - One question with its answer box.
 * @csspart blockers - What is still missing before Issue.
 * @csspart preview-toggle - The button that shows or hides the preview.
 * @csspart preview - The patient's view of the draft.
 * @csspart issue - The Issue button.
 * @csspart error - An error message.
 * @cssprop --so-color-primary - Buttons.
 * @cssprop --so-color-danger - Errors.
 * @cssprop --so-color-border - Lines and fields.
 * @cssprop --so-spacing-unit - Base spacing.
 */
export class SoOpinionEditor extends SoElement {
  static override tagName = 'so-opinion-editor';
  static override styles = [tokenStyles, textStyles, staffStyles, opinionEditorStyles];

  /** A partial override of this element's words (its own keys and the shared ones). */
  declare i18n?: MessagesOverride & Partial<EditorMessages>;

  /** The case whose opinion to write. */
  @property({ attribute: 'case-id', reflect: true }) caseId?: string;

  /** How the live updates are connected. */
  @state() connection: WatchConnection = 'connecting';

  private readonly editor = new OpinionEditorController(this, this.port);

  /** The case on show, as last seen. */
  get case(): Case | undefined {
    return this.editor.case;
  }

  /** The editor's words in its locale, with the `.i18n` override applied. */
  get words(): EditorMessages {
    return { ...EDITOR_WORDS.get(this.locale), ...(this.i18n as Partial<EditorMessages> | undefined) };
  }

  protected override wordsLoading(locale: Locale): Promise<void> | undefined {
    return EDITOR_WORDS.ready(locale);
  }

  protected override render(): TemplateResult {
    const m = this.words;
    const { editor } = this;
    if (editor.access === 'patient') {
      return html`<section aria-labelledby="heading"><h2 id="heading" part="heading" tabindex="-1">${m.staffOnly}</h2><p>${m.staffOnlyDetail}</p></section>`;
    }
    if (editor.cases.phase === 'error') {
      return html`<p part="error" class="error" role="alert">${m.loadError}</p><button type="button" class="secondary" @click=${() => void editor.cases.reload()}>${m.retry}</button>`;
    }
    const c = this.case;
    if (!c || editor.access === 'checking') return html`<p role="status" class="muted">${m.loading}</p>`;
    // Follow-up questions reopen the review of a case that has its opinion.
    const heading = c.opinion && c.status === 'in_review' ? m.followUpHeading(c.reference) : m.heading(c.reference);
    if (c.status !== 'in_review') {
      return html`<section aria-labelledby="heading"><h2 id="heading" part="heading" tabindex="-1">${heading}</h2>
        <p class="muted">${c.status === 'opinion_ready' ? m.alreadyIssued : m.notReady}</p></section>`;
    }
    return html`<section aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${heading}</h2>
      ${this.renderForm(c, m)}
    </section>`;
  }

  private renderForm(c: Case, m: EditorMessages): TemplateResult {
    const { editor } = this;
    const { draft, issue, report } = editor;
    const busy = issue.pending;
    const b = blockers(c, draft);
    const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
    const invalid = (field: string) => (issue.invalid && editor.issue.invalid === this.invalidFor(field, c) ? 'true' : 'false');
    // The field a check found empty is described by the words that say so.
    const described = (field: string, hint?: string) => [hint, invalid(field) === 'true' ? 'issue-invalid' : undefined].filter(Boolean).join(' ') || nothing;
    const submit = (e: Event) => {
      e.preventDefault();
      void issue.run();
    };
    const pick = (e: Event) => {
      const file = (e.currentTarget as HTMLInputElement).files?.[0];
      if (file) void report.run(file);
    };
    return html`<form part="form" novalidate @submit=${submit}>
      <div class="field"><label for="outcome">${m.outcomeLabel}</label>
        <select id="outcome" name="outcome" ?disabled=${busy} aria-invalid=${invalid('outcome')} aria-describedby=${described('outcome')} @change=${(e: Event) => editor.edit({ outcome: value(e) as Outcome })}>
          <option value="" ?selected=${!draft.outcome}>${m.outcomeChoose}</option>
          ${OUTCOMES.map((o) => html`<option value=${o} ?selected=${draft.outcome === o}>${m.outcome[o]}</option>`)}
        </select></div>
      <div class="field"><label for="summary">${m.summaryLabel}</label>
        <p id="summary-hint" class="hint">${m.summaryHint}</p>
        <textarea id="summary" name="summary" maxlength="5000" aria-describedby=${described('summary', 'summary-hint')} aria-invalid=${invalid('summary')} ?disabled=${busy} .value=${draft.summary}
          @input=${(e: Event) => editor.edit({ summary: value(e) })}></textarea></div>
      <div class="field"><label for="diagnosis">${m.diagnosisLabel}</label>
        <input id="diagnosis" name="diagnosis" type="text" maxlength="2000" ?disabled=${busy} .value=${draft.diagnosis} @input=${(e: Event) => editor.edit({ diagnosis: value(e) })}></div>
      <div class="field"><label for="recommendations">${m.recommendationsLabel}</label>
        <p id="recommendations-hint" class="hint">${m.recommendationsHint}</p>
        <textarea id="recommendations" name="recommendations" aria-describedby="recommendations-hint" ?disabled=${busy} .value=${draft.recommendations}
          @input=${(e: Event) => editor.edit({ recommendations: value(e) })}></textarea></div>
      <h3 id="answers-heading">${m.answersHeading}</h3>
      ${openQuestions(c).map((q, i) => html`<div part="question" class="question" data-question-id=${q.id}>
        <label for=${`answer-${i + 1}`}>${m.question(i + 1)}${q.followUp ? html` <span class="muted">${m.followUp}</span>` : nothing}</label>
        <p id=${`question-${i + 1}`} class="text">${q.text}</p>
        <textarea id=${`answer-${i + 1}`} name="answer" maxlength="5000" aria-describedby=${described(`answer-${i + 1}`, `question-${i + 1}`)} aria-invalid=${invalid(`answer-${i + 1}`)} ?disabled=${busy}
          .value=${draft.answers[q.id] ?? ''} @input=${(e: Event) => editor.answer(q.id, value(e))}></textarea>
      </div>`)}
      <div class="field"><label for="report">${m.reportLabel}</label>
        <p id="report-hint" class="hint">${m.reportHint}</p>
        <input id="report" name="report" type="file" accept="application/pdf,.pdf" aria-describedby="report-hint" ?disabled=${busy || report.pending} @change=${pick}>
        ${report.pending ? html`<p role="status" class="muted">${m.reportUploading}</p>` : draft.reportRecordId ? html`<p role="status">${m.reportAttached}</p>` : nothing}
        ${report.error ? html`<p part="error" class="error" role="alert">${report.error}</p>` : nothing}</div>
      ${editor.complete ? nothing : html`<div part="blockers" id="blockers"><h4>${m.blockedHeading}</h4><ul class="blockers">
        ${b.outcome ? html`<li>${m.needOutcome}</li>` : nothing}
        ${b.summary ? html`<li>${m.needSummary}</li>` : nothing}
        ${b.missing.map((n) => html`<li>${m.needAnswers(String(n))}</li>`)}
      </ul></div>`}
      ${issue.invalid ? html`<p id="issue-invalid" class="error">${issue.invalid}</p>` : nothing}
      ${issue.error ? html`<p id="issue-error" part="error" class="error notice" role="alert" tabindex="-1">${issue.error}</p>` : nothing}
      ${this.renderPreview(c, m)}
      <div class="buttons"><button id="issue" part="issue" type="submit" aria-disabled=${editor.complete ? 'false' : 'true'}
        aria-describedby=${editor.complete ? nothing : 'blockers'} ?disabled=${busy}>${busy ? m.issuing : m.issue}</button></div>
    </form>`;
  }

  // The Preview toggle, and once on, the patient's summary of the draft (its part loaded on first use).
  private renderPreview(c: Case, m: EditorMessages): TemplateResult {
    const { editor } = this;
    const toggle = () => {
      editor.togglePreview();
      if (!previewPart.now) void previewPart.load().then(() => this.requestUpdate(), () => this.requestUpdate());
    };
    const part = editor.previewing && previewPart.now;
    return html`<div class="buttons"><button id="preview-toggle" part="preview-toggle" type="button" class="secondary" aria-expanded=${String(editor.previewing)} @click=${toggle}>${m.preview}</button></div>
      ${part ? html`<section part="preview" class="preview" aria-labelledby="preview-heading">${part.renderPreview({ case: c, draft: editor.draft, words: m, locale: this.locale })}</section>` : nothing}`;
  }

  // The field a check's message belongs to, so only that field is marked invalid.
  private invalidFor(field: string, c: Case): string | undefined {
    const m = this.words;
    if (field === 'outcome') return m.needOutcome;
    if (field === 'summary') return m.needSummary;
    const n = Number(field.slice('answer-'.length));
    return n >= 1 && n <= openQuestions(c).length ? m.needAnswers(String(n)) : undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'so-opinion-editor': SoOpinionEditor;
  }
}
