// Small readers for shadow DOM in tests.
import type { SoProvider } from '../../../src/components/provider/provider.js';

/** The visible and hidden text of an element's shadow root, whitespace collapsed. */
export function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A part inside an element's shadow root. */
export function part(el: Element, name: string): HTMLElement {
  const found = el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}" in <${el.localName}>`);
  return found;
}

/** Resolves once the provider has a client (built or given). */
export async function clientOf(provider: SoProvider) {
  if (!provider.activeClient) await new Promise((r) => provider.addEventListener('so-client-change', r, { once: true }));
  return provider.activeClient!;
}

/** Lets queued mutation-observer callbacks run, then waits for the element's render. */
export async function settled(el: { updateComplete: Promise<unknown> }): Promise<void> {
  await null;
  await el.updateComplete;
}

/** Emulates a media feature where the driver can (Chromium over CDP); other engines keep the system value. */
export async function emulateWherePossible(media: { colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' | 'no-preference' }): Promise<void> {
  if (!/Chrome\//.test(navigator.userAgent)) return;
  const { emulateMedia } = await import('@web/test-runner-commands');
  await emulateMedia(media);
}
