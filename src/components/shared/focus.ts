// Focus helpers: where focus goes when a step changes or an error summary appears.

/** The focused element, looking inside open shadow roots. */
export function deepActiveElement(root: Document | ShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Moves focus to a heading or container that is not focusable by itself (tabindex -1 is added
 * once), so screen readers start reading at the new step. Returns whether focus landed there.
 */
export function focusTarget(el: HTMLElement, options: { preventScroll?: boolean } = {}): boolean {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: options.preventScroll ?? false });
  const root = el.getRootNode() as Document | ShadowRoot;
  return root.activeElement === el;
}

/** Focuses `el`: a control as it is, anything else (a heading, a status line) through `focusTarget`. */
export function focusElement(el: HTMLElement): boolean {
  if (el.matches('input, select, textarea, button, a[href], [tabindex]')) {
    el.focus();
    return (el.getRootNode() as Document | ShadowRoot).activeElement === el;
  }
  return focusTarget(el);
}

/** Focuses a new step's heading (GOV.UK pattern: the heading is read first). */
export function focusStepHeading(heading: HTMLElement): boolean {
  return focusTarget(heading);
}

/** Focuses an error summary and scrolls it into view, so the person hears the list of problems. */
export function focusErrorSummary(summary: HTMLElement): boolean {
  const ok = focusTarget(summary, { preventScroll: true });
  summary.scrollIntoView({ block: 'start' });
  return ok;
}
