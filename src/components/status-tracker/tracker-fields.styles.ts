import { css } from 'lit';

/** The fields, button rows and busy buttons of the tracker's reply and withdraw parts (both loaded on demand). */
export const fieldStyles = css`
  @layer so {
    label { display: block; font-weight: 600; margin-bottom: var(--_space); }
    textarea {
      font: inherit; color: inherit; background: var(--_background); box-sizing: border-box; width: 100%; min-height: 6em;
      border: 2px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 2);
    }
    textarea[aria-invalid='true'] { border-color: var(--_danger); }
    button[disabled] { opacity: 0.6; cursor: default; }
    .buttons { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 3); margin-top: calc(var(--_space) * 3); }
  }
`;
