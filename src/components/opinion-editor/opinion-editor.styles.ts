import { css } from 'lit';

/** Styles of `<so-opinion-editor>` (after the shared text and staff rules), inside the `so` layer so host CSS wins. */
export const opinionEditorStyles = css`
  @layer so {
    form .field { margin-bottom: calc(var(--_space) * 4); }
    form input[type='text'], form select { width: 100%; max-width: 40em; }
    .question { border-inline-start: 4px solid var(--_border); padding-inline-start: calc(var(--_space) * 3); margin-bottom: calc(var(--_space) * 4); }
    .question .text { white-space: pre-wrap; }
    .blockers { margin: 0 0 calc(var(--_space) * 3); }
    button[aria-disabled='true'] { opacity: 0.6; }
    .preview { border: 2px dashed var(--_border); padding: calc(var(--_space) * 3); margin-bottom: calc(var(--_space) * 4); }
  }
`;
