// <so-status-badge>: a case's status in plain words, with its colour and icon, in both languages.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { statusText } from '../../core/i18n/statuses.js';
import { STATUSES, type Status } from '../../core/model/codes.js';
import { SoElement } from '../shared/base-element.js';
import { CaseController } from '../shared/case-controller.js';
import { devWarn } from '../shared/dev.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { STATUS_ICONS, STATUS_TONES } from './status-icons.js';
import { statusBadgeStyles } from './status-badge.styles.js';

/**
 * Shows a case's status in plain language with its colour and icon. Set `status`, or set
 * `case-id` and a client (from `<so-provider>` or `.client`) to load and follow the case.
 *
 * @summary A case's status in words, colour and icon, in English or French.
 * @tagname so-status-badge
 * @csspart badge - The badge: icon and status word.
 * @csspart icon - The status icon.
 * @csspart label - The status word.
 * @csspart next - What happens next (with `show-next`).
 * @csspart error - The message shown when the status cannot be loaded.
 * @csspart retry - The button that loads the status again.
 * @cssprop --so-color-neutral - Text colour of draft and withdrawn badges.
 * @cssprop --so-color-neutral-background - Background of draft and withdrawn badges.
 * @cssprop --so-color-info - Text colour of in-progress badges.
 * @cssprop --so-color-info-background - Background of in-progress badges.
 * @cssprop --so-color-success - Text colour of the opinion-ready badge.
 * @cssprop --so-color-success-background - Background of the opinion-ready badge.
 * @cssprop --so-color-warning - Text colour of the waiting-for-you badge.
 * @cssprop --so-color-warning-background - Background of the waiting-for-you badge.
 * @cssprop --so-color-danger - Text colour of the not-accepted badge and errors.
 * @cssprop --so-color-danger-background - Background of the not-accepted badge.
 * @cssprop --so-color-text-muted - Colour of the next-step sentence.
 * @cssprop --so-color-focus - Focus ring colour.
 * @cssprop --so-focus-ring-width - Focus ring width.
 * @cssprop --so-border-radius - Corner radius.
 * @cssprop --so-spacing-unit - Base spacing.
 * @cssprop --so-font-family - Font family (inherits the page's by default).
 * @cssprop --so-color-scheme - `light`, `dark`, or `light dark` (default: follow the system).
 */
export class SoStatusBadge extends SoElement {
  static override tagName = 'so-status-badge';
  static override styles = [tokenStyles, statusBadgeStyles];

  /** The status to show. Ignored once a case loaded through `case-id`. */
  @property({ reflect: true }) status?: Status;

  /** A case to load and follow through the client. */
  @property({ attribute: 'case-id' }) caseId?: string;

  /** Also shows what happens next. */
  @property({ type: Boolean, reflect: true, attribute: 'show-next' }) showNext = false;

  private readonly cases = new CaseController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('status') && this.status && !STATUSES.includes(this.status)) {
      devWarn('status-badge-status', `<so-status-badge>: unknown status "${this.status}".`);
    }
  }

  /** Loads the case named by `case-id` again. */
  load(): Promise<void> {
    return this.cases.reload();
  }

  protected override render(): TemplateResult | typeof nothing {
    const m = this.messages;
    if (this.cases.phase === 'error') {
      return html`<span part="error" class="error" role="alert">${m.statusLoadError}</span><button part="retry" class="retry" type="button" @click=${() => this.load()}>${m.retry}</button>`;
    }
    const status = this.cases.case?.status ?? (this.caseId && this.activeClient ? undefined : this.status);
    if (!status || !STATUSES.includes(status)) {
      return this.cases.phase === 'loading' ? html`<span role="status" class="badge neutral" part="badge">${m.statusLoading}</span>` : nothing;
    }
    const text = statusText(status, this.locale);
    return html`<span part="badge" class="badge ${STATUS_TONES[status]}"
        ><svg part="icon" class="icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${STATUS_ICONS[status]}</svg
        ><span part="label"><span class="visually-hidden">${m.statusPrefix} </span>${text.label}</span></span
      >${this.showNext ? html`<p part="next" class="next">${text.next}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'so-status-badge': SoStatusBadge;
  }
}
