// The care-team delivery part of <so-opinion-summary>: "Sent to Dr. Roy on …", where the delivery
// stands (sending, delivered, failed and retrying, failed), and "Send again". A view only: the
// element owns the state and the action; this draws what a backend that delivers reports.
import { html, nothing, type TemplateResult } from 'lit';
import type { CareTeamDelivery } from '../../core/model/case.js';
import type { OpinionMessages } from './opinion-summary.messages.js';

/** What the delivery view needs from the element. */
export interface DeliveryViewInput {
  delivery: CareTeamDelivery;
  words: OpinionMessages;
  date: (iso: string) => string;
  busy: boolean;
  error?: string | undefined;
  sendAgain: () => void;
}

/** The words for where a delivery stands. */
export function deliveryStateText(d: CareTeamDelivery, m: OpinionMessages, date: (iso: string) => string): string {
  if (d.state === 'delivered') return m.deliveryDelivered(d.deliveredAt ? date(d.deliveredAt) : date(d.requestedAt));
  if (d.state === 'failed') return d.retrying ? m.deliveryRetrying : m.deliveryFailed;
  return m.deliverySending;
}

/** Draws the delivery: who and when, its state (announced politely), and Send again once it has settled. */
export function renderDelivery(v: DeliveryViewInput): TemplateResult {
  const { delivery: d, words: m } = v;
  const when = v.date(d.requestedAt);
  const failed = d.state === 'failed';
  return html`<p id="share-status" class=${failed ? '' : 'done'}>${d.to ? m.sentTo(d.to, when) : m.sharedOn(when)}</p>
    <p part="delivery" class=${failed ? 'error' : 'muted'} data-delivery=${d.state} role="status">${deliveryStateText(d, m, v.date)}</p>
    ${v.error ? html`<p class="error" role="alert">${v.error}</p>` : nothing}
    ${d.state === 'sending' ? nothing : html`<button type="button" class="secondary" ?disabled=${v.busy} @click=${v.sendAgain}>${v.busy ? m.shareSending : m.sendAgain}</button>`}`;
}
