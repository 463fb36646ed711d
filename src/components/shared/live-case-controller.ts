// The case controller for an element that follows its case live (the tracker): a watch through
// `client.cases.watch()` in place of one read, with its timeline entries and connection handed on.
import type { SecondOpinionClient } from '../../core/client/client.js';
import type { CaseWatch } from '../../core/client/engines.js';
import type { CaseEvent } from '../../core/model/case.js';
import type { WatchCaseEvent, WatchConnection, WatchConnectionEvent, WatchErrorEvent, WatchTimelineEvent } from '../../core/watch/watch-events.js';
import { CaseController, type CaseControllerOptions, type CaseHost } from './case-controller.js';
import { claimClientError } from './client-errors.js';

/** What a live host wants besides the case. */
export interface LiveCaseControllerOptions extends CaseControllerOptions {
  /** A new timeline entry. */
  onTimeline?: (event: CaseEvent) => void;
  /** The connection changed. */
  onConnection?: (connection: WatchConnection) => void;
}

/** Loads and follows the host's case live; a retry reconnects the watch. */
export class LiveCaseController extends CaseController {
  private readonly live: LiveCaseControllerOptions;
  private watch?: CaseWatch;

  constructor(host: CaseHost, options: LiveCaseControllerOptions = {}) {
    super(host, options);
    this.live = options;
  }

  protected override follow(client: SecondOpinionClient, caseId: string): Promise<void> {
    this.setPhase('loading');
    const watch = client.cases.watch(caseId);
    this.watch = watch;
    // A closed watch may still be speaking as it goes: only the current one counts.
    const mine = () => this.watch === watch;
    watch.addEventListener('case', (e) => {
      if (!mine()) return;
      this.phase = 'idle';
      this.accept((e as WatchCaseEvent).case);
      this.host.requestUpdate();
    });
    watch.addEventListener('event', (e) => mine() && this.live.onTimeline?.((e as WatchTimelineEvent).event));
    watch.addEventListener('connection', (e) => mine() && this.live.onConnection?.((e as WatchConnectionEvent).connection));
    watch.addEventListener('error', (e) => {
      const { error, final } = e as WatchErrorEvent;
      // This element shows the problem, so the provider does not report it again.
      claimClientError(error);
      if (mine() && (!this.case || final)) this.setPhase('error');
    });
    return Promise.resolve();
  }

  protected override unfollow(): void {
    this.watch?.close();
    this.watch = undefined;
  }
}
