// <so-record-uploader>: choose, drop or photograph records, name them, and send them resumably
// and verified through the headless UploadManager. The element renders state and forwards intent.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { RECORD_KINDS, type Locale, type RecordKind } from '../../core/model/codes.js';
import type { UploadManager } from '../../core/uploads/upload-manager.js';
import { onDemand } from '../../core/on-demand.js';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import { adoptStyles } from '../shared/adopt.js';
import { announce } from '../shared/announce.js';
import { SoElement } from '../shared/base-element.js';
import { CaseController } from '../shared/case-controller.js';
import { formatFileSize } from '../shared/i18n/format.js';
import type { MessagesOverride } from '../shared/i18n/messages.js';
import { tokenStyles } from '../shared/tokens.styles.js';
import { recordsChecklist, type ChecklistLine } from './checklist.js';
import { droppedFiles, type DroppedFile } from './folder-entries.js';
import type { UploaderController } from './record-uploader.controller.js';
import { UPLOADER_WORDS, type UploaderMessages } from './record-uploader.messages.js';
import { recordUploaderStyles } from './record-uploader.styles.js';
import { windowSlice } from './virtual-window.js';

export type { RowState } from './record-uploader.controller.js';

// The upload engine (tus-js-client, hash-wasm), the controller of the rows and their view come with the first file.
const ENGINE = onDemand(() => Promise.all([
  import('../../core/uploads/upload-manager.js'), import('./record-uploader.controller.js'), import('./record-rows.view.js'),
]).then(([manager, controller, view]) => ({ ...manager, ...controller, ...view })));

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

  /** The upload engine could not be loaded (offline, a redeploy); the records wait, and Send or Try again asks for it again. */
  @state() private engineFailed = false;
  @state() private dragging = false;
  @state() private formDisabled = false;

  @query('.pick') private pickButton?: HTMLButtonElement;
  @query('input.files') private fileInput?: HTMLInputElement;
  @query('input.folder') private folderInput?: HTMLInputElement;
  @query('input.camera') private cameraInput?: HTMLInputElement;

  // Files added before the rows and the engine are in (they load with the first file).
  private pending: DroppedFile[] = [];
  private rows?: UploaderController;
  // The window of rows rendered: a row's and the list's height as last measured, and where the list is scrolled.
  private rowPx = 104;
  private viewportPx = 448;
  private listScroll = 0;
  private scrollFrame = 0;
  private readonly internals: ElementInternals;
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
    return this.rows?.manager;
  }

  /** The verified record ids, in the order they were verified. */
  get value(): readonly string[] {
    return this.rows?.value ?? [];
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
    return (this.rows?.rows.length ?? 0) + this.pending.length;
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
    this.measure();
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
    const added = [...files].map((item) => (item instanceof File ? { file: item, fromFolder: Boolean(item.webkitRelativePath) } : item));
    if (!added.length) return;
    this.pending.push(...added);
    // The rows and the engine (tus-js-client, hash-wasm) load with the first file, before anything is sent.
    void this.loadEngine();
    this.flush();
    void announce(this.text.announceAdded(added.length));
  }

  // Pending files become rows once the rows are in.
  private flush(): void {
    if (!this.rows || !this.pending.length) return;
    this.rows.add(this.pending.splice(0), this.checklist().filter((l) => !l.done).map((l) => l.kind));
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
    if (this.rows) return Promise.resolve();
    this.engineLoad ??= ENGINE.load().then(
      (engine) => {
        this.engineLoad = undefined;
        this.engineFailed = false;
        adoptStyles(this.renderRoot, engine.styles);
        this.rows ??= new engine.UploaderController({
          requestUpdate: () => this.requestUpdate(),
          settings: () => ({
            activeClient: this.activeClient, caseId: this.caseId, accept: this.accept, maxSize: this.maxSize,
            locale: this.locale, words: this.text, case: this.cases.case,
          }),
          valueChanged: () => this.syncForm(),
        }, this.port, new engine.UploadManager());
        this.flush();
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

  /** Sends every record that is ready (once the upload engine has loaded, if it is still on its way). */
  send(): void {
    if (!this.activeClient || !this.caseId || this.isDisabled || !this.rowCount) return;
    this.sendWanted = !this.rows;
    if (this.rows) this.rows.send();
    else void this.loadEngine();
  }

  /** Pauses every record on its way. */
  pauseAll(): void {
    this.manager?.pauseAll();
  }

  /** Resumes every paused record. */
  resumeAll(): void {
    this.manager?.resumeAll();
  }

  /** Tries every failed record again. */
  retryAll(): void {
    this.manager?.retryFailed();
  }

  /** Cancels every unfinished record and removes those not yet sent. */
  async cancelAll(): Promise<void> {
    this.pending = [];
    this.requestUpdate();
    await this.rows?.cancelAll();
  }

  // ----- form association ---------------------------------------------------------------------

  private syncForm(): void {
    const ids = this.value;
    if (this.name && ids.length) {
      const data = new FormData();
      for (const id of ids) data.append(this.name, id);
      this.internals.setFormValue(data);
    } else {
      this.internals.setFormValue(ids.length ? ids.join(' ') : null);
    }
    if (this.required && !ids.length) this.internals.setValidity({ valueMissing: true }, this.text.required, this.pickButton ?? undefined);
    else this.internals.setValidity({});
  }

  /** Form reset: unfinished records are cancelled and the list is emptied. */
  formResetCallback(): void {
    this.rows?.reset();
    this.sendWanted = false;
    this.pending = [];
    this.requestUpdate();
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
    return recordsChecklist(this.needed, this.cases.case, this.rows?.verifiedKinds ?? []);
  }

  /** Measures a row and the list once drawn: they drive the window of rows rendered. */
  private measure(): void {
    const row = this.renderRoot.querySelector<HTMLElement>('[part~="row"]');
    const list = this.renderRoot.querySelector<HTMLElement>('.list');
    if (row?.offsetHeight) this.rowPx = row.offsetHeight;
    if (list?.clientHeight) this.viewportPx = list.clientHeight;
  }

  private onScroll(list: HTMLElement): void {
    // One window update per frame, however fast the person scrolls.
    if (this.scrollFrame) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.listScroll = list.scrollTop;
      this.requestUpdate();
    });
  }

  private renderRows(): TemplateResult | typeof nothing {
    const { rows } = this;
    const view = ENGINE.now;
    if (!rows || !view) return nothing;
    return view.renderRecordRows({
      words: this.text, locale: this.locale, rows: rows.rows, disabled: this.isDisabled, canSend: Boolean(this.caseId && this.activeClient),
      slice: windowSlice(rows.rows.length, this.listScroll, this.viewportPx, this.rowPx),
      reason: (row) => rows.reasonText(row),
      failure: (row) => rows.failureText(row.upload?.error),
      batch: (action) => {
        if (action === 'send') this.send();
        else if (action === 'pause-all') this.pauseAll();
        else if (action === 'resume-all') this.resumeAll();
        else if (action === 'retry-all') this.retryAll();
        else void this.cancelAll();
      },
      act: (row, action) => {
        if (action === 'remove') rows.remove(row);
        else if (action === 'cancel') void row.upload?.cancel();
        else row.upload?.[action]();
      },
      setTitle: (row, title) => rows.setTitle(row, title),
      setKind: (row, kind) => rows.setKind(row, kind),
      scrolled: (list) => this.onScroll(list),
    });
  }

  private button(label: string, onClick: () => void, cls: string): TemplateResult {
    return html`<button part="button ${cls}" class="${cls}" type="button" ?disabled=${this.isDisabled} @click=${onClick}>${label}</button>`;
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
      ${this.engineFailed && this.pending.length ? html`<p class="detail" role="alert">${t.failedNetwork}</p>${this.button(t.retry, () => this.send(), 'retry-all')}` : nothing}
      ${this.renderRows()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'so-record-uploader': SoRecordUploader;
  }
}
