// One document-level live region per politeness, shared by every element (and by host code).
const ids = { polite: 'so-announcer-polite', assertive: 'so-announcer-assertive' } as const;

/** How urgently assistive technology reads the message. */
export type Politeness = keyof typeof ids;

function region(doc: Document, politeness: Politeness): HTMLElement {
  const existing = doc.getElementById(ids[politeness]);
  if (existing) return existing;
  const el = doc.createElement('div');
  el.id = ids[politeness];
  el.setAttribute('aria-live', politeness);
  el.setAttribute('aria-atomic', 'true');
  el.setAttribute('role', politeness === 'assertive' ? 'alert' : 'status');
  // Visually hidden through the CSSOM: a style attribute would break a strict CSP.
  const hide: Record<string, string> = {
    position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: '0', overflow: 'hidden',
    clip: 'rect(0 0 0 0)', 'clip-path': 'inset(50%)', 'white-space': 'nowrap', border: '0',
  };
  for (const [k, v] of Object.entries(hide)) el.style.setProperty(k, v);
  doc.body.append(el);
  return el;
}

/**
 * Reads `message` out to screen reader users through a document-level live region. Resolves once
 * the text is in the region. Never pass names, file names or other health data.
 */
export function announce(message: string, options: { politeness?: Politeness; document?: Document } = {}): Promise<void> {
  const doc = options.document ?? document;
  const el = region(doc, options.politeness ?? 'polite');
  el.textContent = '';
  // Cleared first and filled a moment later, so the same message twice is read twice.
  return new Promise((resolve) => {
    setTimeout(() => {
      el.textContent = message;
      resolve();
    }, 50);
  });
}
