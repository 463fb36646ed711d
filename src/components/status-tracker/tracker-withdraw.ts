// The withdraw confirmation of <so-status-tracker>. Loaded on demand, when the patient first asks to withdraw.
import { css, html, type TemplateResult } from 'lit';
import type { Case } from '../../core/model/case.js';
import { announce } from '../shared/announce.js';
import { claimClientError } from '../shared/client-errors.js';
import { focusTarget } from '../shared/focus.js';
import { SoBeforeWithdrawEvent } from './events.js';
import type { SoStatusTracker } from './status-tracker.js';
import { fieldStyles } from './tracker-fields.styles.js';
import type { TrackerMessages } from './tracker-messages.js';

/** The confirmation's own rules, adopted when it loads. */
export const styles = [fieldStyles, css`
  @layer so {
    .confirm { border: 2px solid var(--_danger); border-radius: var(--_radius); padding: calc(var(--_space) * 4); }
    button.danger { background: var(--_danger); border-color: var(--_danger); color: var(--_background); }
    @media (forced-colors: active) { .confirm { border: 2px solid CanvasText; } }
  }
`];

/** One tracker's withdraw confirmation; `close` hides it (back to the withdraw button when `toButton`). */
export class WithdrawConfirm {
  private busy = false;
  private error?: string;

  constructor(private readonly host: SoStatusTracker, private readonly close: (toButton: boolean) => Promise<void>) {}

  private async withdraw(c: Case): Promise<void> {
    const host = this.host;
    const client = host.activeClient;
    if (!client || this.busy) return;
    const reason = host.renderRoot.querySelector<HTMLTextAreaElement>('#reason')?.value.trim() || undefined;
    if (!host.dispatchEvent(new SoBeforeWithdrawEvent(c.id, reason))) return;
    this.busy = true;
    this.error = undefined;
    host.requestUpdate();
    try {
      await client.cases.withdraw(c.id, reason ? { reason } : {});
      void announce(host.words.withdrawn);
      await this.close(false);
      const heading = host.renderRoot.querySelector<HTMLElement>('#heading');
      if (heading) focusTarget(heading);
    } catch (err) {
      claimClientError(err);
      this.error = host.words.actionFailed;
    } finally {
      this.busy = false;
      host.requestUpdate();
    }
  }

  /** The confirmation: a warning, an optional reason, confirm and cancel. */
  render(c: Case, m: TrackerMessages): TemplateResult {
    const busy = this.busy;
    return html`<div part="confirm" class="block confirm" role="group" aria-labelledby="confirm-heading">
      <h3 id="confirm-heading">${m.withdrawHeading}</h3>
      <p>${m.withdrawWarning}</p>
      <label for="reason">${m.withdrawReasonLabel}</label>
      <textarea id="reason" name="reason" ?disabled=${busy}></textarea>
      ${this.error ? html`<p part="error" class="error" role="alert">${this.error}</p>` : ''}
      <div class="buttons">
        <button type="button" class="danger" data-action="confirm-withdraw" ?disabled=${busy} @click=${() => this.withdraw(c)}>${m.withdrawConfirm}</button>
        <button type="button" class="secondary" data-action="cancel-withdraw" ?disabled=${busy} @click=${() => this.close(true)}>${m.withdrawCancel}</button>
      </div>
    </div>`;
  }
}
