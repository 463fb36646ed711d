// E-mail over SMTP (nodemailer): the patient notices and the care-team notice. Addresses and the
// language are read from the case when the e-mail is sent, and the consent is checked again then.
import { createHash, randomBytes } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Case } from '../../core/model/case.js';
import type { ResolvedOutbound } from '../config.js';
import type { Db } from '../db.js';
import type { CaseStore } from '../store.js';
import { careTeamNotice, mailLocale, patientNotice, type MailText } from './notices.js';
import type { EmailDetail } from './outbox.js';
import { recipientAddress } from './outbox.js';
import type { AttemptResult } from './webhooks.js';
import type { ChannelSender, ClaimedDelivery } from './worker.js';

/** The SHA-256 a care-team token is kept as. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Opens the SMTP transport (nodemailer is loaded only when an SMTP URL is set). */
export async function smtpTransport(url: string, timeoutMs: number): Promise<Transporter> {
  const { createTransport } = await import('nodemailer');
  // nodemailer reads its options from the URL's query too (`?ignoreTLS=true`, `?tls.rejectUnauthorized=false`); the timeouts join them.
  const u = new URL(url);
  for (const key of ['connectionTimeout', 'greetingTimeout', 'socketTimeout']) if (!u.searchParams.has(key)) u.searchParams.set(key, String(timeoutMs));
  return createTransport(u.toString());
}

async function sendMail(transport: Transporter, from: string, to: string, m: MailText): Promise<AttemptResult> {
  try {
    const info = await transport.sendMail({ from, to, subject: m.subject, text: m.text });
    return info.rejected?.length ? { ok: false, error: 'recipient rejected' } : { ok: true };
  } catch (e) {
    const code = (e as { responseCode?: unknown; code?: unknown });
    return { ok: false, ...(typeof code.responseCode === 'number' ? { status: code.responseCode } : {}), error: `SMTP ${typeof code.code === 'string' ? code.code : 'error'}` };
  }
}

/** The e-mail channels of the worker. */
export function mailSenders(deps: { db: Db; store: CaseStore; outbound: ResolvedOutbound; transport: Transporter; serviceName: string; publicUrl: () => string }): { email: ChannelSender; care_team: ChannelSender } {
  const { db, store, outbound, transport, serviceName } = deps;
  const caseOf = (d: ClaimedDelivery): Promise<Case> => store.get(d.caseId, { system: true });
  const payloadData = (d: ClaimedDelivery) => (d.payload as { data?: Record<string, unknown> }).data ?? {};
  return {
    async email(d) {
      const c = await caseOf(d);
      const detail = d.detail as unknown as EmailDetail;
      const to = recipientAddress(c, detail.recipient);
      // Consent withdrawn or the address gone since: nothing to send, and nothing to retry.
      if (!to || c.status === 'draft') return { ok: true, status: 0 };
      const link = (outbound.notifyLink ?? `${deps.publicUrl()}/`).replaceAll('{caseId}', encodeURIComponent(c.id));
      const expectedBy = payloadData(d).expectedBy;
      const text = patientNotice(detail.notice, mailLocale(c.request.patient.preferredLanguage), {
        reference: c.reference, link, service: serviceName, ...(typeof expectedBy === 'string' ? { expectedBy } : {}),
      });
      return sendMail(transport, outbound.mailFrom, to, text);
    },
    async care_team(d) {
      const c = await caseOf(d);
      const to = recipientAddress(c, 'care_team');
      if (!to || c.status === 'draft') return { ok: true, status: 0 };
      // A fresh link per attempt, kept only as its hash; one that was not sent is revoked at once.
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + outbound.shareLinkTtlMs).toISOString();
      await db.transaction(async (tx) => {
        await tx.query('UPDATE share_links SET revoked_at = now() WHERE case_id = $1 AND revoked_at IS NULL AND (delivery_id IS NULL OR delivery_id <> $2)', [c.id, d.id]);
        await tx.query('INSERT INTO share_links (token_hash, case_id, delivery_id, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash(token), c.id, d.id, expiresAt]);
      });
      const link = `${deps.publicUrl()}/v1/shared/${token}`;
      const result = await sendMail(transport, outbound.mailFrom, to, careTeamNotice(mailLocale(c.request.patient.preferredLanguage), { reference: c.reference, link, service: serviceName, expiresAt }));
      if (!result.ok) await db.query('UPDATE share_links SET revoked_at = now() WHERE token_hash = $1', [tokenHash(token)]);
      return result;
    },
  };
}
