import { css } from 'lit';

/** Styles of `<so-status-badge>`, inside the `so` layer so host CSS wins. */
export const statusBadgeStyles = css`
  @layer so {
    :host { display: inline-block; }
    :host([show-next]) { display: block; }
    :host([hidden]) { display: none; }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_space) * 1.5);
      padding: var(--_space) calc(var(--_space) * 2.5);
      border: 1px solid transparent;
      border-radius: var(--_radius);
      font-weight: 600;
      line-height: 1.4;
      transition: background-color var(--_duration) ease-out, color var(--_duration) ease-out;
    }
    .icon { width: 1.1em; height: 1.1em; flex: none; }
    .neutral { color: var(--_neutral); background: var(--_neutral-bg); }
    .info { color: var(--_info); background: var(--_info-bg); }
    .success { color: var(--_success); background: var(--_success-bg); }
    .warning { color: var(--_warning); background: var(--_warning-bg); }
    .danger { color: var(--_danger); background: var(--_danger-bg); }
    .next { margin: calc(var(--_space) * 2) 0 0; color: var(--_text-muted); }
    .error { color: var(--_danger); margin-inline-end: calc(var(--_space) * 2); }
    .retry {
      font: inherit;
      color: var(--_primary);
      background: var(--_background);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space) calc(var(--_space) * 3);
      cursor: pointer;
    }
    @media (forced-colors: active) {
      .badge { border-color: CanvasText; }
      .icon { color: CanvasText; }
    }
  }
`;
