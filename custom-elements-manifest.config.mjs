// Custom Elements Manifest from the elements' JSDoc tags (@summary @fires @csspart @cssprop @slot),
// plus the React 19 JSX and Vue typings generated from it into dist/types/.
import { mkdirSync, writeFileSync } from 'node:fs';

const header = '// Generated from custom-elements.json by custom-elements-manifest.config.mjs. Do not edit.\n';
// dist/types/*.d.ts import from dist/elements/index.d.ts, the public `second-opinion-kit/elements`,
// so every name the typings use is one an app can import too.
const publicEntry = '../elements/index.js';

// The reviewing side's elements come from their own entry, never from the patient's bundle.
const staffEntry = '../elements/staff.js';
const STAFF_FOLDERS = /^src\/components\/(?:triage-queue|case-review|opinion-editor)\//;

/** Every custom element declaration in the manifest, with the public entry that exports it. */
function elementsOf(manifest) {
  return manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName)
    .map((d) => Object.assign(Object.create(Object.getPrototypeOf(d)), d, { entry: STAFF_FOLDERS.test(m.path) ? staffEntry : publicEntry })));
}

/** Each event with its class from `@fires {SoXEvent} so-x`; an untyped event stops the build. */
function eventsOf(element) {
  return (element.events ?? []).map((ev) => {
    const type = ev.type?.text;
    if (!type || !/^So[A-Za-z]+Event$/.test(type)) {
      throw new Error(`<${element.tagName}> fires ${ev.name} without its class: write @fires {SoSomethingEvent} ${ev.name} - …`);
    }
    return { name: ev.name, type, description: ev.description };
  });
}

/** Public, writable instance fields: what a framework may set as properties. */
const propertiesOf = (e) => (e.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.readonly && m.privacy !== 'private' && m.privacy !== 'protected');

// An attribute spelled unlike its field (case-id → caseId) takes the field's own type; one with no
// field keeps the manifest's text when it names only primitives and literals, else string.
const primitiveText = /^(?:\s*(?:string|number|boolean|undefined|null|'[^']*'|"[^"]*"|\d+)\s*\|?)+$/;
function attributesOf(e) {
  const fields = new Set(propertiesOf(e).map((m) => m.name));
  return (e.attributes ?? []).filter((a) => !fields.has(a.name)).map((a) => ({
    name: a.name,
    type: a.fieldName && fields.has(a.fieldName) ? `${e.name}[${JSON.stringify(a.fieldName)}]` : primitiveText.test(a.type?.text ?? '') ? a.type.text : 'string',
  }));
}

const doc = (text, indent) => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ')} */\n` : '');
const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const capital = (name) => name[0].toUpperCase() + name.slice(1);

/** The import lines: every element class and event class, from the public entry that exports it. */
function importsOf(elements) {
  return [publicEntry, staffEntry].map((entry) => {
    const names = [...new Set(elements.filter((e) => e.entry === entry).flatMap((e) => [e.name, ...eventsOf(e).map((ev) => ev.type)]))].sort();
    return names.length ? `import type { ${names.join(', ')} } from '${entry}';` : '';
  }).filter(Boolean).join('\n');
}

function memberLines(e, indent) {
  return [
    ...propertiesOf(e).map((m) => `${doc(m.description, indent)}${indent}${JSON.stringify(m.name)}?: ${e.name}[${JSON.stringify(m.name)}];`),
    ...attributesOf(e).map((a) => `${indent}${JSON.stringify(a.name)}?: ${a.type};`),
  ];
}

// React 19 sets a prop as a property when the element has it, else as an attribute (true → "",
// false → removed), and `on` + the exact event name (`onso-step-change`) adds a listener.
function reactJsx(elements) {
  const entries = elements.map((e) => {
    const lines = [
      ...memberLines(e, '        '),
      ...eventsOf(e).map((ev) => `${doc(ev.description, '        ')}        ${JSON.stringify(`on${ev.name}`)}?: (event: ${ev.type}) => void;`),
    ];
    return `${doc(e.summary ?? e.name, '      ')}      ${JSON.stringify(e.tagName)}: SoJsxElement<${e.name}> & {\n${lines.join('\n')}\n      };`;
  });
  return `${header}import type * as React from 'react';
${importsOf(elements)}

/** React's own HTML props (key, ref, className, style, children, aria-*) for a kit element. */
type SoJsxElement<E extends HTMLElement> = React.DetailedHTMLProps<React.HTMLAttributes<E>, E>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${entries.join('\n')}
    }
  }
}

export {};
`;
}

// Vue's template compiler turns @so-step-change on an element into the prop onSoStepChange, whose
// listener runtime-dom adds for "so-step-change"; Volar checks that prop first, then the emits
// (which also give onSo-step-change).
function vue(elements) {
  const entries = elements.map((e) => {
    const events = eventsOf(e);
    const props = [
      ...memberLines(e, '      '),
      ...events.map((ev) => `${doc(ev.description, '      ')}      ${JSON.stringify(`on${capital(camel(ev.name))}`)}?: (event: ${ev.type}) => void;`),
    ];
    const emits = events.map((ev) => `${JSON.stringify(ev.name)}: (event: ${ev.type}) => void`);
    return `${doc(e.summary ?? e.name, '    ')}    ${JSON.stringify(e.tagName)}: SoVueElement<{\n${props.join('\n')}\n    }, { ${emits.join('; ')} }>;`;
  });
  return `${header}import type { ComponentOptionsMixin, DefineComponent, ObjectEmitsOptions } from 'vue';
${importsOf(elements)}

/** A kit element as Vue's template checker sees it: properties, attributes and typed events. */
type SoVueElement<Props, Emits extends ObjectEmitsOptions> = DefineComponent<Props, {}, {}, {}, {}, ComponentOptionsMixin, ComponentOptionsMixin, Emits>;

declare module 'vue' {
  interface GlobalComponents {
${entries.join('\n')}
  }
}

export {};
`;
}

function frameworkTypings() {
  return {
    name: 'so-framework-typings',
    packageLinkPhase({ customElementsManifest }) {
      const elements = elementsOf(customElementsManifest).sort((a, b) => a.tagName.localeCompare(b.tagName));
      mkdirSync('dist/types', { recursive: true });
      writeFileSync('dist/types/react-jsx.d.ts', reactJsx(elements));
      writeFileSync('dist/types/vue.d.ts', vue(elements));
    },
  };
}

// The analyzer lists modules in the order its file reads finish; sorted, the manifest's diffs show only real changes.
function sortedModules() {
  return {
    name: 'so-sorted-modules',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts', 'src/components/index.ts'],
  outdir: '.',
  litelement: true,
  plugins: [sortedModules(), frameworkTypings()],
};
