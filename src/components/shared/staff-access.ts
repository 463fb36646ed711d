// Whether the element's token is staff at all, asked once per client: one small read of the staff
// list, which a patient's token is refused (403). The staff elements show "this page is for staff"
// for a patient, and offer nothing.
import type { ReactiveControllerHost } from 'lit';
import type { SecondOpinionClient } from '../../core/client/client.js';
import { isSecondOpinionError } from '../../core/errors.js';
import { claimClientError } from './client-errors.js';

/** What the token may do: still asking, staff, or a patient. */
export type StaffAccessState = 'checking' | 'staff' | 'patient';

/** Follows the host's client and says whether it acts for staff. */
export class StaffAccess {
  state: StaffAccessState = 'checking';
  private client?: SecondOpinionClient;
  private ticket = 0;

  constructor(private readonly host: ReactiveControllerHost & { readonly activeClient: SecondOpinionClient | undefined }) {}

  /** Asks again when the host's client changed (call it from the controller's hostUpdate). */
  follow(): void {
    const client = this.host.activeClient;
    if (client === this.client) return;
    this.client = client;
    const ticket = ++this.ticket;
    this.state = 'checking';
    if (!client) return;
    const settle = (state: StaffAccessState) => {
      if (ticket !== this.ticket) return;
      this.state = state;
      this.host.requestUpdate();
    };
    client.staff.list({ limit: 1 }).then(
      () => settle('staff'),
      (e: unknown) => {
        claimClientError(e);
        // Anything but a refusal (offline, a backend without the list) is not a reason to say "patient".
        settle(isSecondOpinionError(e) && e.code === 'forbidden' ? 'patient' : 'staff');
      },
    );
  }
}
