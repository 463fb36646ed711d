// The reply to an information request in <so-status-tracker>: the request, the records it wants,
// the uploader slot and the reply box. Loaded on demand, the first time a case waits on the
// patient. A view: it draws what it is given and hands the reply's text back.
import { css, html, nothing, type TemplateResult } from 'lit';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import type { Case } from '../../core/model/case.js';
import type { Locale, RecordKind } from '../../core/model/codes.js';
import { fieldStyles } from './tracker-fields.styles.js';
import type { TrackerMessages } from './status-tracker.messages.js';
import { calendarDate } from '../shared/i18n/format.js';
import { recordsForReply } from './status-tracker.model.js';

/** The reply's own rules, adopted when it loads. */
export const styles = [fieldStyles, css`
  @layer so {
    .action { border-inline-start: 4px solid var(--_warning); padding: calc(var(--_space) * 2) calc(var(--_space) * 4); background: var(--_warning-bg); border-radius: var(--_radius); }
    .hint { color: var(--_text-muted); margin-bottom: calc(var(--_space) * 2); }
    @media (forced-colors: active) { .action { border: 2px solid CanvasText; } }
  }
`];

/** A record kind the patient is asked for, as the paused clock names it ("your pathology report"). */
export const yourRecordKind = (kind: RecordKind, locale: Locale): string => recordKindText(kind, locale).yours;

/** What the reply draws, and where the reply goes. */
export interface ReplyView {
  readonly words: TrackerMessages;
  readonly locale: Locale;
  /** The case waiting on the patient. */
  readonly case: Case;
  /** The reply is on its way. */
  readonly busy: boolean;
  /** What is wrong with the reply box. */
  readonly fieldError: string | undefined;
  /** Why sending failed. */
  readonly error: string | undefined;
  /** Sends the reply (its text trimmed). */
  send(text: string): void;
}

/** What the patient must do, with the reply form. */
export function renderReply(view: ReplyView): TemplateResult {
  const { words: m, case: c, busy, fieldError, error, locale } = view;
  const attached = new Set(c.actionsRequired.flatMap((a) => recordsForReply(c, a))).size;
  const submit = (e: Event) => {
    e.preventDefault();
    const field = (e.currentTarget as HTMLFormElement).querySelector<HTMLTextAreaElement>('#reply');
    view.send(field?.value.trim() ?? '');
  };
  return html`<div class="block">
    <h3>${m.actionsHeading}</h3>
    ${c.actionsRequired.map((a) => html`<div part="action" class="action">
      <p class="message">${a.message}</p>
      <p class="muted">${m.actionFrom(calendarDate(a.requestedAt, locale))}</p>
      ${a.recordKinds.length ? html`<p><strong>${m.actionRecordsWanted}</strong></p>
        <ul class="kinds">${a.recordKinds.map((k) => html`<li>${recordKindText(k, locale).label}</li>`)}</ul>` : nothing}
    </div>`)}
    <slot name="uploader"></slot>
    <form part="reply" class="reply" @submit=${submit} novalidate>
      <label for="reply">${m.replyLabel}</label>
      <p id="reply-hint" class="hint">${m.replyHint}</p>
      ${fieldError ? html`<p id="reply-error" class="error">${fieldError}</p>` : nothing}
      <textarea id="reply" name="reply" aria-describedby=${fieldError ? 'reply-hint reply-error' : 'reply-hint'} aria-invalid=${fieldError ? 'true' : 'false'} ?disabled=${busy}></textarea>
      ${attached ? html`<p class="muted">${m.replyRecordsAttached(attached)}</p>` : nothing}
      ${error ? html`<p part="error" class="error" role="alert">${error}</p>` : nothing}
      <div class="buttons"><button type="submit" ?disabled=${busy}>${busy ? m.replySending : m.replySend}</button></div>
    </form>
  </div>`;
}
