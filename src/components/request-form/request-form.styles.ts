import { css } from 'lit';

/** Styles of `<so-request-form>`, inside the `so` layer so host CSS wins. */
export const requestFormStyles = css`
  @layer so {
    :host { display: block; max-width: 40rem; background: var(--_background); line-height: 1.5; }
    :host([hidden]) { display: none; }
    h2, h3 { line-height: 1.25; margin: 0 0 calc(var(--_space) * 4); }
    h2 { font-size: 1.6em; }
    h3 { font-size: 1.2em; margin-top: calc(var(--_space) * 6); }
    .caption { display: block; font-size: 0.6em; font-weight: 400; color: var(--_text-muted); margin-bottom: var(--_space); }
    p { margin: 0 0 calc(var(--_space) * 4); }
    .field, fieldset { margin: 0 0 calc(var(--_space) * 6); padding: 0; border: 0; min-inline-size: 0; }
    label, legend { display: block; font-weight: 600; margin-bottom: var(--_space); padding: 0; }
    .hint { color: var(--_text-muted); margin-bottom: calc(var(--_space) * 2); }
    .optional { font-weight: 400; color: var(--_text-muted); }
    input[type='text'], input[type='email'], input[type='tel'], input:not([type]), select, textarea {
      box-sizing: border-box; width: 100%; font: inherit; color: var(--_text); background: var(--_background);
      padding: calc(var(--_space) * 2); border: 2px solid var(--_border); border-radius: var(--_radius);
    }
    textarea { min-height: 5em; resize: vertical; }
    .invalid { border-inline-start: 4px solid var(--_danger); padding-inline-start: calc(var(--_space) * 3); }
    .invalid input, .invalid select, .invalid textarea { border-color: var(--_danger); }
    .error-message { color: var(--_danger); font-weight: 600; margin-bottom: calc(var(--_space) * 2); }
    .choice { display: flex; align-items: flex-start; gap: calc(var(--_space) * 2); margin-bottom: calc(var(--_space) * 2); font-weight: 400; }
    .choice input { width: 1.4em; height: 1.4em; margin: 0.1em 0 0; flex: none; accent-color: var(--_primary); }
    .choice label { font-weight: 400; margin: 0; }
    .notice { border-inline-start: 6px solid var(--_warning); background: var(--_warning-bg); color: var(--_text); padding: calc(var(--_space) * 3); font-weight: 600; }
    .inset { border-inline-start: 6px solid var(--_border); padding-inline-start: calc(var(--_space) * 4); color: var(--_text); }
    .error-summary { border: 4px solid var(--_danger); padding: calc(var(--_space) * 4); margin-bottom: calc(var(--_space) * 8); }
    .error-summary ul { margin: 0; padding-inline-start: 1.2em; }
    .error-summary a { color: var(--_danger); font-weight: 600; }
    .actions { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 3); margin-top: calc(var(--_space) * 8); }
    button { font: inherit; cursor: pointer; border-radius: var(--_radius); padding: calc(var(--_space) * 2) calc(var(--_space) * 4); }
    .primary { background: var(--_primary); color: var(--_background); border: 2px solid var(--_primary); font-weight: 600; }
    .secondary { background: var(--_background); color: var(--_primary); border: 2px solid var(--_primary); }
    .link { background: none; border: 0; padding: 0; color: var(--_primary); text-decoration: underline; }
    [aria-disabled='true'] { opacity: 0.7; cursor: progress; }
    .question { border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 3); margin-bottom: calc(var(--_space) * 4); }
    .question-tools { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 2); margin-top: calc(var(--_space) * 2); }
    .question-tools button { padding: var(--_space) calc(var(--_space) * 2); }
    dl { margin: 0 0 calc(var(--_space) * 4); }
    .row { display: grid; grid-template-columns: minmax(8rem, 1fr) 2fr; gap: calc(var(--_space) * 2); padding: calc(var(--_space) * 2) 0; border-bottom: 1px solid var(--_border); }
    dt { font-weight: 600; }
    dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
    .section-head { display: flex; justify-content: space-between; align-items: baseline; gap: calc(var(--_space) * 2); }
    .consent-text { border: 1px solid var(--_border); padding: calc(var(--_space) * 3); border-radius: var(--_radius); }
    .panel { border: 4px solid var(--_success); background: var(--_success-bg); padding: calc(var(--_space) * 5); margin-bottom: calc(var(--_space) * 6); }
    .reference { font-size: 1.6em; font-weight: 700; overflow-wrap: anywhere; }
    .checklist li { margin-bottom: calc(var(--_space) * 2); }
    .checklist .why { display: block; color: var(--_text-muted); }
    @media (forced-colors: active) { .primary { border-color: ButtonText; } }
  }
`;
