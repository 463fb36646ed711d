// The patient's two actions on a case in <so-status-tracker>: the reply to an information request
// and withdrawing once confirmed, each a CaseAction. Loaded on demand with their views, the first
// time a case waits on the patient or the patient asks to withdraw, so a tracker that only
// follows a case never downloads them.
import type { ReactiveControllerHost } from 'lit';
import type { SecondOpinionClient } from '../../core/client/client.js';
import type { Case } from '../../core/model/case.js';
import { CaseAction } from '../shared/case-action.js';
import type { ElementPort } from '../shared/port.js';
import { SoBeforeWithdrawEvent } from './status-tracker.events.js';
import type { TrackerMessages } from './status-tracker.messages.js';
import { recordsForReply } from './status-tracker.model.js';

/** The element the actions redraw and speak for. */
export interface ActionsHost extends ReactiveControllerHost {
  readonly activeClient: SecondOpinionClient | undefined;
  readonly words: TrackerMessages;
}

/** What the actions read and change of the tracker's state. */
export interface TrackerState {
  readonly case: Case | undefined;
  confirming: boolean;
}

/** The tracker's actions: `reply.run(text)` and `withdraw.run(reason)`. */
export interface TrackerActions {
  readonly reply: CaseAction<[text: string], Case>;
  readonly withdraw: CaseAction<[reason: string | undefined], Case>;
}

/** Builds the reply and withdraw actions over a tracker. */
export function trackerActions(host: ActionsHost, port: ElementPort, tracker: TrackerState): TrackerActions {
  const ready = () => Boolean(tracker.case && host.activeClient);
  const failed = () => host.words.actionFailed;
  return {
    reply: new CaseAction(host, port, {
      ready,
      check: (text) => (text ? undefined : { message: host.words.replyRequired, field: 'reply' }),
      task: (text) => {
        const c = tracker.case!;
        const recordIds = [...new Set(c.actionsRequired.flatMap((a) => recordsForReply(c, a)))];
        return host.activeClient!.cases.reply(c.id, { text, ...(recordIds.length ? { recordIds } : {}) });
      },
      failed,
      complete: () => ({ announce: host.words.replySent, focus: 'heading' }),
    }),
    withdraw: new CaseAction(host, port, {
      ready,
      allow: (reason) => port.emit(new SoBeforeWithdrawEvent(tracker.case!.id, reason)),
      task: (reason) => host.activeClient!.cases.withdraw(tracker.case!.id, reason ? { reason } : {}),
      failed,
      complete: () => {
        tracker.confirming = false;
        return { announce: host.words.withdrawn, focus: 'heading' };
      },
    }),
  };
}
