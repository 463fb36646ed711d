// <so-record-uploader>: choose, drop or photograph records, name them, and send them resumably
// and verified through the headless UploadManager. The element renders state and forwards intent.
import { html, noChange, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Directive, directive, type ElementPart } from 'lit/directive.js';
import type { UploadState } from '../../core/client/engines.js';
import type { SecondOpinionError } from '../../core/errors.js';
import { RECORD_KINDS, type Locale, type MediaType, type RecordKind } from '../../core/model/codes.js';
import type { BeforeUploadEvent, UploadErrorEvent, UploadProgressEvent, UploadRecordEvent, UploadStateEvent } from '../../core/uploads/events.js';
import type { ManagedUpload } from '../../core/uploads/record-upload.js';
import type { UploadManager } from '../../core/uploads/upload-manager.js';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import { announce } from '../shared/announce.js';
import { SoElement } from '../shared/base-element.js';
import { CaseController } from '../shared/case-controller.js';
import { claimClientError } from '../shared/client-errors.js';
import { formatFileSize, formatNumber } from '../shared/i18n/format.js';
import type { MessagesOverride } from '../shared/i18n/messages.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { recordsChecklist, type ChecklistLine } from './checklist.js';
import { droppedFiles, type DroppedFile } from './folder-entries.js';
import { guessKind } from './kind-guess.js';
import { UPLOADER_WORDS, type UploaderMessages } from './record-uploader.messages.js';
import { SoBeforeUploadEvent, SoRecordUploadedEvent, SoUploadErrorEvent, SoUploadProgressEvent } from './record-uploader.events.js';
import { recordUploaderStyles } from './record-uploader.styles.js';
import { windowSlice } from './virtual-window.js';

/** A row's state: the engine's, or `ready` before it is sent. */
export type RowState = UploadState | 'ready';

interface Row {
  key: number;
  /** Kept in memory only; its name is read once, for the kind guess, and never shown or sent. */
  file: File;
  fromFolder: boolean;
  kind: RecordKind;
  title: string;
  titleEdited: boolean;
  upload?: ManagedUpload;
}

const ACTIVE: readonly RowState[] = ['queued', 'hashing', 'uploading', 'verifying'];
const ANNOUNCE_EVERY_MS = 30_000;
// Announcing each file of a big folder would drown the person; past this, only the batch is read.
const PER_FILE_ANNOUNCE_MAX = 5;
const DEFAULT_ROW_PX = 104;
const DEFAULT_VIEWPORT_PX = 448;

// Sizes set through the CSSOM: a style attribute would break a strict CSP (style-src 'self').
class CssomSize extends Directive {
  render(_property: string, _value: string): typeof noChange {
    return noChange;
  }
  override update(part: ElementPart, [property, value]: [string, string]): typeof noChange {
    (part.element as HTMLElement).style.setProperty(property, value);
    return noChange;
  }
}
const cssomSize = directive(CssomSize);

const kindsFrom = (value: string | null): RecordKind[] =>
  (value ?? '').split(/[\s,]+/).filter((k): k is RecordKind => (RECORD_KINDS as readonly string[]).includes(k));

/**
 * Adds records to a case: a drop zone that is also a button, a file picker, folder drop for
 * imaging studies (a virtualised list), camera capture on phones; a kind and a neutral title per
 * record; resumable, verified sending with pause, resume, cancel and retry; the checklist of
 * records the case still needs. Form-associated: its value is the verified record ids.
 *
 * @summary Sends medical records resumably and verified, with a checklist of what is still needed.
 * @tagname so-record-uploader
 * @fires {SoUploadProgressEvent} so-upload-progress - Bytes went out for one record.
 * @fires {SoRecordUploadedEvent} so-record-uploaded - A record arrived whole and verified.
 * @fires {SoUploadErrorEvent} so-upload-error - A record was refused, rejected or failed, or will be retried.
 * @fires {SoBeforeUploadEvent} so-before-upload - Cancelable: a record is about to be sent.
 * @csspart dropzone - The drop zone button.
 * @csspart more - The folder and camera buttons.
 * @csspart checklist - The records checklist.
 * @csspart checklist-item - One kind on the checklist (`done` when received).
 * @csspart actions - The buttons acting on every record.
 * @csspart list - The scrolling list of records.
 * @csspart row - One record.
 * @csspart status - A record's state in words.
 * @csspart progress - A record's progress bar.
 * @csspart button - Every button.
 * @cssprop --so-color-primary - Drop zone border and progress colour.
 * @cssprop --so-color-border - Borders.
 * @cssprop --so-color-success - Verified records and ticked checklist lines.
 * @cssprop --so-color-danger - Rejected and failed records.
 * @cssprop --so-color-focus - Focus ring colour.
 * @cssprop --so-border-radius - Corner radius.
 * @cssprop --so-spacing-unit - Base spacing.
 * @cssprop --so-uploader-list-height - Height of the record list before it scrolls (default 28rem).
 * @cssprop --so-color-scheme - `light`, `dark`, or `light dark` (default: follow the system).
 */
export class SoRecordUploader extends SoElement {
  static override tagName = 'so-record-uploader';
  static override styles = [tokenStyles, recordUploaderStyles];
  static formAssociated = true;

  /** The case the records belong to. */
  @property({ attribute: 'case-id' }) caseId?: string;

  /** Accepted media types, comma- or space-separated (default: every type the backend accepts). */
  @property() accept?: string;

  /** Largest file in bytes, when tighter than the backend's limit. */
  @property({ type: Number, attribute: 'max-size' }) maxSize?: number;

  /** Kinds asked for with the request, space-separated (`pathology imaging`); information requests add theirs. */
  @property({ converter: { fromAttribute: kindsFrom, toAttribute: (v: RecordKind[]) => v.join(' ') } }) needed: RecordKind[] = [];

  /** The form needs at least one verified record. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** The name the verified record ids are submitted under. */
  @property({ reflect: true }) name = '';

  /** Turns every control off (also set by a disabled `<fieldset>`). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Partial override of the words, e.g. `{ dropTitle: 'Add your reports' }`. */
  declare i18n?: MessagesOverride & Partial<UploaderMessages>;

  @state() private revision = 0;
  /** The upload engine could not be loaded (offline, a redeploy); the records stay ready, and Send asks for it again. */
  @state() private engineFailed = false;
  @state() private listScrollTop = 0;
  @state() private dragging = false;
  @state() private formDisabled = false;

  @query('.pick') private pickButton?: HTMLButtonElement;
  @query('.list') private listEl?: HTMLElement;
  @query('input.files') private fileInput?: HTMLInputElement;
  @query('input.folder') private folderInput?: HTMLInputElement;
  @query('input.camera') private cameraInput?: HTMLInputElement;

  private rows: Row[] = [];
  private readonly byUpload = new Map<string, Row>();
  private nextKey = 1;
  private verifiedIds: string[] = [];
  private verifiedKinds: RecordKind[] = [];
  private titleCounts = new Map<RecordKind, number>();
  private _manager?: UploadManager;
  private readonly internals: ElementInternals;
  private rowPx = DEFAULT_ROW_PX;
  private viewportPx = DEFAULT_VIEWPORT_PX;
  private batch = { size: 0, quarter: 0, announcedAt: 0 };
  private scrollFrame = 0;
  // The case, for the checklist and the next title's number; a failed read leaves the checklist as `needed` says.
  private readonly cases = new CaseController(this);
  private engineLoad?: Promise<void>;
  private sendWanted = false;

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  /** The upload engine behind this element (loaded on demand when the first file is added). */
  get manager(): UploadManager | undefined {
    return this._manager;
  }

  /** The verified record ids, in the order they were verified. */
  get value(): readonly string[] {
    return this.verifiedIds;
  }

  /** The form this element belongs to. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** The constraint validity (valueMissing when `required` and nothing is verified). */
  get validity(): ValidityState {
    return this.internals.validity;
  }

  /** The message shown when invalid. */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  /** Whether the element is valid; fires `invalid` when not. */
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  /** Like `checkValidity()`, and shows the message. */
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** How many rows the list renders now (the rest are spacers). */
  get renderedRowCount(): number {
    return this.renderRoot.querySelectorAll('[part~="row"]').length;
  }

  /** How many records are in the list. */
  get rowCount(): number {
    return this.rows.length;
  }

  private get text(): UploaderMessages {
    return { ...UPLOADER_WORDS.get(this.locale), ...(this.i18n as Partial<UploaderMessages> | undefined) };
  }

  protected override wordsLoading(locale: Locale): Promise<void> | undefined {
    return UPLOADER_WORDS.ready(locale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('required')) this.syncForm();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Measured once there is something to measure: row height and viewport drive the window.
    const row = this.renderRoot.querySelector<HTMLElement>('[part~="row"]');
    if (row?.offsetHeight) this.rowPx = row.offsetHeight;
    if (this.listEl?.clientHeight) this.viewportPx = this.listEl.clientHeight;
    this.syncForm();
  }

  /** Also waits for the upload engine while it loads, so that once updated the element can send at once. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (!this.engineLoad) return done;
    await this.engineLoad;
    return super.getUpdateComplete();
  }

  // ----- adding files -------------------------------------------------------------------------

  /** Adds files to the list, ready to send (what the picker, the camera and a drop do). */
  addFiles(files: Iterable<File | DroppedFile>): void {
    const stillNeeded = this.checklist().filter((l) => !l.done).map((l) => l.kind);
    let added = 0;
    for (const item of files) {
      const { file, fromFolder } = item instanceof File ? { file: item, fromFolder: Boolean(item.webkitRelativePath) } : item;
      const kind = guessKind(file, { fromFolder, stillNeeded });
      this.rows.push({ key: this.nextKey++, file, fromFolder, kind, title: this.nextTitle(kind), titleEdited: false });
      added++;
    }
    if (!added) return;
    // The files show at once; the engine (tus-js-client, hash-wasm) loads now, before anything is sent.
    void this.loadEngine();
    this.revision++;
    void announce(this.text.announceAdded(added));
  }

  // "Imaging 3": the kind's label and the next number for that kind on this case.
  private nextTitle(kind: RecordKind): string {
    const onCase = this.cases.case?.records.filter((r) => r.kind === kind && r.source === 'patient').length ?? 0;
    const n = Math.max(this.titleCounts.get(kind) ?? 0, onCase) + 1;
    this.titleCounts.set(kind, n);
    return this.text.defaultTitle(recordKindText(kind, this.locale).label, n);
  }

  private onPicked(input: HTMLInputElement | undefined): void {
    if (!input?.files) return;
    this.addFiles([...input.files]);
    // Cleared so choosing the same file again (after a reload, to resume) fires `change`.
    input.value = '';
  }

  private onDragOver(e: DragEvent): void {
    if (this.isDisabled || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  private onDragLeave(e: DragEvent): void {
    // Leaving for a child of the zone is not leaving the zone.
    if (e.relatedTarget instanceof Node && (e.currentTarget as HTMLElement).contains(e.relatedTarget)) return;
    this.dragging = false;
  }

  private async onDrop(e: DragEvent): Promise<void> {
    this.dragging = false;
    if (this.isDisabled || !e.dataTransfer) return;
    e.preventDefault();
    this.addFiles(await droppedFiles(e.dataTransfer));
  }

  // ----- sending ------------------------------------------------------------------------------

  private loadEngine(): Promise<void> {
    if (this._manager) return Promise.resolve();
    this.engineLoad ??= import('../../core/uploads/upload-manager.js').then(
      ({ UploadManager }) => {
        this.engineLoad = undefined;
        this.engineFailed = false;
        this._manager ??= this.wire(new UploadManager());
        if (this.sendWanted) this.send();
      },
      () => {
        this.engineLoad = undefined;
        this.sendWanted = false;
        this.engineFailed = true;
      },
    );
    return this.engineLoad;
  }

  private wire(m: UploadManager): UploadManager {
    m.addEventListener('state', (e: UploadStateEvent) => this.onState(e));
    m.addEventListener('progress', (e: UploadProgressEvent) => this.onProgress(e));
    m.addEventListener('error', (e: UploadErrorEvent) => this.onError(e));
    m.addEventListener('record', (e: UploadRecordEvent) => this.onRecord(e));
    m.addEventListener('before-upload', (e: BeforeUploadEvent) => this.onBeforeUpload(e));
    return m;
  }

  private acceptList(): MediaType[] | undefined {
    if (!this.accept) return undefined;
    return this.accept.split(/[\s,]+/).filter(Boolean) as MediaType[];
  }

  /** Sends every record that is ready (once the upload engine has loaded, if it is still on its way). */
  send(): void {
    const client = this.activeClient;
    const caseId = this.caseId;
    if (!client || !caseId || this.isDisabled) return;
    const ready = this.rows.filter((r) => !r.upload);
    if (!ready.length) return;
    const manager = this._manager;
    this.sendWanted = !manager;
    if (!manager) {
      void this.loadEngine();
      return;
    }
    const accept = this.acceptList();
    if (!this.rows.some((r) => r.upload && ACTIVE.includes(r.upload.state))) this.batch = { size: 0, quarter: 0, announcedAt: performance.now() };
    this.batch.size += ready.length;
    for (const row of ready) {
      const upload = manager.add(client, caseId, row.file, {
        kind: row.kind, title: row.title.trim() || this.nextTitle(row.kind),
        ...(this.maxSize ? { maxSize: this.maxSize } : {}), ...(accept ? { accept } : {}),
      });
      row.upload = upload;
      this.byUpload.set(upload.id, row);
    }
    this.revision++;
  }

  /** Pauses every record on its way. */
  pauseAll(): void {
    this._manager?.pauseAll();
  }

  /** Resumes every paused record. */
  resumeAll(): void {
    this._manager?.resumeAll();
  }

  /** Tries every failed record again. */
  retryAll(): void {
    this._manager?.retryFailed();
  }

  /** Cancels every unfinished record and removes those not yet sent. */
  async cancelAll(): Promise<void> {
    this.rows = this.rows.filter((r) => r.upload);
    this.revision++;
    await this._manager?.cancelAll();
  }

  private removeRow(row: Row): void {
    this.rows = this.rows.filter((r) => r !== row);
    if (row.upload) this.byUpload.delete(row.upload.id);
    this.revision++;
  }

  private onState(e: UploadStateEvent): void {
    const row = this.byUpload.get(e.upload.id);
    if (!row) return;
    this.revision++;
    const t = this.text;
    const few = this.batch.size <= PER_FILE_ANNOUNCE_MAX;
    if (e.state === 'verified' && few) void announce(t.announceVerified(row.title));
    if (e.state === 'rejected' && few) void announce(t.announceRejected(row.title, this.reasonText(row)));
    if (e.state === 'failed' && few) void announce(t.announceFailed(row.title));
    if (!few && !this.rows.some((r) => r.upload && ACTIVE.includes(r.upload.state))) {
      const sent = this.rows.filter((r) => r.upload && r.upload.state !== 'cancelled');
      void announce(t.summary(sent.filter((r) => r.upload?.state === 'verified').length, sent.length));
    }
  }

  private onProgress(e: UploadProgressEvent): void {
    const row = this.byUpload.get(e.upload.id);
    if (!row) return;
    this.emit(new SoUploadProgressEvent(e.upload.id, e.progress));
    this.revision++;
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
      void announce(this.text.announceProgress(formatNumber(Math.floor(fraction * 100) / 100, this.locale, { style: 'percent' })));
    }
  }

  private onError(e: UploadErrorEvent): void {
    // Shown here, so the provider does not report it again.
    claimClientError(e.error);
    this.revision++;
    this.emit(new SoUploadErrorEvent(e.upload.id, e.error, e.willRetry, e.upload.state));
  }

  private onRecord(e: UploadRecordEvent): void {
    this.verifiedIds = [...this.verifiedIds, e.record.id];
    this.verifiedKinds = [...this.verifiedKinds, e.record.kind];
    this.syncForm();
    this.revision++;
    this.emit(new SoRecordUploadedEvent(e.upload.id, e.record));
  }

  private onBeforeUpload(e: BeforeUploadEvent): void {
    const row = this.byUpload.get(e.upload.id);
    if (!row) return;
    const ok = this.emit(new SoBeforeUploadEvent({ uploadId: e.upload.id, kind: row.kind, title: row.title, mediaType: e.mediaType, size: e.file.size }));
    if (!ok) e.preventDefault();
  }

  // ----- form association ---------------------------------------------------------------------

  private syncForm(): void {
    if (this.name && this.verifiedIds.length) {
      const data = new FormData();
      for (const id of this.verifiedIds) data.append(this.name, id);
      this.internals.setFormValue(data);
    } else {
      this.internals.setFormValue(this.verifiedIds.length ? this.verifiedIds.join(' ') : null);
    }
    if (this.required && !this.verifiedIds.length) this.internals.setValidity({ valueMissing: true }, this.text.required, this.pickButton ?? undefined);
    else this.internals.setValidity({});
  }

  /** Form reset: unfinished records are cancelled and the list is emptied. */
  formResetCallback(): void {
    void this._manager?.cancelAll();
    this.sendWanted = false;
    this.rows = [];
    this.byUpload.clear();
    this.verifiedIds = [];
    this.verifiedKinds = [];
    this.titleCounts.clear();
    this.revision++;
    this.syncForm();
  }

  /** A disabled `<fieldset>` turns the element off. */
  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  private get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  // ----- rendering ----------------------------------------------------------------------------

  private checklist(): ChecklistLine[] {
    return recordsChecklist(this.needed, this.cases.case, this.verifiedKinds);
  }

  private stateOf(row: Row): RowState {
    return row.upload?.state ?? 'ready';
  }

  private stateText(s: RowState): string {
    const t = this.text;
    const words: Record<RowState, string> = {
      ready: t.stateReady, queued: t.stateQueued, hashing: t.stateHashing, uploading: t.stateUploading, paused: t.statePaused,
      verifying: t.stateVerifying, verified: t.stateVerified, rejected: t.stateRejected, failed: t.stateFailed, cancelled: t.stateCancelled,
    };
    return words[s];
  }

  private reasonText(row: Row): string {
    const t = this.text;
    const reason = row.upload?.rejectionReason;
    if (reason === 'file_empty') return t.reasonEmpty;
    if (reason === 'file_too_large') {
      const max = row.upload?.error?.issues[0]?.params?.['maximum'];
      return t.reasonTooLarge(formatFileSize(typeof max === 'number' ? max : (this.maxSize ?? row.file.size), this.locale));
    }
    if (reason === 'type_not_allowed') return t.reasonType;
    if (reason === 'hash_mismatch') return t.reasonHashMismatch;
    return t.reasonOther;
  }

  private failureText(error: SecondOpinionError | undefined): string {
    const t = this.text;
    if (error?.code === 'network' || error?.code === 'timeout') return t.failedNetwork;
    if (error?.code === 'integrity') return t.failedIntegrity;
    if (error?.code === 'auth') return t.failedAuth;
    return t.failedOther;
  }

  private duration(seconds: number): string {
    const [value, unit] = seconds < 60 ? [Math.max(1, Math.round(seconds)), 'second'] : seconds < 3600 ? [Math.round(seconds / 60), 'minute'] : [Math.round(seconds / 360) / 10, 'hour'];
    return formatNumber(value, this.locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 });
  }

  private onScroll(): void {
    // One window update per frame, however fast the person scrolls.
    if (this.scrollFrame) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.listScrollTop = this.listEl?.scrollTop ?? 0;
    });
  }

  private setKind(row: Row, kind: RecordKind): void {
    row.kind = kind;
    if (!row.titleEdited) row.title = this.nextTitle(kind);
    this.revision++;
  }

  private setTitle(row: Row, title: string): void {
    row.title = title;
    row.titleEdited = true;
  }

  private button(label: string, onClick: () => void, cls: string, accessibleName?: string): TemplateResult {
    return html`<button part="button ${cls}" class="${cls}" type="button" ?disabled=${this.isDisabled}
      aria-label=${accessibleName ?? nothing} @click=${onClick}>${label}</button>`;
  }

  private renderRow(row: Row, index: number, count: number): TemplateResult {
    const t = this.text;
    const s = this.stateOf(row);
    const u = row.upload;
    const id = `row-${row.key}`;
    const editable = s === 'ready' && !this.isDisabled;
    const p = u?.progress;
    const percent = p && p.bytesTotal ? Math.floor((p.bytesSent / p.bytesTotal) * 100) : 0;
    const showProgress = s === 'uploading' || s === 'paused' || s === 'verifying' || s === 'hashing' || (s === 'failed' && percent > 0);
    const detail = s === 'rejected' ? this.reasonText(row) : s === 'failed' ? this.failureText(u?.error) : '';
    const valueText = p ? t.bytesOf(formatFileSize(p.bytesSent, this.locale), formatFileSize(p.bytesTotal, this.locale)) : '';
    const act = (label: string, fn: () => void, cls: string) => this.button(label, fn, cls, t.actionFor(label, row.title));
    return html`<div part="row" class="row ${s}" role="listitem" aria-setsize=${count} aria-posinset=${index + 1}>
      <div class="fields">
        ${editable
          ? html`<label class="field"><span>${t.titleLabel}</span><input part="title" type="text" maxlength="200" autocomplete="off"
                .value=${row.title} @input=${(e: Event) => this.setTitle(row, (e.target as HTMLInputElement).value)}></label>
              <label class="field"><span>${t.kindLabel}</span><select part="kind" @change=${(e: Event) => this.setKind(row, (e.target as HTMLSelectElement).value as RecordKind)}>
                ${RECORD_KINDS.map((k) => html`<option value=${k} ?selected=${k === row.kind}>${recordKindText(k, this.locale).label}</option>`)}
              </select></label>`
          : html`<span class="title" id="${id}-title">${row.title}</span><span class="kind">${recordKindText(row.kind, this.locale).label}</span>`}
      </div>
      <div class="state">
        <span part="status" class="status">${this.stateText(s)}</span>
        ${detail ? html`<span class="detail">${detail}</span>` : nothing}
        ${showProgress && p ? html`<div part="progress" class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}
              aria-valuetext=${valueText} aria-label=${row.title}><div class="fill" ${cssomSize('width', `${percent}%`)}></div></div>
            <span class="numbers">${valueText}${s === 'uploading' && p.speed > 0 ? html` · ${t.speed(formatFileSize(p.speed, this.locale))}` : nothing}${s === 'uploading' && p.secondsLeft !== undefined ? html` · ${t.timeLeft(this.duration(p.secondsLeft))}` : nothing}</span>` : nothing}
      </div>
      <div class="row-actions">
        ${s === 'ready' || s === 'rejected' || s === 'cancelled' ? act(t.remove, () => this.removeRow(row), 'remove') : nothing}
        ${ACTIVE.includes(s) ? act(t.pause, () => u?.pause(), 'pause') : nothing}
        ${s === 'paused' ? act(t.resume, () => u?.resume(), 'resume') : nothing}
        ${s === 'failed' ? act(t.retry, () => u?.retry(), 'retry') : nothing}
        ${ACTIVE.includes(s) || s === 'paused' || s === 'failed' ? act(t.cancel, () => void u?.cancel(), 'cancel') : nothing}
      </div>
    </div>`;
  }

  private renderChecklist(lines: ChecklistLine[]): TemplateResult | typeof nothing {
    if (!lines.length) return nothing;
    const t = this.text;
    return html`<div part="checklist" class="checklist">
      <p class="checklist-heading" id="checklist-heading">${t.checklistHeading}</p>
      <ul aria-labelledby="checklist-heading">
        ${lines.map((l) => html`<li part="checklist-item${l.done ? ' done' : ''}" class=${l.done ? 'done' : 'needed'}>
          <svg class="tick" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${l.done ? html`<path d="M5 12l5 5 9-10"></path>` : html`<circle cx="12" cy="12" r="8"></circle>`}</svg>
          <span>${recordKindText(l.kind, this.locale).label}</span><span class="visually-hidden">: ${l.done ? t.checklistDone : t.checklistNeeded}</span>
        </li>`)}
      </ul>
    </div>`;
  }

  protected override render(): TemplateResult {
    const t = this.text;
    const rows = this.rows;
    const count = rows.length;
    const states = rows.map((r) => this.stateOf(r));
    const ready = states.filter((s) => s === 'ready').length;
    const sent = rows.filter((r) => r.upload && r.upload.state !== 'cancelled').length;
    const verified = states.filter((s) => s === 'verified').length;
    const slice = windowSlice(count, this.listScrollTop, this.viewportPx, this.rowPx);
    const typeAccept = this.accept && !this.accept.includes('dicom') ? this.accept : '';
    return html`
      ${this.renderChecklist(this.checklist())}
      <div class="zone ${this.dragging ? 'dragging' : ''}" @dragover=${this.onDragOver} @dragenter=${this.onDragOver} @dragleave=${this.onDragLeave} @drop=${this.onDrop}>
        <button part="dropzone" class="pick" type="button" ?disabled=${this.isDisabled} aria-describedby="drop-hint size-hint"
          @click=${() => this.fileInput?.click()}>
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M12 16V4M6 10l6-6 6 6M4 20h16"></path></svg>
          <span class="drop-title">${t.dropTitle}</span>
        </button>
        <p class="hint" id="drop-hint">${t.dropHint}</p>
        ${this.maxSize ? html`<p class="hint" id="size-hint">${t.sizeHint(formatFileSize(this.maxSize, this.locale))}</p>` : html`<span id="size-hint" hidden></span>`}
        <div part="more" class="more">
          ${this.button(t.chooseFolder, () => this.folderInput?.click(), 'folder')}
          ${this.button(t.takePhoto, () => this.cameraInput?.click(), 'camera')}
        </div>
        <input class="files" type="file" multiple hidden tabindex="-1" accept=${typeAccept || nothing} @change=${() => this.onPicked(this.fileInput)}>
        <input class="folder" type="file" multiple hidden tabindex="-1" webkitdirectory @change=${() => this.onPicked(this.folderInput)}>
        <input class="camera" type="file" hidden tabindex="-1" accept="image/*" capture="environment" @change=${() => this.onPicked(this.cameraInput)}>
      </div>
      ${count ? html`
        <div part="actions" class="actions">
          ${ready ? html`<button part="button send" class="send primary" type="button" ?disabled=${this.isDisabled || !this.caseId || !this.activeClient} @click=${() => this.send()}>${t.sendAll(ready)}</button>` : nothing}
          ${states.some((s) => ACTIVE.includes(s)) ? this.button(t.pauseAll, () => this.pauseAll(), 'pause-all') : nothing}
          ${states.includes('paused') ? this.button(t.resumeAll, () => this.resumeAll(), 'resume-all') : nothing}
          ${states.includes('failed') ? this.button(t.retryAll, () => this.retryAll(), 'retry-all') : nothing}
          ${states.some((s) => ACTIVE.includes(s) || s === 'paused' || s === 'ready' || s === 'failed') ? this.button(t.cancelAll, () => void this.cancelAll(), 'cancel-all') : nothing}
        </div>
        ${sent ? html`<p class="summary">${t.summary(verified, sent)}</p>` : nothing}
        ${this.engineFailed ? html`<p class="detail" role="alert">${t.failedNetwork}</p>` : nothing}
        <div part="list" class="list" role="list" aria-label=${t.listLabel} @scroll=${this.onScroll}>
          <div class="spacer" ${cssomSize('height', `${slice.padBefore}px`)} aria-hidden="true"></div>
          ${rows.slice(slice.start, slice.end).map((r, i) => this.renderRow(r, slice.start + i, count))}
          <div class="spacer" ${cssomSize('height', `${slice.padAfter}px`)} aria-hidden="true"></div>
        </div>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'so-record-uploader': SoRecordUploader;
  }
}
