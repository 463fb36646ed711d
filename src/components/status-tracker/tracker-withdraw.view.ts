// The withdraw confirmation of <so-status-tracker>. Loaded on demand, when the patient first asks
// to withdraw. A view: it draws what it is given and hands the confirmation (or cancel) back.
import { css, html, type TemplateResult } from 'lit';
import { fieldStyles } from './tracker-fields.styles.js';
import type { TrackerMessages } from './status-tracker.messages.js';

/** The confirmation's own rules, adopted when it loads. */
export const styles = [fieldStyles, css`
  @layer so {
    .confirm { border: 2px solid var(--_danger); border-radius: var(--_radius); padding: calc(var(--_space) * 4); }
    button.danger { background: var(--_danger); border-color: var(--_danger); color: var(--_background); }
    @media (forced-colors: active) { .confirm { border: 2px solid CanvasText; } }
  }
`];

/** What the confirmation draws, and where its intent goes. */
export interface WithdrawConfirmView {
  readonly words: TrackerMessages;
  /** Withdrawing is on its way. */
  readonly busy: boolean;
  /** Why withdrawing failed. */
  readonly error: string | undefined;
  /** Withdraws, with the optional reason (trimmed; undefined when empty). */
  confirm(reason: string | undefined): void;
  /** Closes the confirmation. */
  cancel(): void;
}

/** The confirmation: a warning, an optional reason, confirm and cancel. */
export function renderWithdrawConfirm(view: WithdrawConfirmView): TemplateResult {
  const { words: m, busy, error } = view;
  const confirm = (e: Event) => {
    const group = (e.currentTarget as HTMLElement).closest('[part="confirm"]');
    view.confirm(group?.querySelector<HTMLTextAreaElement>('#reason')?.value.trim() || undefined);
  };
  return html`<div part="confirm" class="block confirm" role="group" aria-labelledby="confirm-heading">
    <h3 id="confirm-heading">${m.withdrawHeading}</h3>
    <p>${m.withdrawWarning}</p>
    <label for="reason">${m.withdrawReasonLabel}</label>
    <textarea id="reason" name="reason" ?disabled=${busy}></textarea>
    ${error ? html`<p part="error" class="error" role="alert">${error}</p>` : ''}
    <div class="buttons">
      <button type="button" class="danger" data-action="confirm-withdraw" ?disabled=${busy} @click=${confirm}>${m.withdrawConfirm}</button>
      <button type="button" class="secondary" data-action="cancel-withdraw" ?disabled=${busy} @click=${() => view.cancel()}>${m.withdrawCancel}</button>
    </div>
  </div>`;
}
