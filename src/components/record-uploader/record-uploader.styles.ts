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
    /* The camera is offered where there is one worth using: touch-first devices. The button only: the
       hidden <input capture> shares its class, and a rule for both showed a raw file input on phones. */
    button.camera { display: none; }
    @media (pointer: coarse) { button.camera { display: inline-block; } }
    .checklist { margin-bottom: calc(var(--_space) * 4); }
    .checklist-heading { font-weight: 600; margin: 0 0 var(--_space); }
    .checklist ul { list-style: none; margin: 0; padding: 0; }
    .checklist li { display: flex; gap: calc(var(--_space) * 2); align-items: center; }
    .checklist .tick { width: 1.1em; height: 1.1em; flex: none; color: var(--_text-muted); }
    .checklist .done .tick { color: var(--_success); }
    .detail { color: var(--_text-muted); font-size: 0.9em; }
    @media (forced-colors: active) {
      .zone { border-color: CanvasText; }
    }
  }
`;
