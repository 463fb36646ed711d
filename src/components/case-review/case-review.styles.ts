import { css } from 'lit';

/** Styles of `<so-case-review>` (after the shared text and staff rules), inside the `so` layer so host CSS wins. */
export const caseReviewStyles = css`
  @layer so {
    .summary { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 3) calc(var(--_space) * 6); align-items: baseline; }
    .status { font-weight: 600; }
    dl.request { display: grid; grid-template-columns: minmax(10em, max-content) 1fr; gap: calc(var(--_space) * 2) calc(var(--_space) * 4); margin: 0; }
    dl.request dt { font-weight: 600; }
    dl.request dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    dl.request ul, dl.request ol { margin: 0; padding-inline-start: 1.25em; }
    @media (max-width: 36em) { dl.request { grid-template-columns: 1fr; } dl.request dd { margin-bottom: calc(var(--_space) * 2); } }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: start; padding: calc(var(--_space) * 2) calc(var(--_space) * 3); border-bottom: 1px solid var(--_border); vertical-align: top; }
    td .buttons { margin: 0; gap: calc(var(--_space) * 2); }
    .preview { border: 2px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 4); margin-top: calc(var(--_space) * 4); }
    .preview iframe { width: 100%; height: min(80vh, 60rem); border: 1px solid var(--_border); }
    .preview img { max-width: 100%; height: auto; display: block; }
    .timeline { list-style: none; margin: 0; padding: 0; }
    .timeline li { padding: calc(var(--_space) * 2) 0; border-bottom: 1px solid var(--_border); }
    .timeline .at { color: var(--_text-muted); font-size: 0.9em; display: block; }
    .timeline .message { white-space: pre-wrap; margin: var(--_space) 0 0; }
    .connection { color: var(--_text-muted); font-style: italic; }
  }
`;
