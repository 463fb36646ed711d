import { css } from 'lit';

/** What the staff elements share (after `textStyles`): fields, buttons, errors, in the `so` layer so host CSS wins. */
export const staffStyles = css`
  @layer so {
    .muted, .hint { color: var(--_text-muted); }
    .error { color: var(--_danger); font-weight: 600; }
    .block + .block { margin-top: calc(var(--_space) * 6); }
    label, .label { display: block; font-weight: 600; margin-bottom: var(--_space); }
    input, select, textarea {
      font: inherit; color: inherit; background: var(--_background); box-sizing: border-box; min-height: 44px;
      border: 2px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 2);
    }
    textarea { width: 100%; min-height: 6em; }
    [aria-invalid='true'] { border-color: var(--_danger); }
    button {
      font: inherit; cursor: pointer; border-radius: var(--_radius); padding: calc(var(--_space) * 2) calc(var(--_space) * 4);
      border: 2px solid var(--_primary); background: var(--_primary); color: var(--_background); min-height: 44px;
    }
    button.secondary, button.link { background: var(--_background); color: var(--_primary); }
    button.danger { background: var(--_danger); border-color: var(--_danger); color: var(--_background); }
    button[disabled] { opacity: 0.6; cursor: default; }
    .buttons { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 3); margin-top: calc(var(--_space) * 3); }
    .notice { border-inline-start: 4px solid var(--_warning); background: var(--_warning-bg); padding: calc(var(--_space) * 2) calc(var(--_space) * 4); border-radius: var(--_radius); }
    @media (forced-colors: active) { .notice { border: 2px solid CanvasText; } }
  }
`;
