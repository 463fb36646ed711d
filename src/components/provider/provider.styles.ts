import { css } from 'lit';

/** `<so-provider>` adds no box of its own: its children lay out as if it were not there. */
export const providerStyles = css`
  @layer so {
    :host { display: contents; }
  }
`;
