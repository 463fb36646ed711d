// List mode of <so-status-tracker> (no `case-id`): cursor paging over the caller's cases and the
// page on show. Loaded on demand by TrackerController, the first time a tracker has no case to follow.
import type { ReactiveControllerHost } from 'lit';
import type { SecondOpinionClient } from '../../core/client/client.js';
import { PagedCaseList } from '../shared/list-pager.js';
import type { ElementPort } from '../shared/port.js';

export type { CaseListState } from '../shared/list-pager.js';

/** List mode: the caller's cases a page at a time. */
export class CaseListController extends PagedCaseList {
  constructor(host: ReactiveControllerHost, port: ElementPort, client: SecondOpinionClient, pageSize: number) {
    super(host, port, (query, options) => client.cases.list(query, options), pageSize);
  }
}
