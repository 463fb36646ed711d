// Language resolution without a global singleton: the element, then its ancestors, then the
// provider, then <html>. One shared observer re-renders elements when any `lang` changes.

/** The nearest non-empty `lang`, from `el` up through ancestors and shadow hosts. */
export function closestLang(el: Element): string | undefined {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 1000; depth++) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
  }
  return undefined;
}

/** Resolves the BCP 47 tag an element speaks: its own or an ancestor's `lang`, the provider's, then <html>. */
export function resolveLang(el: Element, providerLocale?: string): string {
  const own = closestLang(el);
  if (own) return own;
  if (providerLocale) return providerLocale;
  return el.ownerDocument.documentElement.lang || 'en';
}

interface Rerenders { requestUpdate(): void }

const subscribers = new Set<Rerenders>();
let observer: MutationObserver | undefined;

/** Re-renders `el` whenever a `lang` attribute changes in its document. */
export function observeLang(el: Rerenders & Element): void {
  subscribers.add(el);
  if (!observer) {
    observer = new MutationObserver(() => subscribers.forEach((s) => s.requestUpdate()));
    observer.observe(el.ownerDocument.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
}

/** Stops re-rendering `el` on `lang` changes. */
export function unobserveLang(el: Rerenders): void {
  subscribers.delete(el);
  if (subscribers.size === 0) {
    observer?.disconnect();
    observer = undefined;
  }
}
