import { css } from 'lit';

/** Styles of `<so-request-form>`'s first step and fields, inside the `so` layer so host CSS wins (the rest: request-form.steps.styles). */
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
    .invalid { border-inline-start: 4px solid var(--_danger); padding-inline-start: calc(var(--_space) * 3); }
    .invalid input, .invalid select { border-color: var(--_danger); }
    .error-message { color: var(--_danger); font-weight: 600; margin-bottom: calc(var(--_space) * 2); }
    .choice { display: flex; align-items: flex-start; gap: calc(var(--_space) * 2); margin-bottom: calc(var(--_space) * 2); font-weight: 400; }
    .choice input { width: 1.4em; height: 1.4em; margin: 0.1em 0 0; flex: none; accent-color: var(--_primary); }
    .choice label { font-weight: 400; margin: 0; }
    .notice { border-inline-start: 6px solid var(--_warning); background: var(--_warning-bg); color: var(--_text); padding: calc(var(--_space) * 3); font-weight: 600; }
    .actions { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 3); margin-top: calc(var(--_space) * 8); }
    button { font: inherit; cursor: pointer; border-radius: var(--_radius); padding: calc(var(--_space) * 2) calc(var(--_space) * 4); }
    .primary { background: var(--_primary); color: var(--_background); border: 2px solid var(--_primary); font-weight: 600; }
    .secondary { background: var(--_background); color: var(--_primary); border: 2px solid var(--_primary); }
    @media (forced-colors: active) { .primary { border-color: ButtonText; } }
  }
`;
