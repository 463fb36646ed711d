import { css } from 'lit';

/** Styles of `<so-status-tracker>`, inside the `so` layer so host CSS wins. */
export const statusTrackerStyles = css`
  @layer so {
    :host { display: block; line-height: 1.5; }
    :host([hidden]) { display: none; }
    h2, h3 { margin: 0 0 calc(var(--_space) * 2); line-height: 1.3; }
    h2 { font-size: 1.375em; }
    h3 { font-size: 1.125em; }
    .block + .block { margin-top: calc(var(--_space) * 6); }
    p { margin: 0 0 calc(var(--_space) * 3); }
    .next, .muted { color: var(--_text-muted); }
    .clock { font-weight: 600; }
    .clock.paused { color: var(--_warning); background: var(--_warning-bg); padding: var(--_space) calc(var(--_space) * 2); border-radius: var(--_radius); display: inline-block; }
    .timeline { list-style: none; margin: 0; padding: 0; }
    .step { position: relative; display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 3); align-items: baseline; padding-bottom: calc(var(--_space) * 4); }
    .step::before {
      content: ''; position: absolute; inset-inline-start: 0.45em; top: 1.2em; bottom: 0; width: 2px; background: var(--_border);
    }
    .step:last-child::before { display: none; }
    .marker { flex: none; width: 1em; height: 1em; border-radius: 50%; border: 2px solid var(--_border); background: var(--_background); box-sizing: border-box; position: relative; top: 0.15em; }
    .done .marker { background: var(--_success); border-color: var(--_success); }
    .current .marker { border-color: var(--_info); background: var(--_info-bg); border-width: 4px; }
    .current.waiting .marker { border-color: var(--_warning); background: var(--_warning-bg); }
    .ended .marker { background: var(--_neutral); border-color: var(--_neutral); }
    .upcoming .label { color: var(--_text-muted); }
    .current .label, .ended .label { font-weight: 600; }
    .at { color: var(--_text-muted); font-size: 0.9em; margin-inline-start: auto; }
    .replies { flex-basis: 100%; margin: 0; padding-inline-start: calc(1em + var(--_space) * 3); list-style: none; }
    .message { white-space: pre-wrap; }
    .error { color: var(--_danger); font-weight: 600; }
    button {
      font: inherit; cursor: pointer; border-radius: var(--_radius); padding: calc(var(--_space) * 2) calc(var(--_space) * 4);
      border: 2px solid var(--_primary); background: var(--_primary); color: var(--_background); min-height: 44px;
    }
    button.secondary { background: var(--_background); color: var(--_primary); }
    .connection { color: var(--_text-muted); font-style: italic; }
    @media (forced-colors: active) {
      .marker, .done .marker, .current .marker, .ended .marker { border-color: CanvasText; }
      .done .marker, .ended .marker { background: CanvasText; }
    }
  }
`;
