// One case, as an element shows it: loaded by its host's `case-id` through the active client, kept
// current by the client's `case-updated` events, its errors claimed (the host shows them, so
// <so-provider> does not report them again) and retried. LiveCaseController follows it live.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SecondOpinionClient } from '../../core/client/client.js';
import type { CaseUpdatedEvent } from '../../core/client/events.js';
import type { Case } from '../../core/model/case.js';
import { claimClientError } from './client-errors.js';

/** Where loading the case stands: `error` once it failed and nothing is on show (or the failure is final). */
export type CasePhase = 'idle' | 'loading' | 'error';

/** The element a `CaseController` serves: its client and the case it names. */
export interface CaseHost extends ReactiveControllerHost {
  readonly activeClient: SecondOpinionClient | undefined;
  readonly caseId?: string | undefined;
}

/** What the host wants besides the case itself. */
export interface CaseControllerOptions {
  /** A newer case arrived; `previous` is the one shown before (undefined for the first). */
  onCase?: (next: Case, previous: Case | undefined) => void;
  /** The host names another case (or client): whatever it showed of the old one goes. */
  onReset?: () => void;
}

/** Loads, follows and retries the case named by its host's `case-id`. */
export class CaseController implements ReactiveController {
  /** The case as last seen (undefined until loaded, and after the host names another). */
  case?: Case;
  /** Where loading stands. */
  phase: CasePhase = 'idle';

  protected readonly host: CaseHost;
  private readonly options: CaseControllerOptions;
  private client?: SecondOpinionClient;
  private caseId?: string;
  private connected = false;
  private attached = false;
  /** A read is due (another case named, or a retry) and waits for the host to be in the document. */
  private stale = false;
  private ticket = 0;

  private readonly onCaseUpdated = (e: CaseUpdatedEvent) => {
    if (e.case.id === this.caseId) this.accept(e.case);
  };

  constructor(host: CaseHost, options: CaseControllerOptions = {}) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    // The next update (re)attaches to the active client.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach();
  }

  hostUpdate(): void {
    void this.sync();
  }

  /** Reads the case again (live: reconnects the watch); settles once the read is done (live: at once). */
  reload(): Promise<void> {
    const read = this.sync();
    if (read) return read;
    this.detach();
    this.stale = true;
    this.host.requestUpdate();
    return this.attach();
  }

  // Follows the host's client and case id; returns the read it started when they changed.
  private sync(): Promise<void> | undefined {
    const client = this.host.activeClient;
    const caseId = client ? this.host.caseId || undefined : undefined;
    if (client !== this.client || caseId !== this.caseId) {
      this.detach();
      this.client = client;
      this.caseId = caseId;
      this.case = undefined;
      this.phase = 'idle';
      this.ticket++;
      this.stale = true;
      this.options.onReset?.();
      return this.attach();
    }
    // Back in the document: follow again; a live watch restarts (it stopped on the way out).
    if (!this.attached) void this.attach();
    return undefined;
  }

  private attach(): Promise<void> {
    const { client, caseId } = this;
    // A detached element neither reads nor follows: it attaches when it comes back.
    if (!client || !caseId || !this.connected) return Promise.resolve();
    this.attached = true;
    client.addEventListener('case-updated', this.onCaseUpdated);
    const stale = this.stale;
    this.stale = false;
    return this.follow(client, caseId, stale);
  }

  private detach(): void {
    this.attached = false;
    this.client?.removeEventListener('case-updated', this.onCaseUpdated);
    this.unfollow();
  }

  /** Starts following beyond the client's updates: here one read when `read` (another case, or a retry). */
  protected follow(client: SecondOpinionClient, caseId: string, read: boolean): Promise<void> {
    return read ? this.load(client, caseId) : Promise.resolve();
  }

  /** Stops what `follow` started. */
  protected unfollow(): void {}

  /** Takes a case that is newer than the one on show. */
  protected accept(next: Case): void {
    const previous = this.case;
    if (previous && next.version <= previous.version) return;
    this.case = next;
    this.options.onCase?.(next, previous);
    this.host.requestUpdate();
  }

  /** Sets the phase and re-renders the host. */
  protected setPhase(phase: CasePhase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }

  private async load(client: SecondOpinionClient, caseId: string): Promise<void> {
    const ticket = ++this.ticket;
    this.setPhase('loading');
    try {
      const value = await client.cases.get(caseId);
      if (ticket !== this.ticket) return;
      this.phase = 'idle';
      this.accept(value);
      this.host.requestUpdate();
    } catch (e) {
      claimClientError(e);
      if (ticket === this.ticket) this.setPhase('error');
    }
  }
}
