// The request-form bench page: times <so-request-form> (over MemoryBackend, so no network) and the
// same DOM built by hand, from element creation to the first step, and from Next to the next step.
// bench/request-form.bench.ts loads it in a fresh Chromium context per sample and calls window.soBench.
import '../../src/elements/request-form.js';
// Narrow imports: the page carries what an integrator's form-only bundle would, no more.
import { SecondOpinionClient } from '../../src/core/client/client.js';
import { MemoryBackend } from '../../src/core/backends/memory/memory-backend.js';
import { DEFAULT_CONFIG } from '../../src/core/defaults.js';
import type { SoRequestForm } from '../../src/components/request-form/request-form.js';
import { valuesFrom } from '../../src/components/request-form/request-form.model.js';
import { validateStep } from '../../src/components/request-form/request-form.validation.js';
import { announce } from '../../src/components/shared/announce.js';
import { validRequest } from '../../test/fixtures/requests.js';

/** One element as data: what a hand-written builder needs to make it again. */
export interface NodeSpec {
  tag: string;
  attrs: [string, string][];
  value?: string;
  checked?: boolean;
  children: (NodeSpec | string)[];
}

/** What the Lit form rendered, taken once, for the hand-written side to build. */
export interface FormSpec {
  css: string[];
  step1: NodeSpec;
  step2: NodeSpec;
  counts: { step1: string; step2: string };
}

/** One sample's times in milliseconds, and the controls each step had. */
export interface Sample {
  firstRender: number;
  firstLayout: number;
  stepChange: number;
  counts: { step1: string; step2: string };
  /** Hand-written pages only: the first Intl.DisplayNames and localeCompare of the page (what a step 1 using them would pay). */
  intlCold?: number;
  /** Lit only: Intl objects made and localeCompare calls during the first render (its option lists come ready-made with the catalogue). */
  intlCalls?: number;
}

// What the person typed on step 1 (they fill in forward, so step 2 starts empty).
const { patient, requester } = validRequest();
const INITIAL = { patient, requester };
const STEP1_TITLE = 'Step 1 of 6';
const STEP2_TITLE = 'Step 2 of 6';

/** How many of each control kind a step has, for example `input[radio]:4 label:12 ...`. */
function controlCounts(root: ParentNode): string {
  const counts = new Map<string, number>();
  for (const el of root.querySelectorAll('input, select, option, optgroup, textarea, label, fieldset, legend, button, h2, h3')) {
    const key = el.localName === 'input' ? `input[${(el as HTMLInputElement).type}]` : el.localName;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Code-unit order, not localeCompare: the hand-written pages time Intl's first use later.
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k}:${n}`).join(' ');
}

// Resolves when `check` holds, re-checked on every DOM change under `root` (no polling).
function when(root: Node, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const obs = new MutationObserver(() => {
      if (check()) {
        obs.disconnect();
        resolve();
      }
    });
    obs.observe(root, { subtree: true, childList: true, characterData: true });
  });
}

const headingOf = (root: ParentNode) => root.querySelector<HTMLElement>('[part~="heading"]');
const shows = (root: ParentNode, title: string) => headingOf(root)?.textContent?.includes(title) ?? false;
const nextFrame = () => new Promise((r) => requestAnimationFrame(r));

function describe(el: Element): NodeSpec {
  const spec: NodeSpec = { tag: el.localName, attrs: [...el.attributes].map((a) => [a.name, a.value]), children: [] };
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) spec.value = el.value;
  if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) spec.checked = el.checked;
  for (const child of el.childNodes) {
    if (child instanceof Element) spec.children.push(describe(child));
    // Lit's whitespace between tags and its marker comments are not content a hand-written page would make.
    else if (child.nodeType === Node.TEXT_NODE && child.textContent!.trim()) spec.children.push(child.textContent!);
  }
  return spec;
}

// The hand-written side: createElement, setAttribute, append, and the control's own properties.
function build(spec: NodeSpec): Element {
  const el = document.createElement(spec.tag);
  for (const [name, value] of spec.attrs) el.setAttribute(name, value);
  for (const child of spec.children) el.append(typeof child === 'string' ? child : build(child));
  if (spec.value !== undefined) (el as HTMLInputElement).value = spec.value;
  if (spec.checked !== undefined) (el as HTMLInputElement).checked = spec.checked;
  return el;
}

// The page's client, as an integrator's page makes once: not the form's work, so made before the clock starts.
const newClient = () => new SecondOpinionClient({ backend: new MemoryBackend(), getAccessToken: () => 'bench-patient' });

function newForm(client = newClient()): SoRequestForm {
  const el = document.createElement('so-request-form');
  el.client = client;
  el.initial = INITIAL;
  return el;
}

// Counts Intl objects made and localeCompare calls until `stop()`, so the bench can say whether a first render used Intl at all.
function countIntl(): { stop(): number } {
  let calls = 0;
  const kinds = ['DisplayNames', 'Collator', 'DateTimeFormat', 'NumberFormat', 'ListFormat', 'PluralRules', 'RelativeTimeFormat'] as const;
  const intl = Intl as unknown as Record<string, unknown>;
  const saved = kinds.map((k) => [k, intl[k]] as const);
  for (const [k, ctor] of saved) {
    intl[k] = new Proxy(ctor as object, { construct: (target, args) => (calls++, Reflect.construct(target as new (...a: unknown[]) => object, args)) });
  }
  const compare = String.prototype.localeCompare;
  String.prototype.localeCompare = function (this: string, ...args: Parameters<string['localeCompare']>) {
    calls++;
    return compare.apply(this, args);
  };
  return {
    stop() {
      for (const [k, ctor] of saved) intl[k] = ctor;
      String.prototype.localeCompare = compare;
      return calls;
    },
  };
}

/** Renders the Lit form to step 1, then step 2, and returns both as data with the styles it adopted. */
async function calibrate(): Promise<FormSpec> {
  const el = newForm();
  document.body.append(el);
  const root = el.shadowRoot!;
  await when(root, () => shows(root, STEP1_TITLE));
  await el.updateComplete;
  const step1 = describe(root.querySelector('form')!);
  const counts1 = controlCounts(root);
  root.querySelector<HTMLButtonElement>('button[part~="next"]')!.click();
  await el.updateComplete;
  if (!shows(root, STEP2_TITLE)) throw new Error('Next did not reach step 2: step 1 answers are not valid');
  const step2 = describe(root.querySelector('form')!);
  const css = root.adoptedStyleSheets.map((s) => [...s.cssRules].map((r) => r.cssText).join('\n'));
  el.remove();
  if (!css.length || !css.every(Boolean)) throw new Error('the form adopted no style sheets to copy');
  return { css, step1, step2, counts: { step1: counts1, step2: controlCounts(root) } };
}

// Both sides, once step 1 is rendered: its time, then layout, then Next timed to step 2 shown and focused.
async function fromFirstRender(label: string, root: ShadowRoot, t0: number, settle: () => Promise<unknown>): Promise<Sample> {
  if (!shows(root, STEP1_TITLE)) throw new Error(`${label}: step 1 heading missing`);
  const firstRender = performance.now() - t0;
  void document.body.offsetHeight;
  const firstLayout = performance.now() - t0;
  const counts1 = controlCounts(root);

  await nextFrame();
  const t1 = performance.now();
  root.querySelector<HTMLButtonElement>('button[part~="next"]')!.click();
  await settle();
  const stepChange = performance.now() - t1;
  if (!shows(root, STEP2_TITLE) || root.activeElement !== headingOf(root)) throw new Error(`${label}: step 2 heading not shown and focused`);
  return { firstRender, firstLayout, stepChange, counts: { step1: counts1, step2: controlCounts(root) } };
}

/** <so-request-form>: creation to step 1 rendered; Next (valid answers) to step 2 rendered and focused. */
async function lit(): Promise<Sample> {
  const client = newClient();
  const intl = countIntl();
  const t0 = performance.now();
  const el = newForm(client);
  document.body.append(el);
  const root = el.shadowRoot!;
  await when(root, () => shows(root, STEP1_TITLE));
  await el.updateComplete;
  const intlCalls = intl.stop();
  return { ...(await fromFirstRender('lit', root, t0, () => el.updateComplete)), intlCalls };
}

/** The same steps built by hand into a shadow root with the same styles, with the same check on Next. */
async function hand(spec: FormSpec): Promise<Sample> {
  const values = valuesFrom(INITIAL);
  const t0 = performance.now();
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = spec.css.map((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  const form = build(spec.step1) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (validateStep(values, 'who', DEFAULT_CONFIG.consent.version).length) return;
    form.replaceChildren(...spec.step2.children.map((c) => (typeof c === 'string' ? c : build(c))));
    headingOf(form)!.focus();
    void announce(`${STEP2_TITLE}: ${headingOf(form)!.lastChild!.textContent}`);
  });
  root.append(form);
  document.body.append(host);
  await null;
  const sample = await fromFirstRender('hand', root, t0, async () => undefined);
  // Nothing on this page has used Intl yet: this is the setup the form's step 1 pays for (language
  // names through Intl.DisplayNames, jurisdiction names sorted with localeCompare).
  const t2 = performance.now();
  new Intl.DisplayNames(['en'], { type: 'language' }).of('fr-CA');
  'Alberta'.localeCompare('Yukon', 'en');
  return { ...sample, intlCold: performance.now() - t2 };
}

const api = { calibrate, lit, hand };
/** What the bench calls in the page. */
export type BenchApi = typeof api;
(window as unknown as { soBench: BenchApi }).soBench = api;
