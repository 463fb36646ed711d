/** The element classes and their shared helpers. Importing this module registers nothing. */
export { SoElement } from './shared/base-element.js';
export { defineElement, type VersionedElement } from './shared/define.js';
export { SoErrorEvent, SoClientChangeEvent } from './shared/events.js';
export { announce, type Politeness } from './shared/announce.js';
export { deepActiveElement, focusTarget, focusStepHeading, focusErrorSummary } from './shared/focus.js';
export { compileAppearance, type Appearance, type AppearanceTheme, type AppearanceVariables, type AppearanceRule, type CompiledAppearance } from './shared/appearance.js';
export { CATALOGUES, messagesFor } from './shared/i18n/catalogues.js';
export type { Messages, MessagesOverride } from './shared/i18n/messages.js';
export { resolveLang, closestLang } from './shared/i18n/lang.js';
export { formatDate, formatNumber, formatFileSize } from './shared/i18n/format.js';
export { clientContext, localeContext, appearanceContext } from './shared/context.js';
export { VERSION } from './shared/version.js';
export { SoProvider } from './provider/provider.js';
export type { BackendKind } from './provider/backends.js';
export { SoStatusBadge } from './status-badge/status-badge.js';
