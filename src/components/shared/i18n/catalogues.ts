// The built-in catalogues and the lookup that merges an element's partial override.
import { resolveLocale } from '../../../core/i18n/statuses.js';
import type { Locale } from '../../../core/model/codes.js';
import { en } from './en.js';
import { frCA } from './fr-CA.js';
import type { Messages, MessagesOverride } from './messages.js';

/** Built-in catalogues by locale. */
export const CATALOGUES: Record<Locale, Messages> = { en, 'fr-CA': frCA };

/** The catalogue for any BCP 47 tag, with an element's override on top. */
export function messagesFor(tag: string | undefined, override?: MessagesOverride): Messages {
  const base = CATALOGUES[resolveLocale(tag)];
  return override ? { ...base, ...override } : base;
}
