// The three lines <so-request-form> may show before its catalogue has arrived, in both languages:
// small enough to ship with the element, so even the loading state is in the page's language.
import type { Locale } from '../../core/model/codes.js';

/** The few words shown before a language's catalogue has arrived, in both languages (they are tiny). */
export const BOOT: Record<Locale, { loading: string; failed: string; retry: string }> = {
  en: { loading: 'Loading the form…', failed: 'We could not load the form. Check your connection and try again.', retry: 'Try again' },
  'fr-CA': {
    loading: 'Chargement du formulaire…',
    failed: 'Nous n’avons pas pu charger le formulaire. Vérifiez votre connexion et réessayez.',
    retry: 'Réessayer',
  },
};
