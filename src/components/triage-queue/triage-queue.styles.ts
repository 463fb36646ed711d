import { css } from 'lit';

/** Styles of `<so-triage-queue>`, inside the `so` layer so host CSS wins. */
export const triageQueueStyles = css`
  @layer so {
    form.filters { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 4); align-items: flex-end; margin-bottom: calc(var(--_space) * 4); }
    .field { display: flex; flex-direction: column; }
    .field .hint, .field .error { max-width: 22em; font-size: 0.9em; margin: var(--_space) 0 0; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: start; padding: calc(var(--_space) * 2) calc(var(--_space) * 3); border-bottom: 1px solid var(--_border); vertical-align: top; }
    th { font-weight: 600; }
    tr.opened { background: var(--_info-bg); }
    button.link { border: none; padding: 0; min-height: 44px; text-decoration: underline; font-weight: 600; }
    .need { font-weight: 600; }
    .need.overdue { color: var(--_danger); }
    .need.waiting, .need.replied { color: var(--_warning); }
    .need.new { color: var(--_info); }
    nav { display: flex; align-items: center; gap: calc(var(--_space) * 3); margin-top: calc(var(--_space) * 4); }
    .stale { font-style: italic; }
  }
`;
