// The records of <so-record-uploader> once files are added: one row each (kind, title, state,
// progress, its buttons), the buttons acting on all, and the wiring to the upload engine. Loaded on
// demand with the engine, when the first file is added; the drop zone and checklist need none of it.
import { css, html, noChange, nothing, type TemplateResult } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';
import type { UploadState } from '../../core/client/engines.js';
import type { SecondOpinionError } from '../../core/errors.js';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import type { Case, CaseRecord } from '../../core/model/case.js';
import { RECORD_KINDS, type MediaType, type RecordKind } from '../../core/model/codes.js';
import type { BeforeUploadEvent, UploadErrorEvent, UploadProgressEvent, UploadStateEvent } from '../../core/uploads/events.js';
import type { ManagedUpload } from '../../core/uploads/record-upload.js';
import type { UploadManager } from '../../core/uploads/upload-manager.js';
import { announce } from '../shared/announce.js';
import { claimClientError } from '../shared/client-errors.js';
import { formatFileSize, formatNumber } from '../shared/i18n/format.js';
import type { DroppedFile } from './folder-entries.js';
import { guessKind } from './kind-guess.js';
import type { SoRecordUploader } from './record-uploader.js';
import { SoBeforeUploadEvent, SoUploadErrorEvent, SoUploadProgressEvent } from './record-uploader.events.js';
import type { UploaderMessages } from './record-uploader.messages.js';
import { windowSlice } from './virtual-window.js';

/** A row's state: the engine's, or `ready` before it is sent. */
export type RowState = UploadState | 'ready';

interface Row {
  key: number;
  /** Kept in memory only; its name is read once, for the kind guess, and never shown or sent. */
  file: File;
  kind: RecordKind;
  title: string;
  titleEdited: boolean;
  upload?: ManagedUpload;
}

/** What the rows ask of their element beyond its public API. */
export interface RecordRowsHost {
  text(): UploaderMessages;
  disabled(): boolean;
  caseOf(): Case | undefined;
  /** A record arrived whole and verified. */
  verified(uploadId: string, record: CaseRecord): void;
}

const ACTIVE: readonly RowState[] = ['queued', 'hashing', 'uploading', 'verifying'];
const ANNOUNCE_EVERY_MS = 30_000;
// Announcing each file of a big folder would drown the person; past this, only the batch is read.
const PER_FILE_ANNOUNCE_MAX = 5;

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

/** The rows' own rules, adopted when they load. */
export const styles = [css`
  @layer so {
    button.primary { background: var(--_primary); color: var(--_background); border-color: var(--_primary); font-weight: 600; }
    .actions { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 2); margin: calc(var(--_space) * 4) 0 calc(var(--_space) * 2); }
    .summary { margin: 0 0 calc(var(--_space) * 2); color: var(--_text-muted); }
    .list { max-height: var(--so-uploader-list-height, 28rem); overflow-y: auto; border: 1px solid var(--_border); border-radius: var(--_radius); }
    .row {
      box-sizing: border-box; height: 6.5rem; overflow: hidden; display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 2fr) auto;
      gap: calc(var(--_space) * 3); align-items: center; padding: calc(var(--_space) * 2) calc(var(--_space) * 3); border-bottom: 1px solid var(--_border);
    }
    .fields { display: flex; flex-direction: column; gap: var(--_space); min-width: 0; }
    .field { display: flex; gap: calc(var(--_space) * 2); align-items: center; }
    .field span { flex: 0 0 6.5em; color: var(--_text-muted); }
    .field input, .field select { font: inherit; color: inherit; background: var(--_background); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0 var(--_space); min-width: 0; flex: 1; min-height: 2rem; }
    .title { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .kind, .numbers { color: var(--_text-muted); font-size: 0.9em; }
    .state { display: flex; flex-direction: column; gap: var(--_space); min-width: 0; }
    .status { font-weight: 600; }
    .verified .status { color: var(--_success); }
    .rejected .status, .failed .status, .rejected .detail, .failed .detail { color: var(--_danger); }
    .bar { height: 0.5rem; background: var(--_neutral-bg); border-radius: 999px; overflow: hidden; }
    .fill { height: 100%; width: 0; background: var(--_primary); transition: width var(--_duration) linear; }
    .row-actions { display: flex; gap: var(--_space); flex-wrap: wrap; justify-content: flex-end; }
    @media (max-width: 40rem) {
      .row { grid-template-columns: 1fr; height: 12rem; }
      .row-actions { justify-content: flex-start; }
    }
    @media (forced-colors: active) { .fill { background: Highlight; } }
  }
`];

/** The rows of one uploader and the upload engine behind them. */
export class RecordRows {
  private rows: Row[] = [];
  private readonly byUpload = new Map<string, Row>();
  private nextKey = 1;
  private titleCounts = new Map<RecordKind, number>();
  private rowPx = 104;
  private viewportPx = 448;
  private scrollTop = 0;
  private scrollFrame = 0;
  private batch = { size: 0, quarter: 0, announcedAt: 0 };

  constructor(private readonly el: SoRecordUploader, private readonly host: RecordRowsHost, readonly manager: UploadManager) {
    manager.addEventListener('state', (e: UploadStateEvent) => this.onState(e));
    manager.addEventListener('progress', (e: UploadProgressEvent) => this.onProgress(e));
    manager.addEventListener('error', (e: UploadErrorEvent) => this.onError(e));
    manager.addEventListener('record', (e) => {
      this.el.requestUpdate();
      this.host.verified(e.upload.id, e.record);
    });
    manager.addEventListener('before-upload', (e: BeforeUploadEvent) => this.onBeforeUpload(e));
  }

  /** How many records are in the list. */
  get count(): number {
    return this.rows.length;
  }

  /** Adds files as rows ready to send, each with a guessed kind and a neutral numbered title. */
  add(files: readonly DroppedFile[], stillNeeded: readonly RecordKind[]): void {
    for (const { file, fromFolder } of files) {
      const kind = guessKind(file, { fromFolder, stillNeeded });
      this.rows.push({ key: this.nextKey++, file, kind, title: this.nextTitle(kind), titleEdited: false });
    }
    this.el.requestUpdate();
  }

  // "Imaging 3": the kind's label and the next number for that kind on this case.
  private nextTitle(kind: RecordKind): string {
    const onCase = this.host.caseOf()?.records.filter((r) => r.kind === kind && r.source === 'patient').length ?? 0;
    const n = Math.max(this.titleCounts.get(kind) ?? 0, onCase) + 1;
    this.titleCounts.set(kind, n);
    return this.host.text().defaultTitle(recordKindText(kind, this.el.locale).label, n);
  }

  /** Sends every row that is ready. */
  send(): void {
    const { el } = this;
    const client = el.activeClient;
    const caseId = el.caseId;
    const ready = this.rows.filter((r) => !r.upload);
    if (!client || !caseId || !ready.length) return;
    const accept = el.accept ? (el.accept.split(/[\s,]+/).filter(Boolean) as MediaType[]) : undefined;
    if (!this.rows.some((r) => r.upload && ACTIVE.includes(r.upload.state))) this.batch = { size: 0, quarter: 0, announcedAt: performance.now() };
    this.batch.size += ready.length;
    for (const row of ready) {
      const upload = this.manager.add(client, caseId, row.file, {
        kind: row.kind, title: row.title.trim() || this.nextTitle(row.kind),
        ...(el.maxSize ? { maxSize: el.maxSize } : {}), ...(accept ? { accept } : {}),
      });
      row.upload = upload;
      this.byUpload.set(upload.id, row);
    }
    el.requestUpdate();
  }

  /** Removes the rows not yet sent and cancels every unfinished record. */
  async cancelAll(): Promise<void> {
    this.rows = this.rows.filter((r) => r.upload);
    this.el.requestUpdate();
    await this.manager.cancelAll();
  }

  /** Form reset: every row goes, unfinished records are cancelled. */
  reset(): void {
    void this.manager.cancelAll();
    this.rows = [];
    this.byUpload.clear();
    this.titleCounts.clear();
  }

  private removeRow(row: Row): void {
    this.rows = this.rows.filter((r) => r !== row);
    if (row.upload) this.byUpload.delete(row.upload.id);
    this.el.requestUpdate();
  }

  private onState(e: UploadStateEvent): void {
    const row = this.byUpload.get(e.upload.id);
    if (!row) return;
    this.el.requestUpdate();
    const t = this.host.text();
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
    if (!this.byUpload.has(e.upload.id)) return;
    this.el.dispatchEvent(new SoUploadProgressEvent(e.upload.id, e.progress));
    this.el.requestUpdate();
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
      void announce(this.host.text().announceProgress(formatNumber(Math.floor(fraction * 100) / 100, this.el.locale, { style: 'percent' })));
    }
  }

  private onError(e: UploadErrorEvent): void {
    // Shown here, so the provider does not report it again.
    claimClientError(e.error);
    this.el.requestUpdate();
    this.el.dispatchEvent(new SoUploadErrorEvent(e.upload.id, e.error, e.willRetry, e.upload.state));
  }

  private onBeforeUpload(e: BeforeUploadEvent): void {
    const row = this.byUpload.get(e.upload.id);
    if (!row) return;
    const ok = this.el.dispatchEvent(new SoBeforeUploadEvent({ uploadId: e.upload.id, kind: row.kind, title: row.title, mediaType: e.mediaType, size: e.file.size }));
    if (!ok) e.preventDefault();
  }

  /** Measures a row and the list once drawn: they drive the window of rows rendered. */
  measure(root: HTMLElement | DocumentFragment): void {
    const row = root.querySelector<HTMLElement>('[part~="row"]');
    const list = root.querySelector<HTMLElement>('.list');
    if (row?.offsetHeight) this.rowPx = row.offsetHeight;
    if (list?.clientHeight) this.viewportPx = list.clientHeight;
  }

  private onScroll(e: Event): void {
    // One window update per frame, however fast the person scrolls.
    if (this.scrollFrame) return;
    const list = e.currentTarget as HTMLElement;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.scrollTop = list.scrollTop;
      this.el.requestUpdate();
    });
  }

  private stateText(s: RowState, t: UploaderMessages): string {
    const words: Record<RowState, string> = {
      ready: t.stateReady, queued: t.stateQueued, hashing: t.stateHashing, uploading: t.stateUploading, paused: t.statePaused,
      verifying: t.stateVerifying, verified: t.stateVerified, rejected: t.stateRejected, failed: t.stateFailed, cancelled: t.stateCancelled,
    };
    return words[s];
  }

  private reasonText(row: Row): string {
    const t = this.host.text();
    const reason = row.upload?.rejectionReason;
    if (reason === 'file_empty') return t.reasonEmpty;
    if (reason === 'file_too_large') {
      const max = row.upload?.error?.issues[0]?.params?.['maximum'];
      return t.reasonTooLarge(formatFileSize(typeof max === 'number' ? max : (this.el.maxSize ?? row.file.size), this.el.locale));
    }
    if (reason === 'type_not_allowed') return t.reasonType;
    if (reason === 'hash_mismatch') return t.reasonHashMismatch;
    return t.reasonOther;
  }

  private failureText(error: SecondOpinionError | undefined, t: UploaderMessages): string {
    if (error?.code === 'network' || error?.code === 'timeout') return t.failedNetwork;
    if (error?.code === 'integrity') return t.failedIntegrity;
    if (error?.code === 'auth') return t.failedAuth;
    return t.failedOther;
  }

  private duration(seconds: number): string {
    const [value, unit] = seconds < 60 ? [Math.max(1, Math.round(seconds)), 'second'] : seconds < 3600 ? [Math.round(seconds / 60), 'minute'] : [Math.round(seconds / 360) / 10, 'hour'];
    return formatNumber(value, this.el.locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 });
  }

  private button(label: string, onClick: () => void, cls: string, accessibleName?: string): TemplateResult {
    return html`<button part="button ${cls}" class="${cls}" type="button" ?disabled=${this.host.disabled()}
      aria-label=${accessibleName ?? nothing} @click=${onClick}>${label}</button>`;
  }

  private renderRow(row: Row, index: number, count: number, t: UploaderMessages): TemplateResult {
    const locale = this.el.locale;
    const u = row.upload;
    const s: RowState = u?.state ?? 'ready';
    const id = `row-${row.key}`;
    const editable = s === 'ready' && !this.host.disabled();
    const p = u?.progress;
    const percent = p && p.bytesTotal ? Math.floor((p.bytesSent / p.bytesTotal) * 100) : 0;
    const showProgress = s === 'uploading' || s === 'paused' || s === 'verifying' || s === 'hashing' || (s === 'failed' && percent > 0);
    const detail = s === 'rejected' ? this.reasonText(row) : s === 'failed' ? this.failureText(u?.error, t) : '';
    const valueText = p ? t.bytesOf(formatFileSize(p.bytesSent, locale), formatFileSize(p.bytesTotal, locale)) : '';
    const act = (label: string, fn: () => void, cls: string) => this.button(label, fn, cls, t.actionFor(label, row.title));
    return html`<div part="row" class="row ${s}" role="listitem" aria-setsize=${count} aria-posinset=${index + 1}>
      <div class="fields">
        ${editable
          ? html`<label class="field"><span>${t.titleLabel}</span><input part="title" type="text" maxlength="200" autocomplete="off"
                .value=${row.title} @input=${(e: Event) => {
                  row.title = (e.target as HTMLInputElement).value;
                  row.titleEdited = true;
                }}></label>
              <label class="field"><span>${t.kindLabel}</span><select part="kind" @change=${(e: Event) => {
                row.kind = (e.target as HTMLSelectElement).value as RecordKind;
                if (!row.titleEdited) row.title = this.nextTitle(row.kind);
                this.el.requestUpdate();
              }}>
                ${RECORD_KINDS.map((k) => html`<option value=${k} ?selected=${k === row.kind}>${recordKindText(k, locale).label}</option>`)}
              </select></label>`
          : html`<span class="title" id="${id}-title">${row.title}</span><span class="kind">${recordKindText(row.kind, locale).label}</span>`}
      </div>
      <div class="state">
        <span part="status" class="status">${this.stateText(s, t)}</span>
        ${detail ? html`<span class="detail">${detail}</span>` : nothing}
        ${showProgress && p ? html`<div part="progress" class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}
              aria-valuetext=${valueText} aria-label=${row.title}><div class="fill" ${cssomSize('width', `${percent}%`)}></div></div>
            <span class="numbers">${valueText}${s === 'uploading' && p.speed > 0 ? html` · ${t.speed(formatFileSize(p.speed, locale))}` : nothing}${s === 'uploading' && p.secondsLeft !== undefined ? html` · ${t.timeLeft(this.duration(p.secondsLeft))}` : nothing}</span>` : nothing}
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

  /** The buttons acting on every record, the summary and the windowed list of rows. */
  render(): TemplateResult | typeof nothing {
    const { rows, el, manager } = this;
    const count = rows.length;
    if (!count) return nothing;
    const t = this.host.text();
    const states = rows.map((r) => r.upload?.state ?? 'ready');
    const ready = states.filter((s) => s === 'ready').length;
    const sent = rows.filter((r) => r.upload && r.upload.state !== 'cancelled').length;
    const verified = states.filter((s) => s === 'verified').length;
    const slice = windowSlice(count, this.scrollTop, this.viewportPx, this.rowPx);
    return html`
      <div part="actions" class="actions">
        ${ready ? html`<button part="button send" class="send primary" type="button" ?disabled=${this.host.disabled() || !el.caseId || !el.activeClient} @click=${() => el.send()}>${t.sendAll(ready)}</button>` : nothing}
        ${states.some((s) => ACTIVE.includes(s)) ? this.button(t.pauseAll, () => manager.pauseAll(), 'pause-all') : nothing}
        ${states.includes('paused') ? this.button(t.resumeAll, () => manager.resumeAll(), 'resume-all') : nothing}
        ${states.includes('failed') ? this.button(t.retryAll, () => manager.retryFailed(), 'retry-all') : nothing}
        ${states.some((s) => ACTIVE.includes(s) || s === 'paused' || s === 'ready' || s === 'failed') ? this.button(t.cancelAll, () => void this.cancelAll(), 'cancel-all') : nothing}
      </div>
      ${sent ? html`<p class="summary">${t.summary(verified, sent)}</p>` : nothing}
      <div part="list" class="list" role="list" aria-label=${t.listLabel} @scroll=${(e: Event) => this.onScroll(e)}>
        <div class="spacer" ${cssomSize('height', `${slice.padBefore}px`)} aria-hidden="true"></div>
        ${rows.slice(slice.start, slice.end).map((r, i) => this.renderRow(r, slice.start + i, count, t))}
        <div class="spacer" ${cssomSize('height', `${slice.padAfter}px`)} aria-hidden="true"></div>
      </div>`;
  }
}
