// The state of <so-case-review>, apart from its rendering: the case followed live, whether the token
// is staff at all, the moves the element's roles may make (each a CaseAction: a field checked first,
// the refusal put in words, a case that moved on reloaded), the open move form, and a record's inline
// preview. No DOM here (the element lends its port and its way to save a file), so it is tested in Node.
import type { ReactiveController } from 'lit';
import type { SecondOpinionClient } from '../../core/client/client.js';
import type { Case, CaseRecord, Specialist } from '../../core/model/case.js';
import type { RecordKind } from '../../core/model/codes.js';
import type { WatchConnection } from '../../core/watch/watch-events.js';
import { CaseAction } from '../shared/case-action.js';
import type { CaseHost } from '../shared/case-controller.js';
import { claimClientError } from '../shared/client-errors.js';
import { StaffAccess, type StaffAccessState } from '../shared/staff-access.js';
import { LiveCaseController } from '../shared/live-case-controller.js';
import type { ElementPort } from '../shared/port.js';
import { SoCaseMovedEvent } from './case-review.events.js';
import type { ReviewMessages } from './case-review.messages.js';
import { movesFor, previewKind, refusal, type StaffMove, type StaffRole } from './case-review.model.js';

/** The element a CaseReviewController serves. */
export interface ReviewHost extends CaseHost {
  readonly words: ReviewMessages;
  /** The staff roles the token carries: only their moves are offered. */
  readonly staffRoles: readonly StaffRole[];
  /** The element's public mirror of the watch's connection. */
  connection: WatchConnection;
  /** Saves a record's content as a download. */
  save(blob: Blob, fileName: string): void;
}

/** A record on show inline: a Blob URL of its verified bytes, typed as the server sniffed them. */
export interface RecordPreview {
  recordId: string;
  title: string;
  kind: 'pdf' | 'image';
  /** The Blob URL, once the bytes are in. */
  url?: string;
  failed?: boolean;
}


type Moves = {
  triage: CaseAction<[], Case>;
  start_review: CaseAction<[], Case>;
  request_info: CaseAction<[message: string, kinds: RecordKind[]], Case>;
  accept: CaseAction<[specialist: Specialist], Case>;
  decline: CaseAction<[reason: string], Case>;
};

/** Owns what <so-case-review> shows and does. */
export class CaseReviewController implements ReactiveController {
  /** The case named by `case-id`, followed live. */
  readonly cases: LiveCaseController;
  readonly moves: Moves;
  private readonly staffAccess: StaffAccess;
  /** The move whose form is open. */
  openMove?: StaffMove;
  /** The move last run (its refusal is shown once its form has closed). */
  lastMove?: StaffMove;
  /** The record previewed inline. */
  preview?: RecordPreview;
  /** Why the last download failed, in words. */
  downloadError?: string;
  /** Why the last move was refused. */
  private refusalKind: ReturnType<typeof refusal> = 'failed';

  constructor(private readonly host: ReviewHost, private readonly port: ElementPort) {
    host.addController(this);
    this.staffAccess = new StaffAccess(host);
    this.cases = new LiveCaseController(host, {
      onConnection: (connection) => (host.connection = connection),
      onReset: () => {
        this.openMove = this.lastMove = undefined;
        this.closePreviewQuietly();
        host.connection = 'connecting';
      },
    });
    const move = <A extends unknown[]>(name: StaffMove, task: (client: SecondOpinionClient, c: Case, ...args: A) => Promise<Case>, check?: (...args: A) => { message: string; field: string } | undefined) =>
      new CaseAction<A, Case>(host, port, {
        ready: () => Boolean(this.case && host.activeClient && this.access === 'staff'),
        ...(check ? { check } : {}),
        task: async (...args) => {
          this.lastMove = name;
          this.refusalKind = 'failed';
          try {
            return await task(host.activeClient!, this.case!, ...args);
          } catch (e) {
            this.refusalKind = refusal(e);
            if (this.refusalKind === 'moved_on') {
              // The case changed under us: its form closes, the case is read again, the refusal said.
              this.openMove = undefined;
              void this.cases.reload();
            }
            throw e;
          }
        },
        failed: () => {
          // After the redraw that shows it: focus on the refusal.
          queueMicrotask(() => void port.focusOn('move-error'));
          return this.refusalWords;
        },
        complete: (next) => {
          this.openMove = undefined;
          port.emit(new SoCaseMovedEvent(next.id, name, next.status));
          return { announce: host.words.done[name], focus: 'heading' };
        },
      });
    const m = () => host.words;
    this.moves = {
      triage: move('triage', (client, c) => client.staff.triage(c.id)),
      start_review: move('start_review', (client, c) => client.staff.startReview(c.id)),
      request_info: move('request_info', (client, c, message: string, kinds: RecordKind[]) => client.staff.requestInformation(c.id, { message, recordKinds: kinds }),
        (message) => (message ? undefined : { message: m().requestInfoRequired, field: 'info-message' })),
      accept: move('accept', (client, c, specialist: Specialist) => client.staff.accept(c.id, { specialist }),
        (s) => (!s.name ? { message: m().acceptRequired, field: 'specialist-name' } : !s.specialty ? { message: m().acceptRequired, field: 'specialist-specialty' } : undefined)),
      decline: move('decline', (client, c, reason: string) => client.staff.decline(c.id, { reason }),
        (reason) => (reason ? undefined : { message: m().declineRequired, field: 'decline-reason' })),
    };
  }

  private get refusalWords(): string {
    const m = this.host.words;
    return this.refusalKind === 'moved_on' ? m.movedOn : this.refusalKind === 'forbidden' ? m.moveForbidden : m.moveFailed;
  }

  /** Whether the token is staff (per client): a patient's gets "this page is for staff". */
  get access(): StaffAccessState {
    return this.staffAccess.state;
  }

  /** The case on show, as last seen. */
  get case(): Case | undefined {
    return this.cases.case;
  }

  /** The moves the roles may make now; none while a patient's token or no case. */
  get offered(): StaffMove[] {
    const c = this.case;
    return c && this.access === 'staff' ? movesFor(c.status, this.host.staffRoles) : [];
  }

  /** The move on its way, if any (every move's buttons wait). */
  get pending(): boolean {
    return Object.values(this.moves).some((a) => a.pending);
  }

  hostUpdate(): void {
    this.staffAccess.follow();
  }

  hostDisconnected(): void {
    this.closePreviewQuietly();
  }

  /** Runs a move (the form's values for those with one). */
  run<K extends StaffMove>(name: K, ...args: Parameters<Moves[K]['run']>): Promise<void> {
    return (this.moves[name] as unknown as CaseAction<unknown[], Case>).run(...(args as unknown[]));
  }

  /** Opens a move's form; focus goes to its heading. */
  async open(move: StaffMove): Promise<void> {
    this.openMove = move;
    this.host.requestUpdate();
    await this.port.focusOn('move-heading');
  }

  /** Closes the form, back to its button. */
  async cancel(): Promise<void> {
    const move = this.openMove;
    this.openMove = undefined;
    this.host.requestUpdate();
    if (move) await this.port.focusOn(`move-${move}`);
  }

  /** Loads a verified PDF or image and shows it inline; focus goes to the preview's heading. */
  async showPreview(record: CaseRecord): Promise<void> {
    const kind = previewKind(record);
    const c = this.case;
    const client = this.host.activeClient;
    if (!kind || !c || !client) return;
    this.closePreviewQuietly();
    const preview: RecordPreview = { recordId: record.id, title: record.title, kind };
    this.preview = preview;
    this.host.requestUpdate();
    try {
      const blob = await client.records.content(c.id, record.id);
      if (this.preview !== preview) return;
      // Typed as the server sniffed it, never as the answer said: only a PDF or an image is ever shown.
      preview.url = URL.createObjectURL(new Blob([blob], { type: record.mediaType }));
    } catch (e) {
      claimClientError(e);
      if (this.preview !== preview) return;
      preview.failed = true;
    }
    this.host.requestUpdate();
    await this.port.focusOn('preview-heading');
  }

  /** Closes the preview; focus goes back to the record's preview button. */
  async closePreview(index: number): Promise<void> {
    this.closePreviewQuietly();
    this.host.requestUpdate();
    await this.port.focusOn(`preview-${index}`);
  }

  private closePreviewQuietly(): void {
    if (this.preview?.url) URL.revokeObjectURL(this.preview.url);
    this.preview = undefined;
  }

  /** Downloads a record's verified bytes. */
  async download(record: CaseRecord): Promise<void> {
    const c = this.case;
    const client = this.host.activeClient;
    if (!c || !client) return;
    this.downloadError = undefined;
    try {
      const blob = await client.records.content(c.id, record.id);
      this.host.save(blob, record.title);
    } catch (e) {
      claimClientError(e);
      this.downloadError = this.host.words.downloadFailed;
    }
    this.host.requestUpdate();
  }
}
