// <so-provider>: builds (or takes) the client and hands it, the locale and the appearance to
// every element inside, whatever order the scripts load in.
import { ContextProvider } from '@lit/context';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { TokenGetter } from '../../core/backend.js';
import { createClient, type SecondOpinionClient } from '../../core/client/client.js';
import { isSecondOpinionError, ProtocolError } from '../../core/errors.js';
import type { Appearance } from '../shared/appearance.js';
import { compileAppearance, setAppearanceProperties } from '../shared/appearance.js';
import { SoElement } from '../shared/base-element.js';
import { onUnclaimedError } from '../shared/client-errors.js';
import { appearanceContext, clientContext, localeContext } from '../shared/context.js';
import { DEV_DOCS, devWarn } from '../shared/dev.js';
import { SoClientChangeEvent, SoErrorEvent } from '../shared/events.js';
import { closestLang } from '../shared/i18n/lang.js';
import { createBackend, type BackendKind } from './backends.js';
import { providerStyles } from './provider.styles.js';

let scopes = 0;

/**
 * Gives every kit element inside it a client, a language and an appearance. Set `backend` and
 * `endpoint` (plus `.getAccessToken`), or hand it a ready client through `.client`.
 *
 * @summary Provides the client, language and appearance to the elements inside it.
 * @tagname so-provider
 * @slot - The kit elements (and any other content) the provider serves.
 * @fires {SoErrorEvent} so-error - A client error no element showed to the person (`event.error`, `event.operation`).
 * @fires {SoClientChangeEvent} so-client-change - The provided client was built or replaced.
 * @cssprop --so-color-scheme - Set from `theme` or `appearance.theme`.
 */
export class SoProvider extends SoElement {
  static override tagName = 'so-provider';
  static override styles = providerStyles;

  /** Which backend to build: `rest` (the kit's HTTP protocol), `fhir`, or `memory` (demos and tests). */
  @property() backend: BackendKind = 'rest';

  /** The backend's base URL (for `rest` and `fhir`). */
  @property() endpoint?: string;

  /** `auto` (follow the system), `light` or `dark`. `appearance.theme` takes precedence. */
  @property({ reflect: true }) theme: 'auto' | 'light' | 'dark' = 'auto';

  /** Supplies the bearer token per request; the kit never stores it. */
  @property({ attribute: false }) getAccessToken?: TokenGetter;

  /** Stripe-style `{ theme, variables, rules }`, compiled to `--so-*` properties and `::part()` rules. */
  @property({ attribute: false }) appearance?: Appearance;

  @state() private builtClient?: SecondOpinionClient;
  private readonly scopeId = String(++scopes);
  private readonly scope = `so-provider[data-so-scope="${this.scopeId}"]`;
  private builtFor?: string;
  private readonly sheet = typeof CSSStyleSheet === 'undefined' ? undefined : new CSSStyleSheet();
  private adoptedBy?: Document | ShadowRoot;
  private appliedProperties: string[] = [];
  private stopReporting?: () => void;
  private build = 0;

  private readonly clientProvider = new ContextProvider(this, { context: clientContext });
  private readonly localeProvider = new ContextProvider(this, { context: localeContext });
  private readonly appearanceProvider = new ContextProvider(this, { context: appearanceContext });

  /** The client the provider hands out: `.client` if set, else the one it built. */
  override get activeClient(): SecondOpinionClient | undefined {
    return this.client ?? this.builtClient;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('data-so-scope', this.scopeId);
    this.adopt();
    this.watchErrors(this.activeClient);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unadopt();
    this.stopReporting?.();
    this.stopReporting = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const settingsChanged = !this.hasUpdated || changed.has('backend') || changed.has('endpoint') || changed.has('client');
    if (!this.client && settingsChanged) void this.buildClient();
    super.willUpdate(changed);
    this.clientProvider.setValue(this.activeClient);
    this.localeProvider.setValue(closestLang(this) ?? (this.ownerDocument.documentElement.lang || undefined));
    if (changed.has('appearance') || changed.has('theme')) this.applyAppearance();
  }

  protected override clientChanged(client: SecondOpinionClient | undefined): void {
    this.watchErrors(client);
    if (client) this.emit(new SoClientChangeEvent());
  }

  private async buildClient(): Promise<void> {
    const build = ++this.build;
    const key = `${this.backend} ${this.endpoint ?? ''}`;
    if (this.builtFor === key && this.builtClient) return;
    this.builtFor = key;
    try {
      const backend = await createBackend(this.backend, this.endpoint);
      if (build !== this.build) return;
      this.builtClient = createClient({
        backend,
        // Read on every call, so setting a new getter needs no new client.
        getAccessToken: (options) => this.getAccessToken?.(options),
        locale: this.locale,
      });
    } catch (e) {
      if (build !== this.build) return;
      this.builtFor = undefined;
      const error = isSecondOpinionError(e) ? e : new ProtocolError({ cause: e });
      const topic = `provider-${this.backend}` as const;
      devWarn(topic in DEV_DOCS ? topic : 'provider', `<so-provider>: could not build the ${this.backend} backend: ${error.message}${error.path ? ` (${error.path})` : ''}`);
      this.emit(new SoErrorEvent(error, 'provider.connect'));
    }
  }

  private watchErrors(client: SecondOpinionClient | undefined): void {
    this.stopReporting?.();
    this.stopReporting = client && this.isConnected
      ? onUnclaimedError(client, (error, operation) => this.emit(new SoErrorEvent(error, operation)))
      : undefined;
  }

  private applyAppearance(): void {
    const appearance: Appearance = { ...this.appearance, theme: this.appearance?.theme ?? this.theme };
    const compiled = compileAppearance(appearance, this.scope);
    this.appliedProperties = setAppearanceProperties(this, compiled, this.appliedProperties);
    this.sheet?.replaceSync(compiled.css);
    this.appearanceProvider.setValue(this.appearance);
  }

  private adopt(): void {
    const root = this.getRootNode() as Document | ShadowRoot;
    if (!this.sheet || !('adoptedStyleSheets' in root)) return;
    this.adoptedBy = root;
    if (!root.adoptedStyleSheets.includes(this.sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
  }

  private unadopt(): void {
    const root = this.adoptedBy;
    if (root && this.sheet) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.sheet);
    this.adoptedBy = undefined;
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'so-provider': SoProvider;
  }
}
