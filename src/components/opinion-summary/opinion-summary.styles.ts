import { css } from 'lit';

/** Styles of `<so-opinion-summary>` (after the shared `textStyles`), inside the `so` layer so host CSS wins. */
export const opinionSummaryStyles = css`
  @layer so {
    section { margin-top: calc(var(--_space) * 6); }
    .muted { color: var(--_text-muted); }
    .compare { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: calc(var(--_space) * 4); }
    .opinion { border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 4); }
    .second { border-width: 2px; }
    dl { margin: 0; }
    dt { font-weight: 600; }
    dd { margin: 0 0 calc(var(--_space) * 3); white-space: pre-wrap; }
    .outcome { border-radius: var(--_radius); padding: calc(var(--_space) * 3) calc(var(--_space) * 4); margin-bottom: calc(var(--_space) * 4); }
    .outcome.good { color: var(--_success); background: var(--_success-bg); }
    .outcome.change { color: var(--_info); background: var(--_info-bg); }
    .outcome.incomplete { color: var(--_warning); background: var(--_warning-bg); }
    .outcome p { margin: 0; color: var(--_text); }
    .qa { list-style: none; margin: 0; padding: 0; }
    .qa > li { border-bottom: 1px solid var(--_border); padding: calc(var(--_space) * 3) 0; }
    .question { font-weight: 600; margin-bottom: var(--_space); }
    .answer { white-space: pre-wrap; margin: 0; }
    .tag { font-size: 0.85em; color: var(--_text-muted); display: block; }
    .error { color: var(--_danger); font-weight: 600; }
    .done { color: var(--_success); font-weight: 600; }
    button {
      font: inherit; cursor: pointer; border-radius: var(--_radius); padding: calc(var(--_space) * 2) calc(var(--_space) * 4);
      border: 2px solid var(--_primary); background: var(--_primary); color: var(--_background); min-height: 44px; margin-top: calc(var(--_space) * 2);
    }
    button.secondary { background: var(--_background); color: var(--_primary); }
    button[disabled] { opacity: 0.6; cursor: default; }
    @media (forced-colors: active) {
      .outcome { border: 2px solid CanvasText; }
    }
  }
`;
