// The state of <so-status-tracker>, apart from its rendering: the live case, the list pager in
// list mode (tracker-list.controller.ts), the withdraw confirmation and the reply and withdraw
// actions (tracker-actions.controller.ts, both loaded on demand), and every event the tracker
// fires. No DOM here (the element lends its port), so it is tested in Node.
import type { ReactiveController } from 'lit';
import { statusText } from '../../core/i18n/statuses.js';
import type { Case, CaseEvent } from '../../core/model/case.js';
import type { Locale } from '../../core/model/codes.js';
import { onDemand } from '../../core/on-demand.js';
import type { WatchConnection } from '../../core/watch/watch-events.js';
import type { SecondOpinionClient } from '../../core/client/client.js';
import type { CaseHost } from '../shared/case-controller.js';
import { LiveCaseController } from '../shared/live-case-controller.js';
import type { ElementPort } from '../shared/port.js';
import { SoActionRequiredEvent, SoStatusChangedEvent } from './status-tracker.events.js';
import type { TrackerActions } from './tracker-actions.controller.js';
import type { TrackerMessages } from './status-tracker.messages.js';
import type { CaseListController } from './tracker-list.controller.js';
import { newActions } from './status-tracker.model.js';

// List mode's pager comes the first time a tracker has no case to follow.
const LIST = onDemand(() => import('./tracker-list.controller.js'));
// The reply and withdraw actions come with their views.
const ACTIONS = onDemand(() => import('./tracker-actions.controller.js'));

/** The element a TrackerController serves. */
export interface TrackerHost extends CaseHost {
  /** Cases per page in list mode. */
  readonly pageSize: number;
  readonly isConnected: boolean;
  /** The tracker's words in its locale. */
  readonly words: TrackerMessages;
  readonly locale: Locale;
  /** The element's public mirror of the watch's connection. */
  connection: WatchConnection;
}

/** Owns what <so-status-tracker> shows and does: the case live or the list, reply, withdraw. */
export class TrackerController implements ReactiveController {
  /** The case named by `case-id`, followed live. */
  readonly cases: LiveCaseController;
  /** List mode's pager (no `case-id`), once there is a client and the pager is in. */
  list?: CaseListController;
  /** List mode's pager could not be loaded (offline, a redeploy). */
  private listFailed = false;
  /** The withdraw confirmation is open. */
  confirming = false;
  private actions?: TrackerActions;
  private listKey?: string;
  private listClient?: SecondOpinionClient;
  private listTicket = 0;

  constructor(private readonly host: TrackerHost, private readonly port: ElementPort) {
    host.addController(this);
    this.cases = new LiveCaseController(host, {
      onCase: (next, previous) => {
        for (const action of newActions(previous?.id === next.id ? previous : undefined, next)) port.emit(new SoActionRequiredEvent(next.id, action));
      },
      onTimeline: (event) => this.timelineEntry(event),
      onConnection: (connection) => (host.connection = connection),
      onReset: () => {
        this.confirming = false;
        host.connection = 'connecting';
      },
    });
  }

  /** Loads the reply and withdraw actions (with their views); what to wait for, or undefined once they are here. */
  needActions(): Promise<void> | undefined {
    if (this.actions) return undefined;
    return ACTIONS.load().then((m) => void (this.actions ??= m.trackerActions(this.host, this.port, this)));
  }

  /** The reply to an information request, `run(text)`, once loaded. */
  get reply(): TrackerActions['reply'] | undefined {
    return this.actions?.reply;
  }

  /** Withdrawing the case once confirmed, `run(reason)`, once loaded. */
  get withdraw(): TrackerActions['withdraw'] | undefined {
    return this.actions?.withdraw;
  }

  /** The case on show, as last seen. */
  get case(): Case | undefined {
    return this.cases.case;
  }

  /** Whether what the tracker shows failed to load. */
  get failed(): boolean {
    return this.host.caseId ? this.cases.phase === 'error' : this.listFailed || this.list?.phase === 'error';
  }

  hostUpdate(): void {
    // List mode follows the client and the page size; a case id, leaving the page or no client stops it.
    const { host } = this;
    const client = host.activeClient;
    const key = !client || !host.isConnected || host.caseId ? undefined : `list:${host.pageSize}`;
    if (key === this.listKey && client === this.listClient) return;
    this.list?.stop();
    this.list = undefined;
    this.listTicket++;
    this.listFailed = false;
    this.listKey = key;
    this.listClient = client;
    if (!client || !key) return;
    const { pageSize } = host;
    const ticket = ++this.listTicket;
    void LIST.load().then(
      ({ CaseListController }) => {
        if (ticket !== this.listTicket) return;
        this.list = new CaseListController(host, this.port, client, pageSize);
        void this.list.load();
      },
      () => {
        if (ticket !== this.listTicket) return;
        this.listFailed = true;
        host.requestUpdate();
      },
    );
  }

  hostDisconnected(): void {
    this.list?.stop();
    this.listTicket++;
    this.listKey = undefined;
  }

  /** Loads the case or the list again (after an error). */
  reload(): void {
    if (this.host.caseId) {
      void this.cases.reload();
      return;
    }
    this.listKey = undefined;
    this.host.requestUpdate();
  }

  /** Opens the withdraw confirmation; focus goes to its heading. */
  async openConfirm(): Promise<void> {
    this.confirming = true;
    this.host.requestUpdate();
    await this.port.focusOn('confirm-heading');
  }

  /** Closes the confirmation, back to the withdraw button. */
  async closeConfirm(): Promise<void> {
    this.confirming = false;
    this.host.requestUpdate();
    await this.port.focusOn('withdraw');
  }

  private timelineEntry(ev: CaseEvent): void {
    const caseId = this.host.caseId;
    if (ev.kind !== 'status_changed' || !caseId) return;
    this.port.announce(this.host.words.statusChanged(statusText(ev.status, this.host.locale).label));
    this.port.emit(new SoStatusChangedEvent({ caseId, status: ev.status, previousStatus: ev.previousStatus, eventId: ev.id }));
  }
}
