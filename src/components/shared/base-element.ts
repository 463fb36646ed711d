// The small base every element extends: client from `.client` or the provider, language
// resolution, the merged catalogue, a typed `emit`, and registration kept out of the class.
import { ContextConsumer } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SecondOpinionClient } from '../../core/client/client.js';
import { resolveLocale } from '../../core/i18n/statuses.js';
import type { Locale } from '../../core/model/codes.js';
import { appearanceContext, clientContext, ensureContextRoot, localeContext } from './context.js';
import type { Appearance } from './appearance.js';
import { watchClientErrors } from './client-errors.js';
import { onDemand } from '../../core/on-demand.js';
import { defineElement } from './define.js';
import { focusElement } from './focus.js';
import { messagesFor } from './i18n/catalogues.js';
import type { Messages, MessagesOverride } from './i18n/messages.js';
import { observeLang, resolveLang, unobserveLang } from './i18n/lang.js';
import type { ElementPort } from './port.js';
import { VERSION } from './version.js';

// The live region comes with the first announcement, never with the first paint.
const announcer = onDemand(() => import('./announce.js'));

/** The base of every second-opinion-kit element. Importing it registers nothing. */
export abstract class SoElement extends LitElement {
  /** The kit version, compared when a tag is defined twice. */
  static readonly version: string = VERSION;
  /** The tag `define()` uses by default. */
  static tagName: string;

  /** Registers this class under `tag` (default: its `tagName`); safe to call many times. */
  static define(tag?: string, registry: CustomElementRegistry = customElements): void {
    defineElement(tag ?? this.tagName, this as unknown as CustomElementConstructor & { version: string }, registry);
  }

  /** The client to call. Set it directly, or let a `<so-provider>` ancestor provide one. */
  @property({ attribute: false }) client?: SecondOpinionClient;

  /** A partial override of this element's words, e.g. `{ retry: 'Reload' }`. */
  @property({ attribute: false }) i18n?: MessagesOverride;

  @state() private providedClient?: SecondOpinionClient;
  private lastClient?: SecondOpinionClient;
  @state() private providedLocale?: string;
  /** The provider's appearance, for elements that need it beyond CSS. */
  @state() protected providedAppearance?: Appearance;

  /** What this element lends its controllers: announcements, focus after drawing, its events. */
  protected readonly port: ElementPort = {
    announce: (message, options) => void announcer.load().then((a) => a.announce(message, options), () => undefined),
    focusOn: async (id) => {
      await this.updateComplete;
      const el = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
      if (el) focusElement(el);
    },
    emit: (event) => this.emit(event),
  };

  constructor() {
    super();
    // subscribe: true so the document's ContextRoot can answer once a late provider upgrades.
    new ContextConsumer(this, { context: clientContext, subscribe: true, callback: (c) => (this.providedClient = c) });
    new ContextConsumer(this, { context: localeContext, subscribe: true, callback: (l) => (this.providedLocale = l) });
    new ContextConsumer(this, { context: appearanceContext, subscribe: true, callback: (a) => (this.providedAppearance = a) });
  }

  /** The client in use: `.client` if set, else the provider's. */
  get activeClient(): SecondOpinionClient | undefined {
    return this.client ?? this.providedClient;
  }

  /** The BCP 47 tag this element speaks (own `lang`, an ancestor's, the provider's, then `<html>`). */
  get resolvedLang(): string {
    return resolveLang(this, this.providedLocale);
  }

  /** One of the kit's locales, `en` or `fr-CA`. */
  get locale(): Locale {
    return resolveLocale(this.resolvedLang);
  }

  /** The catalogue for this element's locale with its `.i18n` override applied. */
  get messages(): Messages {
    return messagesFor(this.resolvedLang, this.i18n);
  }

  override connectedCallback(): void {
    ensureContextRoot(this.ownerDocument);
    super.connectedCallback();
    observeLang(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unobserveLang(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (client === this.lastClient) return;
    const previous = this.lastClient;
    this.lastClient = client;
    if (client) watchClientErrors(client);
    this.clientChanged(client, previous);
  }

  /** An element whose own words for `locale` are still loading returns that load; it renders once they are here. */
  protected wordsLoading(_locale: Locale): Promise<void> | undefined {
    return undefined;
  }

  // Waits for the element's words in its language (loaded on demand), so it never flashes English first.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.wordsLoading(this.locale);
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Called before render when the active client changes; elements (re)load their data here. */
  protected clientChanged(_client: SecondOpinionClient | undefined, _previous: SecondOpinionClient | undefined): void {}

  /** Dispatches one of the kit's typed events from this element. */
  protected emit<E extends Event>(event: E): boolean {
    return this.dispatchEvent(event);
  }
}
