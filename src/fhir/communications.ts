// The Communication resources a move writes: a CommunicationRequest for an information request, a
// Communication for the patient's reply (and the requests it answers closed), and one for an
// opinion shared with the care team. Pure: each adds entries to the move's transaction.
import type { ActionInputs } from '../core/lifecycle/engine.js';
import type { Action } from '../core/lifecycle/transitions.js';
import type { Case } from '../core/model/case.js';
import { CASE_EXT } from './case-mapping.js';
import type { RequestRefs, Transaction } from './case-writer.js';
import { SERVICE_CODES, kitCoding } from './codesystems.js';
import type { Loaded } from './reads.js';
import type { Reference } from './types.js';

/** CommunicationRequest for an information request; Communication for a reply; closing open requests. */
export function writeCommunications(tx: Transaction, action: Action, next: Case, loaded: Loaded, refs: RequestRefs, sr: Reference, input: unknown): void {
  const at = next.updatedAt;
  const event = next.timeline.at(-1);
  const openRequests = loaded.commRequests;
  if (action === 'request_info' && event) {
    const { message, recordKinds } = input as ActionInputs['request_info'];
    tx.create({
      resourceType: 'CommunicationRequest',
      extension: (recordKinds ?? []).map((k) => ({ url: CASE_EXT.requestedRecordKind, valueCode: k })),
      basedOn: [sr],
      status: 'active',
      category: [{ coding: [kitCoding(SERVICE_CODES, 'information-request')] }],
      subject: refs.subject,
      payload: [{ contentString: message.trim() }],
      authoredOn: at,
      recipient: [refs.subject],
      requester: { display: event.actor === 'specialist' ? 'Specialist' : 'Coordinator' },
    });
  }
  if (action === 'reply') {
    const { text, recordIds } = input as ActionInputs['reply'];
    tx.create({
      resourceType: 'Communication',
      basedOn: openRequests.length ? openRequests.map((r) => ({ reference: `CommunicationRequest/${r.id}` })) : [sr],
      partOf: [sr],
      status: 'completed',
      category: [{ coding: [kitCoding(SERVICE_CODES, 'information-reply')] }],
      subject: refs.subject,
      sent: at,
      sender: refs.subject,
      payload: [
        ...(text?.trim() ? [{ contentString: text.trim() }] : []),
        ...(recordIds ?? []).map((id) => ({ contentReference: { reference: `DocumentReference/${id}` } })),
      ],
    });
  }
  if (next.status !== 'info_requested') {
    for (const r of openRequests) tx.update({ ...r, status: action === 'reply' ? 'completed' : 'revoked' }, r);
  }
}

/** The Communication of an opinion shared with the care team: the report, and the patient's note. */
export function writeOpinionShare(tx: Transaction, next: Case, loaded: Loaded, refs: RequestRefs, sr: Reference, note: string | undefined): void {
  tx.create({
    resourceType: 'Communication',
    basedOn: [sr],
    status: 'completed',
    category: [{ coding: [kitCoding(SERVICE_CODES, 'opinion-share')] }],
    subject: refs.subject,
    sent: next.updatedAt,
    sender: refs.subject,
    ...(refs.careTeam ? { recipient: [refs.careTeam] } : {}),
    payload: [
      ...(loaded.report ? [{ contentReference: { reference: `DiagnosticReport/${loaded.report.id}` } }] : []),
      ...(note?.trim() ? [{ contentString: note.trim() }] : []),
    ],
  });
}
