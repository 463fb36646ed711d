// Styles of a part loaded on demand, added after the element's own (constructable sheets, so a strict CSP allows them).
import type { CSSResult } from 'lit';

/** Adds each of `styles` to `root` once; a no-op where the browser has no constructable style sheets. */
export function adoptStyles(root: HTMLElement | DocumentFragment, styles: CSSResult[]): void {
  const r = root as ShadowRoot;
  for (const { styleSheet } of styles) if (styleSheet && r.adoptedStyleSheets && !r.adoptedStyleSheets.includes(styleSheet)) r.adoptedStyleSheets = [...r.adoptedStyleSheets, styleSheet];
}
