// The rules of <so-record-uploader>'s rows (record-rows.view.ts), adopted when they load.
import { css } from 'lit';

/** The rows' own rules, adopted when they load. */
export const recordRowsStyles = [css`
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
