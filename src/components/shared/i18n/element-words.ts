// An element's own catalogue: English bundled (or, for an element whose words are most of its weight,
// fetched like the others), other languages loaded through `onDemand` the first time an element
// speaks them and kept for the page, so a page downloads only the words it shows.
import type { Locale } from '../../../core/model/codes.js';
import { onDemand, type OnDemand } from '../../../core/on-demand.js';

/** One element's catalogues by locale. */
export class ElementWords<M> {
  private readonly bundled?: M;
  private readonly parts: Partial<Record<Locale, OnDemand<M>>> = {};
  /** Languages whose catalogue could not be fetched: they speak English for the page's life. */
  private readonly fellBack = new Set<Locale>();

  /** `en` is the English catalogue itself, or how to fetch it; `loaders` fetch the other languages. */
  constructor(en: M | (() => Promise<M>), loaders: Partial<Record<Locale, () => Promise<M>>>) {
    if (typeof en === 'function') this.parts.en = onDemand(en as () => Promise<M>);
    else this.bundled = en;
    for (const [locale, load] of Object.entries(loaders) as [Locale, () => Promise<M>][]) this.parts[locale] = onDemand(load);
  }

  /** The catalogue for `locale` if it is here (English for a language that failed to load); undefined while it loads. */
  now(locale: Locale): M | undefined {
    if (locale === 'en') return this.bundled ?? this.parts.en?.now;
    const part = this.parts[locale];
    return part && !this.fellBack.has(locale) ? part.now : this.now('en');
  }

  /** The catalogue for `locale`; English while it loads (elements wait for `ready` before rendering). Needs English bundled. */
  get(locale: Locale): M {
    return this.now(locale) ?? this.now('en')!;
  }

  /**
   * Loads `locale`'s catalogue; undefined when it is already here, so callers only wait when they must.
   * A language that cannot be fetched (offline, a redeploy) falls back to English rather than nothing;
   * only an English that is not bundled and cannot be fetched rejects (and is fetched again on the next ask).
   */
  ready(locale: Locale): Promise<void> | undefined {
    if (this.now(locale)) return undefined;
    const part = this.parts[locale];
    if (!part) return this.ready('en');
    return part.load().then(
      () => undefined,
      (e: unknown) => {
        if (locale === 'en') throw e;
        this.fellBack.add(locale);
        return this.ready('en');
      },
    );
  }
}
