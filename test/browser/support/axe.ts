// Every element test runs axe-core on what it rendered (through chai-a11y-axe).
import { expect } from '@open-wc/testing';

/** Fails the test when axe-core finds any violation in `el` (shadow roots included). */
export async function expectAccessible(el: Element): Promise<void> {
  await expect(el).to.be.accessible();
}

/** Fails the test when axe-core finds nothing wrong: the negative control. */
export async function expectInaccessible(el: Element): Promise<void> {
  await expect(el).not.to.be.accessible();
}
