// Capability profiles: what a FHIR server supports (Task statuses, Subscriptions), and the status
// crosswalk between the case model and FHIR Task.status (ARCHITECTURE.md, mission anchors §7).
import type { Status } from '../core/model/codes.js';

/** The 12 FHIR R4 Task.status codes. */
export const TASK_STATUSES = [
  'draft', 'requested', 'received', 'accepted', 'rejected', 'ready', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed',
  'entered-in-error',
] as const;
/** A FHIR R4 Task.status code. */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** What the adapter may assume about a FHIR server. */
export interface FhirProfile {
  /** A name for logs and docs. */
  name: string;
  /** The Task.status codes the server accepts. */
  taskStatuses: readonly TaskStatus[];
  /**
   * Status watching: `auto` reads the CapabilityStatement and uses a Subscription where the server
   * lists one; `poll` always polls Task by `_lastUpdated`.
   */
  subscriptions: 'auto' | 'poll';
}

/** Every R4 Task status; Subscriptions where the server has them. */
export const FULL_PROFILE: FhirProfile = { name: 'full', taskStatuses: TASK_STATUSES, subscriptions: 'auto' };

/** Ontario eReferral as implemented by Ocean: 9 of 12 Task statuses (no draft, failed, entered-in-error), no Subscriptions. */
export const REDUCED_PROFILE: FhirProfile = {
  name: 'reduced',
  taskStatuses: ['requested', 'received', 'accepted', 'rejected', 'ready', 'cancelled', 'in-progress', 'on-hold', 'completed'],
  subscriptions: 'poll',
};

/** For each case status, the Task statuses that can carry it, best first. */
export const TASK_STATUS_CROSSWALK: Readonly<Record<Status, readonly TaskStatus[]>> = {
  draft: ['draft'],
  submitted: ['requested'],
  triage: ['received', 'requested'],
  info_requested: ['on-hold'],
  accepted: ['accepted', 'ready'],
  in_review: ['in-progress'],
  opinion_ready: ['completed'],
  declined: ['rejected'],
  withdrawn: ['cancelled'],
};

/**
 * The Task.status for a case status on this server, or `undefined` when the server has none
 * (a draft on a server without `draft`: the case then has no Task until it is sent).
 */
export function taskStatusFor(status: Status, profile: FhirProfile): TaskStatus | undefined {
  return TASK_STATUS_CROSSWALK[status].find((s) => profile.taskStatuses.includes(s));
}

/** The case status a bare Task.status stands for, when a server sets no businessStatus. */
export function statusFromTask(taskStatus: string): Status | undefined {
  const hit = (Object.entries(TASK_STATUS_CROSSWALK) as [Status, readonly TaskStatus[]][]).find(([, ts]) => ts[0] === taskStatus);
  if (hit) return hit[0];
  if (taskStatus === 'ready') return 'accepted';
  return undefined;
}

/** ServiceRequest.status, the placer's view of the case. */
export function requestStatusFor(status: Status): 'draft' | 'active' | 'revoked' | 'completed' {
  if (status === 'draft') return 'draft';
  if (status === 'withdrawn') return 'revoked';
  if (status === 'opinion_ready' || status === 'declined') return 'completed';
  return 'active';
}
