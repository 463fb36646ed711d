// The --so-* design tokens every element reads, with light and dark defaults. Everything sits in
// the `so` cascade layer so the host page's CSS wins without !important.
import { css } from 'lit';

/** Shared host styles: tokens, colour scheme, focus ring, reduced motion and forced colours. */
export const tokenStyles = css`
  @layer so {
    :host {
      color-scheme: var(--so-color-scheme, light dark);
      --_text: var(--so-color-text, light-dark(#1b1f24, #e8eaed));
      --_text-muted: var(--so-color-text-muted, light-dark(#4a525c, #b4bbc4));
      --_background: var(--so-color-background, light-dark(#ffffff, #16191d));
      --_border: var(--so-color-border, light-dark(#8a939e, #6b737d));
      /* A host's primary and focus colours are light-mode colours (the demo's teal #00695c was 2.7:1 on
         the dark background): in dark mode the kit uses the same hue lifted to an OKLCH lightness of at
         least 0.78, which keeps 4.5:1 on the dark background and under the primary buttons' text. */
      --_primary: light-dark(var(--so-color-primary, #0b5cad), oklch(from var(--so-color-primary, #8ab8ff) max(l, 0.78) c h));
      --_focus: light-dark(var(--so-color-focus, #0b5cad), oklch(from var(--so-color-focus, #8ab8ff) max(l, 0.78) c h));
      --_neutral: var(--so-color-neutral, light-dark(#3d4450, #d3d8de));
      --_neutral-bg: var(--so-color-neutral-background, light-dark(#eef0f3, #2c3138));
      --_info: var(--so-color-info, light-dark(#0b4f8a, #a8cdf5));
      --_info-bg: var(--so-color-info-background, light-dark(#e6f0fb, #0f2e4d));
      --_success: var(--so-color-success, light-dark(#1c6430, #9ad8ab));
      --_success-bg: var(--so-color-success-background, light-dark(#e5f4ea, #10331c));
      --_warning: var(--so-color-warning, light-dark(#7a4100, #f5c978));
      --_warning-bg: var(--so-color-warning-background, light-dark(#fdf1dc, #3d2a06));
      --_danger: var(--so-color-danger, light-dark(#9b1c1c, #f4a9a9));
      --_danger-bg: var(--so-color-danger-background, light-dark(#fbe9e9, #431414));
      --_radius: var(--so-border-radius, 0.375rem);
      --_space: var(--so-spacing-unit, 0.25rem);
      --_focus-width: var(--so-focus-ring-width, 3px);
      --_focus-offset: var(--so-focus-ring-offset, 2px);
      --_duration: var(--so-duration, 150ms);
      /* Host fonts apply: no @font-face in shadow roots. */
      font-family: var(--so-font-family, inherit);
      font-size: var(--so-font-size-base, inherit);
      color: var(--_text);
    }
    :focus-visible {
      outline: var(--_focus-width) solid var(--_focus);
      outline-offset: var(--_focus-offset);
    }
    .visually-hidden {
      position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
      clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
    }
    @media (prefers-reduced-motion: reduce) {
      :host { --_duration: 0s; }
    }
    @media (forced-colors: active) {
      :focus-visible { outline-color: Highlight; }
    }
  }
`;
