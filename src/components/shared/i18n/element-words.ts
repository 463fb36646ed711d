// An element's own catalogue: English bundled, other languages loaded the first time an element
// speaks them and kept for the page, so a page downloads only the words it shows.
import type { Locale } from '../../../core/model/codes.js';

/** One element's catalogues by locale; English is always there. */
export class ElementWords<M> {
  private readonly loaded = new Map<Locale, M>();
  private readonly loading = new Map<Locale, Promise<void>>();
  private readonly loaders: Partial<Record<Locale, () => Promise<M>>>;

  constructor(en: M, loaders: Partial<Record<Locale, () => Promise<M>>>) {
    this.loaded.set('en', en);
    this.loaders = loaders;
  }

  /** The catalogue for `locale`; English while it loads (elements wait for `ready` before rendering). */
  get(locale: Locale): M {
    return this.loaded.get(locale) ?? this.loaded.get('en')!;
  }

  /** Loads `locale`'s catalogue; undefined when it is already here, so callers only wait when they must. */
  ready(locale: Locale): Promise<void> | undefined {
    if (this.loaded.has(locale)) return undefined;
    const load = this.loaders[locale];
    if (!load) return undefined;
    let pending = this.loading.get(locale);
    if (!pending) {
      pending = load().then(
        (words) => void this.loaded.set(locale, words),
        // Could not be fetched (offline, a redeploy): the element speaks English rather than nothing.
        () => void this.loaded.set(locale, this.get('en')),
      );
      this.loading.set(locale, pending);
    }
    return pending;
  }
}
