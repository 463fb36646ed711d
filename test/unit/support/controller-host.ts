// A small reactive host for testing element controllers in Node: it runs its controllers' update
// hooks the way Lit does (batched, after a microtask) and records what the controllers asked of the
// element's port (announcements, focus, events), so a test can wait on them.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SecondOpinionClient } from '../../../src/index.js';
import { watchClientErrors } from '../../../src/components/shared/client-errors.js';
import type { ElementPort } from '../../../src/components/shared/port.js';

/** A host element in Node: its controllers, its state and its port. */
export class TestHost extends EventTarget implements ReactiveControllerHost {
  activeClient: SecondOpinionClient | undefined;
  caseId?: string;
  isConnected = false;
  /** Every message read out, in order. */
  readonly announced: string[] = [];
  /** Every id focus was moved to, in order. */
  readonly focused: string[] = [];
  /** Updates drawn so far. */
  updates = 0;
  private readonly controllers: ReactiveController[] = [];
  private pending?: Promise<boolean>;

  /** The port the element lends its controllers; events are dispatched on this host. */
  readonly port: ElementPort = {
    announce: (message) => {
      this.announced.push(message);
      this.dispatchEvent(new Event('announce'));
    },
    focusOn: async (id) => {
      await this.updateComplete;
      this.focused.push(id);
      this.dispatchEvent(new Event('focus'));
    },
    emit: (event) => this.dispatchEvent(event),
  };

  constructor(client: SecondOpinionClient | undefined) {
    super();
    this.activeClient = client;
    // As every element does, so the controllers' claims reach the client's error events.
    if (client) watchClientErrors(client);
  }

  addController(c: ReactiveController): void {
    this.controllers.push(c);
    if (this.isConnected) c.hostConnected?.();
  }

  removeController(c: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(c), 1);
  }

  requestUpdate(): void {
    this.pending ??= Promise.resolve().then(() => {
      this.pending = undefined;
      for (const c of this.controllers) c.hostUpdate?.();
      this.updates++;
      for (const c of this.controllers) c.hostUpdated?.();
      this.dispatchEvent(new Event('updated'));
      return true;
    });
  }

  get updateComplete(): Promise<boolean> {
    return this.pending ?? Promise.resolve(true);
  }

  connect(): void {
    this.isConnected = true;
    for (const c of this.controllers) c.hostConnected?.();
    this.requestUpdate();
  }

  disconnect(): void {
    this.isConnected = false;
    for (const c of this.controllers) c.hostDisconnected?.();
  }

  /** Resolves once `check` holds, re-checked after each update (no timers). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => {
      const fn = () => {
        if (!check()) return;
        this.removeEventListener('updated', fn);
        resolve();
      };
      this.addEventListener('updated', fn);
    });
  }
}
