import { css } from 'lit';

/** Styles of `<so-record-uploader>`, inside the `so` layer so host CSS wins. */
export const recordUploaderStyles = css`
  @layer so {
    :host { display: block; line-height: 1.5; }
    :host([hidden]) { display: none; }
    button {
      font: inherit; color: inherit; background: var(--_background); border: 1px solid var(--_border);
      border-radius: var(--_radius); padding: var(--_space) calc(var(--_space) * 3); cursor: pointer; min-height: 2.75rem;
    }
    button:disabled { cursor: not-allowed; opacity: 0.6; }
    button.primary { background: var(--_primary); color: var(--_background); border-color: var(--_primary); font-weight: 600; }
    .zone { border: 2px dashed var(--_primary); border-radius: var(--_radius); padding: calc(var(--_space) * 2); background: var(--_background); }
    .zone.dragging { background: var(--_info-bg); border-style: solid; }
    .pick {
      display: flex; flex-direction: column; align-items: center; gap: var(--_space); width: 100%; border: 0;
      padding: calc(var(--_space) * 6) calc(var(--_space) * 4); background: transparent; text-align: center;
    }
    .pick .icon { width: 2rem; height: 2rem; color: var(--_primary); }
    .drop-title { font-weight: 600; font-size: 1.125em; color: var(--_primary); }
    .hint { color: var(--_text-muted); text-align: center; margin: 0 0 calc(var(--_space) * 2); }
    .more { display: flex; gap: calc(var(--_space) * 2); justify-content: center; flex-wrap: wrap; }
    /* The camera is offered where there is one worth using: touch-first devices. */
    .camera { display: none; }
    @media (pointer: coarse) { .camera { display: inline-block; } }
    .checklist { margin-bottom: calc(var(--_space) * 4); }
    .checklist-heading { font-weight: 600; margin: 0 0 var(--_space); }
    .checklist ul { list-style: none; margin: 0; padding: 0; }
    .checklist li { display: flex; gap: calc(var(--_space) * 2); align-items: center; }
    .checklist .tick { width: 1.1em; height: 1.1em; flex: none; color: var(--_text-muted); }
    .checklist .done .tick { color: var(--_success); }
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
    .kind, .numbers, .detail { color: var(--_text-muted); font-size: 0.9em; }
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
    @media (forced-colors: active) {
      .fill { background: Highlight; }
      .zone { border-color: CanvasText; }
    }
  }
`;
