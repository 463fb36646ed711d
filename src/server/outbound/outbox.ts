// The durable outbox: every message a case change calls for is written in the change's own
// transaction, with one delivery row per destination (each enabled webhook endpoint that wants the
// type, each person a notice goes to, the care team). Committed together or not at all, so nothing
// is announced that did not happen and nothing that happened goes unannounced.
import type { EngineResult } from '../../core/lifecycle/engine.js';
import type { Case, CareTeamDelivery } from '../../core/model/case.js';
import type { Queryable } from '../db.js';
import type { CaseChange, CommitHook } from '../store.js';
import { messagesOfChange, type NoticeKind, type OutboundMessage } from './messages.js';

/** Who a patient notice goes to. */
export type NoticeRecipient = 'requester' | 'patient';

/** What an e-mail delivery row carries: who and which news, never an address (read from the case when sent). */
export interface EmailDetail {
  recipient: NoticeRecipient;
  notice: NoticeKind;
}

/** The people a notice goes to, with the consent scope for contact: the requester, and the patient when someone else asked. */
export function noticeRecipients(c: Case): NoticeRecipient[] {
  if (c.status === 'draft' || !c.request.consent.scopes.includes('contact')) return [];
  const r = c.request;
  if (r.requester.relationship === 'self') return r.patient.email ? ['patient'] : [];
  const out: NoticeRecipient[] = [];
  if (r.requester.email) out.push('requester');
  if (r.patient.email && r.patient.email.toLowerCase() !== r.requester.email?.toLowerCase()) out.push('patient');
  return out;
}

/** The address of a recipient, as the case says now. */
export function recipientAddress(c: Case, who: NoticeRecipient | 'care_team'): string | undefined {
  if (c.status === 'draft') return undefined;
  if (who === 'care_team') return c.request.careTeam.share && c.request.consent.scopes.includes('share_with_care_team') ? c.request.careTeam.email : undefined;
  if (!c.request.consent.scopes.includes('contact')) return undefined;
  return who === 'patient' || c.request.requester.relationship === 'self' ? c.request.patient.email : c.request.requester.email;
}

/** The channel a transaction that adds or re-opens deliveries notifies (no payload). */
export const DELIVERIES_CHANNEL = 'so_deliveries';

/** Wakes every instance's worker once `q`'s transaction commits (at once when `q` is outside one). */
export async function notifyDeliveries(q: Queryable): Promise<void> {
  await q.query('SELECT pg_notify($1, $2)', [DELIVERIES_CHANNEL, '']);
}

/** Inserts one message and its webhook deliveries (every enabled endpoint that wants its type). */
export async function insertMessage(tx: Queryable, m: Pick<OutboundMessage, 'id' | 'caseId' | 'type' | 'payload'>): Promise<void> {
  await tx.query('INSERT INTO outbox (id, case_id, type, payload) VALUES ($1, $2, $3, $4::jsonb)', [m.id, m.caseId, m.type, JSON.stringify(m.payload)]);
  await tx.query(
    `INSERT INTO deliveries (message_id, channel, endpoint_id) SELECT $1, 'webhook', id FROM webhook_endpoints
     WHERE enabled AND (cardinality(event_types) = 0 OR $2 = ANY(event_types))`,
    [m.id, m.type],
  );
}

/** The commit hook that fills the outbox. `mail` says whether e-mail can be sent at all (SMTP configured). */
export class OutboxWriter implements CommitHook {
  constructor(private readonly options: { mail: boolean }) {}

  // Every instance's worker hears of the new deliveries once the change commits (DELIVERIES_CHANNEL).
  async write(tx: Queryable, change: CaseChange): Promise<void> {
    const messages = messagesOfChange(change);
    for (const m of messages) {
      await insertMessage(tx, m);
      if (!this.options.mail) continue;
      if (m.notice) {
        for (const recipient of noticeRecipients(change.after)) {
          const detail: EmailDetail = { recipient, notice: m.notice };
          await tx.query(`INSERT INTO deliveries (message_id, channel, detail) VALUES ($1, 'email', $2::jsonb)`, [m.id, JSON.stringify(detail)]);
        }
      }
      if (m.careTeam && recipientAddress(change.after, 'care_team')) {
        await tx.query(`INSERT INTO deliveries (message_id, channel) VALUES ($1, 'care_team')`, [m.id]);
      }
    }
    if (messages.length) await notifyDeliveries(tx);
  }
}

/** A share that this server will deliver by e-mail starts as `sending`, to the care team the request named. */
export function withCareTeamDelivery(result: EngineResult, mail: boolean): EngineResult {
  if (!result.ok || !mail || !result.case.opinion || result.case.status === 'draft' || !recipientAddress(result.case, 'care_team')) return result;
  const team = result.case.request.careTeam;
  const to = [team.name, team.clinic].filter(Boolean).join(', ');
  const requestedAt = result.case.opinion.sharedWithCareTeamAt ?? result.case.updatedAt;
  const careTeamDelivery: CareTeamDelivery = { state: 'sending', ...(to ? { to } : {}), requestedAt };
  return { ...result, case: { ...result.case, opinion: { ...result.case.opinion, careTeamDelivery } } as Case };
}

/**
 * The case after an attempt to deliver the share made at `requestedAt`: delivered, failed and
 * retrying, or failed for good. A later share's delivery is left alone; the timeline is not touched.
 */
export function afterCareTeamAttempt(c: Case, requestedAt: unknown, state: 'delivered' | 'pending' | 'failed', at: Date): EngineResult {
  const d = c.opinion?.careTeamDelivery;
  if (!c.opinion || !d || d.requestedAt !== requestedAt) return { ok: true, case: c, events: [] };
  const next: CareTeamDelivery = state === 'delivered'
    ? { state: 'delivered', ...(d.to ? { to: d.to } : {}), requestedAt: d.requestedAt, deliveredAt: at.toISOString() }
    : { state: 'failed', ...(d.to ? { to: d.to } : {}), requestedAt: d.requestedAt, retrying: state === 'pending' };
  if (d.state === next.state && d.retrying === next.retrying && d.state !== 'delivered') return { ok: true, case: c, events: [] };
  return { ok: true, case: { ...c, opinion: { ...c.opinion, careTeamDelivery: next }, version: c.version + 1, updatedAt: at.toISOString() } as Case, events: [] };
}
