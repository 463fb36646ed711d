// One user action on a case (reply, withdraw, share, a follow-up question, a report download), run
// on intent, after @lit/task: busy while it runs, a field checked before anything is sent, the
// client's error claimed and put in words, then an announcement and focus moved where the person
// reads on. Every element's actions go through it, so none writes that sequence again.
import type { ReactiveControllerHost } from 'lit';
import { claimClientError } from './client-errors.js';
import type { ElementPort } from './port.js';

/** Where an action stands: never run, on its way, done, or failed. */
export type CaseActionStatus = 'initial' | 'pending' | 'complete' | 'error';

/** What is wrong with the intent before it is sent: words shown by the field, and the field focus goes to. */
export interface CaseActionInvalid {
  message: string;
  /** The id of the field to focus. */
  field?: string;
}

/** What follows a success: words read out, and the id of the element focus moves to once drawn. */
export interface CaseActionDone {
  announce?: string;
  focus?: string;
}

/** How one action runs. `A` are the intent's arguments, `R` what the client answers. */
export interface CaseActionOptions<A extends unknown[], R> {
  /** Whether the action may run now (a client and a case, nothing else under way); otherwise the intent is dropped. */
  ready: () => boolean;
  /** Checks the intent before anything is sent. */
  check?: (...args: A) => CaseActionInvalid | undefined;
  /** Asks the host's listeners (a cancelable "before" event); false keeps everything as it is. */
  allow?: (...args: A) => boolean;
  /** The call to the client. */
  task: (...args: A) => Promise<R>;
  /** The words for a failure (the client's error is claimed: this element shows it). */
  failed: () => string;
  /** Runs after a success, before the host redraws; says what to announce and where focus goes. */
  complete?: (value: R) => CaseActionDone | void | Promise<CaseActionDone | void>;
}

/** One action on a case over its element (redrawn through `requestUpdate`): status, the words of its problem, run on intent. */
export class CaseAction<A extends unknown[] = [], R = unknown> {
  /** Where the action stands. */
  status: CaseActionStatus = 'initial';
  /** What is wrong with the field, shown beside it (cleared on the next run). */
  invalid?: string;
  /** Why the last run failed, in words (cleared on the next run). */
  error?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly port: ElementPort,
    private readonly options: CaseActionOptions<A, R>,
  ) {}

  /** Whether a run is on its way (its controls are disabled). */
  get pending(): boolean {
    return this.status === 'pending';
  }

  /** The field's problem, else the failure: for a form that shows one message. */
  get problem(): string | undefined {
    return this.invalid ?? this.error;
  }

  /** Runs the action for one intent; settles once it is done (or dropped), never rejects. */
  async run(...args: A): Promise<void> {
    const { host, port, options } = this;
    if (this.pending || !options.ready()) return;
    const invalid = options.check?.(...args);
    if (invalid) {
      this.error = undefined;
      this.invalid = invalid.message;
      host.requestUpdate();
      if (invalid.field) await port.focusOn(invalid.field);
      return;
    }
    if (options.allow && !options.allow(...args)) return;
    this.invalid = this.error = undefined;
    this.status = 'pending';
    host.requestUpdate();
    try {
      const value = await options.task(...args);
      const done = await options.complete?.(value);
      this.status = 'complete';
      if (done?.announce) port.announce(done.announce);
      host.requestUpdate();
      if (done?.focus) await port.focusOn(done.focus);
    } catch (e) {
      claimClientError(e);
      this.error = options.failed();
      this.status = 'error';
    } finally {
      host.requestUpdate();
    }
  }
}
