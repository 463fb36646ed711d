// What <so-provider> hands to descendants. Keys are registry symbols (by major version) so two
// copies of the same kit major on one page still find each other's provider.
import { ContextRoot, createContext } from '@lit/context';
import type { SecondOpinionClient } from '../../core/client/client.js';
import type { Appearance } from './appearance.js';

/** The client elements call. */
export const clientContext = createContext<SecondOpinionClient | undefined>(Symbol.for('second-opinion-kit/v0/client'));
/** The provider's resolved locale, used when no `lang` is found on the element or its ancestors. */
export const localeContext = createContext<string | undefined>(Symbol.for('second-opinion-kit/v0/locale'));
/** The provider's appearance object. */
export const appearanceContext = createContext<Appearance | undefined>(Symbol.for('second-opinion-kit/v0/appearance'));

const ROOT = Symbol.for('second-opinion-kit/v0/context-root');

/**
 * Attaches one ContextRoot to the document (on first use, never at import), so an element that
 * upgrades before its provider still gets the client once the provider arrives.
 */
export function ensureContextRoot(doc: Document = document): void {
  const holder = doc as Document & { [ROOT]?: ContextRoot };
  if (holder[ROOT]) return;
  holder[ROOT] = new ContextRoot();
  holder[ROOT].attach(doc.documentElement);
}
