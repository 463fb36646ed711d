// What a committed case change tells the world outside: the webhook event types it stands for, each
// with its thin payload (ids, reference, status, time: never a name, a diagnosis or a file name),
// and the patient notices it calls for. Pure functions of the change, so they are tested in Node.
import type { Case, CaseEvent } from '../../core/model/case.js';
import type { CaseChange } from '../store.js';

/** Every event type a webhook endpoint can ask for. */
export const WEBHOOK_EVENT_TYPES = [
  'case.submitted', 'case.status_changed', 'case.information_requested', 'case.reply_received', 'record.verified',
  'record.rejected', 'case.opinion_ready', 'case.shared', 'case.withdrawn',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The type `POST /v1/staff/webhooks/{id}/test` sends: to that endpoint only, whatever it asked for. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** The body of a webhook (Standard Webhooks' `type`, `timestamp`, `data`). */
export interface WebhookPayload {
  type: WebhookEventType | typeof TEST_EVENT_TYPE;
  timestamp: string;
  data: Record<string, string | number>;
}

/** What a patient notice says: which news, never what it is about. */
export const NOTICE_KINDS = ['information_requested', 'accepted', 'opinion_ready', 'declined'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** One outbound message of a change: its id (the `webhook-id`), type and payload. */
export interface OutboundMessage {
  id: string;
  caseId: string;
  type: WebhookEventType;
  payload: WebhookPayload;
  /** The patient notice this message calls for, if any. */
  notice?: NoticeKind;
  /** Set on `case.shared`: the opinion goes to the care team. */
  careTeam?: boolean;
}

const SPECIFIC: Partial<Record<string, WebhookEventType>> = {
  submit: 'case.submitted',
  request_info: 'case.information_requested',
  reply: 'case.reply_received',
  issue_opinion: 'case.opinion_ready',
  withdraw: 'case.withdrawn',
};

const NOTICE: Partial<Record<string, NoticeKind>> = {
  request_info: 'information_requested',
  accept: 'accepted',
  issue_opinion: 'opinion_ready',
  decline: 'declined',
};

function base(c: Case, e: CaseEvent): Record<string, string | number> {
  return { caseId: c.id, reference: c.reference, status: e.status, eventId: e.id, occurredAt: e.at };
}

/** The messages of one event, in order; none for drafts (nobody outside sees a draft). */
export function messagesOf(c: Case, e: CaseEvent, newId: () => string): OutboundMessage[] {
  // A draft, and a draft withdrawn, were never seen by anyone outside.
  if (e.status === 'draft' || (e.previousStatus === 'draft' && e.action !== 'submit')) return [];
  const out: OutboundMessage[] = [];
  const push = (type: WebhookEventType, data: Record<string, string | number>, extra: Partial<OutboundMessage> = {}) => {
    out.push({ id: `msg_${newId()}`, caseId: c.id, type, payload: { type, timestamp: e.at, data }, ...extra });
  };
  if (e.kind === 'status_changed' && e.previousStatus) {
    const data = { ...base(c, e), previousStatus: e.previousStatus, ...(e.action ? { action: e.action } : {}) };
    if (e.action === 'accept' && c.expectedBy) Object.assign(data, { expectedBy: c.expectedBy });
    const notice = e.action ? NOTICE[e.action] : undefined;
    // The general status change carries the patient notice, so a change with a specific type too notifies once.
    push('case.status_changed', data, notice ? { notice } : {});
    const specific = e.action ? SPECIFIC[e.action] : undefined;
    if (specific) push(specific, data);
  } else if ((e.kind === 'record_added' || e.kind === 'record_updated') && e.recordId) {
    const r = c.records.find((x) => x.id === e.recordId);
    if (r?.status === 'verified' || r?.status === 'rejected') {
      const data: Record<string, string | number> = { ...base(c, e), recordId: r.id, recordStatus: r.status, source: r.source };
      if (r.rejectionReason) data.rejectionReason = r.rejectionReason;
      push(r.status === 'verified' ? 'record.verified' : 'record.rejected', data);
    }
  } else if (e.kind === 'shared') {
    push('case.shared', base(c, e), { careTeam: true });
  }
  return out;
}

/** The messages of a committed change. */
export function messagesOfChange(change: CaseChange, newId: () => string = () => crypto.randomUUID()): OutboundMessage[] {
  return change.events.flatMap((e) => messagesOf(change.after, e, newId));
}
