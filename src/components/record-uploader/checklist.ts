// The records checklist: the kinds the case still needs (asked for with the request, or by an open
// information request), each ticked once a verified record of that kind is in.
import type { Case } from '../../core/model/case.js';
import { RECORD_KINDS, type RecordKind } from '../../core/model/codes.js';

/** One line of the checklist. */
export interface ChecklistLine {
  kind: RecordKind;
  done: boolean;
}

/**
 * The checklist, in the model's order of kinds. A kind an information request asks for is ticked
 * only by a record that came after the request (the earlier one was not enough). Pure.
 */
export function recordsChecklist(needed: readonly RecordKind[], c: Case | undefined, verifiedHere: readonly RecordKind[]): ChecklistLine[] {
  // Per kind, the time a record must be newer than ('' = any record counts).
  const since = new Map<RecordKind, string>(needed.map((k) => [k, '']));
  for (const action of c?.actionsRequired ?? []) {
    for (const k of action.recordKinds) if (!since.has(k)) since.set(k, action.requestedAt);
  }
  const have = new Set<RecordKind>(verifiedHere);
  for (const r of c?.records ?? []) {
    const after = since.get(r.kind);
    if (r.status === 'verified' && r.source === 'patient' && after !== undefined && r.createdAt >= after) have.add(r.kind);
  }
  return RECORD_KINDS.filter((k) => since.has(k)).map((kind) => ({ kind, done: have.has(kind) }));
}
