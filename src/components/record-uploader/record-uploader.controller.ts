// The state of <so-record-uploader> once files are added, apart from its rendering: one row per
// record (kind, title, its upload), the UploadManager's wiring, the batch's announcements, the
// verified ids behind the form value, and every event the uploader fires. Loaded on demand with
// the upload engine, when the first file is added; no DOM here (the element lends its port).
import type { SecondOpinionClient } from '../../core/client/client.js';
import type { UploadState } from '../../core/client/engines.js';
import type { SecondOpinionError } from '../../core/errors.js';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import type { Case, CaseRecord } from '../../core/model/case.js';
import type { Locale, MediaType, RecordKind } from '../../core/model/codes.js';
import type { BeforeUploadEvent, UploadErrorEvent, UploadProgressEvent, UploadStateEvent } from '../../core/uploads/events.js';
import type { ManagedUpload } from '../../core/uploads/record-upload.js';
import type { UploadManager } from '../../core/uploads/upload-manager.js';
import { claimClientError } from '../shared/client-errors.js';
import { formatFileSize, formatNumber } from '../shared/i18n/format.js';
import type { ElementPort } from '../shared/port.js';
import type { DroppedFile } from './folder-entries.js';
import { guessKind } from './kind-guess.js';
import { SoBeforeUploadEvent, SoRecordUploadedEvent, SoUploadErrorEvent, SoUploadProgressEvent } from './record-uploader.events.js';
import type { UploaderMessages } from './record-uploader.messages.js';

/** A row's state: the engine's, or `ready` before it is sent. */
export type RowState = UploadState | 'ready';

/** One record in the list. */
export interface Row {
  key: number;
  /** Kept in memory only; its name is read once, for the kind guess, and never shown or sent. */
  file: File;
  kind: RecordKind;
  title: string;
  titleEdited: boolean;
  upload?: ManagedUpload;
}

/** The element's settings and words as they are now. */
export interface UploaderSettings {
  readonly activeClient: SecondOpinionClient | undefined;
  readonly caseId: string | undefined;
  /** Accepted media types, comma- or space-separated. */
  readonly accept: string | undefined;
  readonly maxSize: number | undefined;
  readonly locale: Locale;
  /** The uploader's words, with its `.i18n` override. */
  readonly words: UploaderMessages;
  /** The case as last read, for the next title's number. */
  readonly case: Case | undefined;
}

/** What the controller asks of its element. */
export interface UploaderHost {
  requestUpdate(): void;
  /** Read at each use, so a changed attribute or language counts at once. */
  settings(): UploaderSettings;
  /** The verified ids changed: the form value follows. */
  valueChanged(): void;
}

/** The states in which a record is on its way. */
export const ACTIVE: readonly RowState[] = ['queued', 'hashing', 'uploading', 'verifying'];
const ANNOUNCE_EVERY_MS = 30_000;
// Announcing each file of a big folder would drown the person; past this, only the batch is read.
const PER_FILE_ANNOUNCE_MAX = 5;

/** Owns the uploader's records and the upload engine behind them. */
export class UploaderController {
  /** The records in the list, in the order added. */
  rows: Row[] = [];
  /** The verified record ids, in the order they were verified (the form value). */
  value: readonly string[] = [];
  /** The kinds of the verified records (the checklist ticks them). */
  verifiedKinds: readonly RecordKind[] = [];
  private readonly byUpload = new Map<string, Row>();
  private nextKey = 1;
  private titleCounts = new Map<RecordKind, number>();
  private batch = { size: 0, quarter: 0, announcedAt: 0 };

  constructor(private readonly host: UploaderHost, private readonly port: ElementPort, readonly manager: UploadManager) {
    manager.addEventListener('state', (e: UploadStateEvent) => this.onState(e));
    manager.addEventListener('progress', (e: UploadProgressEvent) => this.onProgress(e));
    manager.addEventListener('error', (e: UploadErrorEvent) => this.onError(e));
    manager.addEventListener('record', (e) => this.verified(e.upload.id, e.record));
    manager.addEventListener('before-upload', (e: BeforeUploadEvent) => this.onBeforeUpload(e));
  }

  /** Adds files as rows ready to send, each with a guessed kind and a neutral numbered title. */
  add(files: readonly DroppedFile[], stillNeeded: readonly RecordKind[]): void {
    for (const { file, fromFolder } of files) {
      const kind = guessKind(file, { fromFolder, stillNeeded });
      this.rows.push({ key: this.nextKey++, file, kind, title: this.nextTitle(kind), titleEdited: false });
    }
    this.host.requestUpdate();
  }

  // "Imaging 3": the kind's label and the next number for that kind on this case.
  private nextTitle(kind: RecordKind): string {
    const onCase = this.host.settings().case?.records.filter((r) => r.kind === kind && r.source === 'patient').length ?? 0;
    const n = Math.max(this.titleCounts.get(kind) ?? 0, onCase) + 1;
    this.titleCounts.set(kind, n);
    const { words, locale } = this.host.settings();
    return words.defaultTitle(recordKindText(kind, locale).label, n);
  }

  /** The person renamed a row not yet sent. */
  setTitle(row: Row, title: string): void {
    row.title = title;
    row.titleEdited = true;
  }

  /** The person chose another kind for a row not yet sent; a title they did not write follows it. */
  setKind(row: Row, kind: RecordKind): void {
    row.kind = kind;
    if (!row.titleEdited) row.title = this.nextTitle(kind);
    this.host.requestUpdate();
  }

  /** Sends every row that is ready. */
  send(): void {
    const { host } = this;
    const settings = host.settings();
    const { activeClient: client, caseId } = settings;
    const ready = this.rows.filter((r) => !r.upload);
    if (!client || !caseId || !ready.length) return;
    const accept = settings.accept ? (settings.accept.split(/[\s,]+/).filter(Boolean) as MediaType[]) : undefined;
    if (!this.rows.some((r) => r.upload && ACTIVE.includes(r.upload.state))) this.batch = { size: 0, quarter: 0, announcedAt: performance.now() };
    this.batch.size += ready.length;
    for (const row of ready) {
      const upload = this.manager.add(client, caseId, row.file, {
        kind: row.kind, title: row.title.trim() || this.nextTitle(row.kind),
        ...(settings.maxSize ? { maxSize: settings.maxSize } : {}), ...(accept ? { accept } : {}),
      });
      row.upload = upload;
      this.byUpload.set(upload.id, row);
    }
    host.requestUpdate();
  }

  /** Removes the rows not yet sent and cancels every unfinished record. */
  async cancelAll(): Promise<void> {
    this.rows = this.rows.filter((r) => r.upload);
    this.host.requestUpdate();
    await this.manager.cancelAll();
  }

  /** Form reset: every row goes, unfinished records are cancelled, nothing is verified any more. */
  reset(): void {
    void this.manager.cancelAll();
    this.rows = [];
    this.byUpload.clear();
    this.titleCounts.clear();
    this.value = [];
    this.verifiedKinds = [];
  }

  /** Takes a row out of the list. */
  remove(row: Row): void {
    this.rows = this.rows.filter((r) => r !== row);
    if (row.upload) this.byUpload.delete(row.upload.id);
    this.host.requestUpdate();
  }

  /** Why a record was rejected, in words. */
  reasonText(row: Row): string {
    const { words: t, maxSize, locale } = this.host.settings();
    const reason = row.upload?.rejectionReason;
    if (reason === 'file_empty') return t.reasonEmpty;
    if (reason === 'file_too_large') {
      const max = row.upload?.error?.issues[0]?.params?.['maximum'];
      return t.reasonTooLarge(formatFileSize(typeof max === 'number' ? max : (maxSize ?? row.file.size), locale));
    }
    if (reason === 'type_not_allowed') return t.reasonType;
    if (reason === 'hash_mismatch') return t.reasonHashMismatch;
    return t.reasonOther;
  }

  /** Why a record failed, in words. */
  failureText(error: SecondOpinionError | undefined): string {
    const t = this.host.settings().words;
    if (error?.code === 'network' || error?.code === 'timeout') return t.failedNetwork;
    if (error?.code === 'integrity') return t.failedIntegrity;
    if (error?.code === 'auth') return t.failedAuth;
    return t.failedOther;
  }

  private verified(uploadId: string, record: CaseRecord): void {
    this.value = [...this.value, record.id];
    this.verifiedKinds = [...this.verifiedKinds, record.kind];
    this.host.requestUpdate();
    this.host.valueChanged();
    this.port.emit(new SoRecordUploadedEvent(uploadId, record));
  }

  private onState(e: UploadStateEvent): void {
    const row = this.byUpload.get(e.upload.id);
    if (!row) return;
    this.host.requestUpdate();
    const t = this.host.settings().words;
    const say = (message: string) => this.port.announce(message);
    const few = this.batch.size <= PER_FILE_ANNOUNCE_MAX;
    if (e.state === 'verified' && few) say(t.announceVerified(row.title));
    if (e.state === 'rejected' && few) say(t.announceRejected(row.title, this.reasonText(row)));
    if (e.state === 'failed' && few) say(t.announceFailed(row.title));
    if (!few && !this.rows.some((r) => r.upload && ACTIVE.includes(r.upload.state))) {
      const sent = this.rows.filter((r) => r.upload && r.upload.state !== 'cancelled');
      say(t.summary(sent.filter((r) => r.upload?.state === 'verified').length, sent.length));
    }
  }

  private onProgress(e: UploadProgressEvent): void {
    if (!this.byUpload.has(e.upload.id)) return;
    this.port.emit(new SoUploadProgressEvent(e.upload.id, e.progress));
    this.host.requestUpdate();
    this.announceBatchProgress();
  }

  // Politely, at each quarter of the batch, and every 30 s in between on slow connections.
  private announceBatchProgress(): void {
    let sent = 0;
    let total = 0;
    for (const r of this.rows) {
      if (!r.upload || r.upload.state === 'cancelled' || r.upload.state === 'rejected') continue;
      sent += r.upload.progress.bytesSent;
      total += r.upload.progress.bytesTotal;
    }
    if (!total) return;
    const fraction = sent / total;
    const quarter = Math.floor(fraction * 4);
    const now = performance.now();
    if ((quarter > this.batch.quarter && quarter < 4) || now - this.batch.announcedAt >= ANNOUNCE_EVERY_MS) {
      this.batch.quarter = Math.max(quarter, this.batch.quarter);
      this.batch.announcedAt = now;
      const { words, locale } = this.host.settings();
      this.port.announce(words.announceProgress(formatNumber(Math.floor(fraction * 100) / 100, locale, { style: 'percent' })));
    }
  }

  private onError(e: UploadErrorEvent): void {
    // Shown here, so the provider does not report it again.
    claimClientError(e.error);
    this.host.requestUpdate();
    this.port.emit(new SoUploadErrorEvent(e.upload.id, e.error, e.willRetry, e.upload.state));
  }

  private onBeforeUpload(e: BeforeUploadEvent): void {
    const row = this.byUpload.get(e.upload.id);
    if (!row) return;
    const ok = this.port.emit(new SoBeforeUploadEvent({ uploadId: e.upload.id, kind: row.kind, title: row.title, mediaType: e.mediaType, size: e.file.size }));
    if (!ok) e.preventDefault();
  }
}
