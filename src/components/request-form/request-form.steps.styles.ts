// Styles of what only steps 2-6, the error summary and the confirmation draw: they arrive with those
// parts and are adopted into the form's shadow root before it draws them.
import { css } from 'lit';

/** The later parts' styles, inside the `so` layer so host CSS wins. */
export const stepStyles = css`
  @layer so {
    textarea { min-height: 5em; resize: vertical; }
    .invalid textarea { border-color: var(--_danger); }
    .inset { border-inline-start: 6px solid var(--_border); padding-inline-start: calc(var(--_space) * 4); color: var(--_text); }
    .error-summary { border: 4px solid var(--_danger); padding: calc(var(--_space) * 4); margin-bottom: calc(var(--_space) * 8); }
    .error-summary ul { margin: 0; padding-inline-start: 1.2em; }
    .error-summary a { color: var(--_danger); font-weight: 600; }
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
  }
`;
