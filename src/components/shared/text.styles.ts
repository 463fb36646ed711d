import { css } from 'lit';

/** The host box and the headings and paragraphs several elements share, in the `so` layer so host CSS wins. */
export const textStyles = css`
  @layer so {
    :host { display: block; line-height: 1.5; }
    :host([hidden]) { display: none; }
    h2, h3, h4 { margin: 0 0 calc(var(--_space) * 2); line-height: 1.3; }
    h2 { font-size: 1.375em; }
    h3 { font-size: 1.125em; }
    h4 { font-size: 1em; }
    p { margin: 0 0 calc(var(--_space) * 3); }
  }
`;
