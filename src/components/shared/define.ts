// Registration lives apart from the classes: importing a class registers nothing.
import { devWarn } from './dev.js';

/** A custom element class that says which kit version it belongs to. */
export type VersionedElement = CustomElementConstructor & { version?: string };

/**
 * Registers `ctor` as `tag` once. Registering the same class again is a no-op; another class
 * under the same tag (a second copy of the kit) is left alone, with a warning if its version differs.
 */
export function defineElement(tag: string, ctor: VersionedElement, registry: CustomElementRegistry = customElements): void {
  const existing = registry.get(tag) as VersionedElement | undefined;
  if (!existing) {
    registry.define(tag, ctor);
    return;
  }
  if (existing === ctor) return;
  if (existing.version !== ctor.version) {
    console.warn(
      `[second-opinion-kit] <${tag}> is already defined by version ${existing.version ?? 'unknown'}; version ${ctor.version ?? 'unknown'} was not registered. Load one copy of the kit per page.`,
    );
  } else {
    devWarn('define', `<${tag}> was loaded twice (same version); the first copy is used.`, `define-${tag}`);
  }
}
