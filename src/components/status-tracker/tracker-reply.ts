// The reply to an information request in <so-status-tracker>: the request, the records it wants,
// the uploader slot and the reply box. Loaded on demand, the first time a case waits on the patient.
import { css, html, nothing, type TemplateResult } from 'lit';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import type { Case } from '../../core/model/case.js';
import { announce } from '../shared/announce.js';
import { claimClientError } from '../shared/client-errors.js';
import { focusTarget } from '../shared/focus.js';
import type { SoStatusTracker } from './status-tracker.js';
import { fieldStyles } from './tracker-fields.styles.js';
import type { TrackerMessages } from './tracker-messages.js';
import { calendarDate, recordsForReply } from './tracker-model.js';

/** The reply's own rules, adopted when it loads. */
export const styles = [fieldStyles, css`
  @layer so {
    .action { border-inline-start: 4px solid var(--_warning); padding: calc(var(--_space) * 2) calc(var(--_space) * 4); background: var(--_warning-bg); border-radius: var(--_radius); }
    .hint { color: var(--_text-muted); margin-bottom: calc(var(--_space) * 2); }
    @media (forced-colors: active) { .action { border: 2px solid CanvasText; } }
  }
`];

/** One tracker's reply panel and its state. */
export class ReplyPanel {
  private busy = false;
  private fieldError?: string;
  private error?: string;

  constructor(private readonly host: SoStatusTracker) {}

  private field(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector('#reply');
  }

  private async send(e: Event): Promise<void> {
    e.preventDefault();
    const host = this.host;
    const c = host.case;
    const client = host.activeClient;
    const field = this.field();
    const text = field?.value.trim() ?? '';
    if (!c || !client || this.busy) return;
    const m = host.words;
    this.error = this.fieldError = undefined;
    if (!text) {
      this.fieldError = m.replyRequired;
      host.requestUpdate();
      field?.focus();
      return;
    }
    this.busy = true;
    host.requestUpdate();
    try {
      const recordIds = c.actionsRequired.flatMap((a) => recordsForReply(c, a));
      await client.cases.reply(c.id, { text, ...(recordIds.length ? { recordIds: [...new Set(recordIds)] } : {}) });
      void announce(m.replySent);
      await host.updateComplete;
      const heading = host.renderRoot.querySelector<HTMLElement>('#heading');
      if (heading) focusTarget(heading);
    } catch (err) {
      claimClientError(err);
      this.error = m.actionFailed;
    } finally {
      this.busy = false;
      host.requestUpdate();
    }
  }

  /** What the patient must do, with the reply form. */
  render(c: Case, m: TrackerMessages): TemplateResult {
    const { busy, fieldError } = this;
    const locale = this.host.locale;
    const attached = new Set(c.actionsRequired.flatMap((a) => recordsForReply(c, a))).size;
    return html`<div class="block">
      <h3>${m.actionsHeading}</h3>
      ${c.actionsRequired.map((a) => html`<div part="action" class="action">
        <p class="message">${a.message}</p>
        <p class="muted">${m.actionFrom(calendarDate(a.requestedAt, locale))}</p>
        ${a.recordKinds.length ? html`<p><strong>${m.actionRecordsWanted}</strong></p>
          <ul class="kinds">${a.recordKinds.map((k) => html`<li>${recordKindText(k, locale).label}</li>`)}</ul>` : nothing}
      </div>`)}
      <slot name="uploader"></slot>
      <form part="reply" class="reply" @submit=${(e: Event) => this.send(e)} novalidate>
        <label for="reply">${m.replyLabel}</label>
        <p id="reply-hint" class="hint">${m.replyHint}</p>
        ${fieldError ? html`<p id="reply-error" class="error">${fieldError}</p>` : nothing}
        <textarea id="reply" name="reply" aria-describedby=${fieldError ? 'reply-hint reply-error' : 'reply-hint'} aria-invalid=${fieldError ? 'true' : 'false'} ?disabled=${busy}></textarea>
        ${attached ? html`<p class="muted">${m.replyRecordsAttached(attached)}</p>` : nothing}
        ${this.error ? html`<p part="error" class="error" role="alert">${this.error}</p>` : nothing}
        <div class="buttons"><button type="submit" ?disabled=${busy}>${busy ? m.replySending : m.replySend}</button></div>
      </form>
    </div>`;
  }
}
