// The records of <so-record-uploader> once files are added: one row each (kind, title, state,
// progress, its buttons), the buttons acting on all, the summary and the windowed list. Loaded on
// demand with the upload engine. A view: it draws what it is given and hands every intent back,
// never reaching into the uploader or an upload.
import { html, noChange, nothing, type TemplateResult } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import { RECORD_KINDS, type Locale, type RecordKind } from '../../core/model/codes.js';
import { formatFileSize, formatNumber } from '../shared/i18n/format.js';
import { ACTIVE, type Row, type RowState } from './record-uploader.controller.js';
import type { UploaderMessages } from './record-uploader.messages.js';
import { recordRowsStyles } from './record-rows.styles.js';
import type { WindowSlice } from './virtual-window.js';

export { recordRowsStyles as styles };

/** What one record's buttons ask for. */
export type RowAction = 'remove' | 'pause' | 'resume' | 'retry' | 'cancel';
/** What the buttons acting on every record ask for. */
export type BatchAction = 'send' | 'pause-all' | 'resume-all' | 'retry-all' | 'cancel-all';

/** What the rows draw, and where their intent goes. */
export interface RecordRowsView {
  readonly words: UploaderMessages;
  readonly locale: Locale;
  readonly rows: readonly Row[];
  /** Every control is off. */
  readonly disabled: boolean;
  /** There is a case and a client to send to. */
  readonly canSend: boolean;
  /** The rows in view and the space the others take. */
  readonly slice: WindowSlice;
  /** Why a row was rejected, in words. */
  reason(row: Row): string;
  /** Why a row failed, in words. */
  failure(row: Row): string;
  /** A button acting on every record. */
  batch(action: BatchAction): void;
  /** A button acting on one record. */
  act(row: Row, action: RowAction): void;
  /** The person renamed a row. */
  setTitle(row: Row, title: string): void;
  /** The person chose another kind for a row. */
  setKind(row: Row, kind: RecordKind): void;
  /** The list scrolled. */
  scrolled(list: HTMLElement): void;
}

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

function stateText(s: RowState, t: UploaderMessages): string {
  const words: Record<RowState, string> = {
    ready: t.stateReady, queued: t.stateQueued, hashing: t.stateHashing, uploading: t.stateUploading, paused: t.statePaused,
    verifying: t.stateVerifying, verified: t.stateVerified, rejected: t.stateRejected, failed: t.stateFailed, cancelled: t.stateCancelled,
  };
  return words[s];
}

function duration(seconds: number, locale: Locale): string {
  const [value, unit] = seconds < 60 ? [Math.max(1, Math.round(seconds)), 'second'] : seconds < 3600 ? [Math.round(seconds / 60), 'minute'] : [Math.round(seconds / 360) / 10, 'hour'];
  return formatNumber(value, locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 });
}

function button(view: RecordRowsView, label: string, onClick: () => void, cls: string, accessibleName?: string): TemplateResult {
  return html`<button part="button ${cls}" class="${cls}" type="button" ?disabled=${view.disabled}
    aria-label=${accessibleName ?? nothing} @click=${onClick}>${label}</button>`;
}

function renderRow(view: RecordRowsView, row: Row, index: number, count: number): TemplateResult {
  const { words: t, locale } = view;
  const u = row.upload;
  const s: RowState = u?.state ?? 'ready';
  const id = `row-${row.key}`;
  const editable = s === 'ready' && !view.disabled;
  const p = u?.progress;
  const percent = p && p.bytesTotal ? Math.floor((p.bytesSent / p.bytesTotal) * 100) : 0;
  const showProgress = s === 'uploading' || s === 'paused' || s === 'verifying' || s === 'hashing' || (s === 'failed' && percent > 0);
  const detail = s === 'rejected' ? view.reason(row) : s === 'failed' ? view.failure(row) : '';
  const valueText = p ? t.bytesOf(formatFileSize(p.bytesSent, locale), formatFileSize(p.bytesTotal, locale)) : '';
  const act = (label: string, action: RowAction) => button(view, label, () => view.act(row, action), action, t.actionFor(label, row.title));
  return html`<div part="row" class="row ${s}" role="listitem" aria-setsize=${count} aria-posinset=${index + 1}>
    <div class="fields">
      ${editable
        ? html`<label class="field"><span>${t.titleLabel}</span><input part="title" type="text" maxlength="200" autocomplete="off"
              .value=${row.title} @input=${(e: Event) => view.setTitle(row, (e.target as HTMLInputElement).value)}></label>
            <label class="field"><span>${t.kindLabel}</span><select part="kind" @change=${(e: Event) => view.setKind(row, (e.target as HTMLSelectElement).value as RecordKind)}>
              ${RECORD_KINDS.map((k) => html`<option value=${k} ?selected=${k === row.kind}>${recordKindText(k, locale).label}</option>`)}
            </select></label>`
        : html`<span class="title" id="${id}-title">${row.title}</span><span class="kind">${recordKindText(row.kind, locale).label}</span>`}
    </div>
    <div class="state">
      <span part="status" class="status">${stateText(s, t)}</span>
      ${detail ? html`<span class="detail">${detail}</span>` : nothing}
      ${showProgress && p ? html`<div part="progress" class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}
            aria-valuetext=${valueText} aria-label=${row.title}><div class="fill" ${cssomSize('width', `${percent}%`)}></div></div>
          <span class="numbers">${valueText}${s === 'uploading' && p.speed > 0 ? html` · ${t.speed(formatFileSize(p.speed, locale))}` : nothing}${s === 'uploading' && p.secondsLeft !== undefined ? html` · ${t.timeLeft(duration(p.secondsLeft, locale))}` : nothing}</span>` : nothing}
    </div>
    <div class="row-actions">
      ${s === 'ready' || s === 'rejected' || s === 'cancelled' ? act(t.remove, 'remove') : nothing}
      ${ACTIVE.includes(s) ? act(t.pause, 'pause') : nothing}
      ${s === 'paused' ? act(t.resume, 'resume') : nothing}
      ${s === 'failed' ? act(t.retry, 'retry') : nothing}
      ${ACTIVE.includes(s) || s === 'paused' || s === 'failed' ? act(t.cancel, 'cancel') : nothing}
    </div>
  </div>`;
}

/** The buttons acting on every record, the summary and the windowed list of rows. */
export function renderRecordRows(view: RecordRowsView): TemplateResult | typeof nothing {
  const { rows, words: t, slice } = view;
  const count = rows.length;
  if (!count) return nothing;
  const states = rows.map((r) => r.upload?.state ?? 'ready');
  const ready = states.filter((s) => s === 'ready').length;
  const sent = rows.filter((r) => r.upload && r.upload.state !== 'cancelled').length;
  const verified = states.filter((s) => s === 'verified').length;
  const all = (label: string, action: BatchAction) => button(view, label, () => view.batch(action), action);
  return html`
    <div part="actions" class="actions">
      ${ready ? html`<button part="button send" class="send primary" type="button" ?disabled=${view.disabled || !view.canSend} @click=${() => view.batch('send')}>${t.sendAll(ready)}</button>` : nothing}
      ${states.some((s) => ACTIVE.includes(s)) ? all(t.pauseAll, 'pause-all') : nothing}
      ${states.includes('paused') ? all(t.resumeAll, 'resume-all') : nothing}
      ${states.includes('failed') ? all(t.retryAll, 'retry-all') : nothing}
      ${states.some((s) => ACTIVE.includes(s) || s === 'paused' || s === 'ready' || s === 'failed') ? all(t.cancelAll, 'cancel-all') : nothing}
    </div>
    ${sent ? html`<p class="summary">${t.summary(verified, sent)}</p>` : nothing}
    <div part="list" class="list" role="list" aria-label=${t.listLabel} @scroll=${(e: Event) => view.scrolled(e.currentTarget as HTMLElement)}>
      <div class="spacer" ${cssomSize('height', `${slice.padBefore}px`)} aria-hidden="true"></div>
      ${rows.slice(slice.start, slice.end).map((r, i) => renderRow(view, r, slice.start + i, count))}
      <div class="spacer" ${cssomSize('height', `${slice.padAfter}px`)} aria-hidden="true"></div>
    </div>`;
}
