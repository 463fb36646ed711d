// Custom Elements Manifest from the elements' JSDoc tags (@summary @fires @csspart @cssprop @slot),
// plus the React 19 JSX and Vue typings generated from it into dist/types/.
import { mkdirSync, writeFileSync } from 'node:fs';

const header = '// Generated from custom-elements.json by custom-elements-manifest.config.mjs. Do not edit.\n';

/** Every custom element declaration in the manifest, with its module path. */
function elementsOf(manifest) {
  return manifest.modules.flatMap((m) => (m.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .map((d) => ({ ...d, path: m.path })));
}

const importPath = (path) => `../${path.replace(/^src\//, '').replace(/\.ts$/, '.js')}`;
const eventProp = (name) => `on${name}`; // React 19 binds on + the exact event name
const eventType = (e) => (e.type?.text && e.type.text !== 'Event' ? e.type.text : 'Event');
const attrType = (a) => a.type?.text ?? 'string';

function reactJsx(elements) {
  const imports = elements.map((e) => `import type { ${e.name} } from '${importPath(e.path)}';`);
  const eventImports = 'import type { SoErrorEvent, SoClientChangeEvent } from \'../components/shared/events.js\';';
  const entries = elements.map((e) => {
    const props = (e.members ?? []).filter((m) => m.kind === 'field' && !m.static && m.privacy !== 'private' && m.privacy !== 'protected' && !m.readonly)
      .map((m) => `    ${JSON.stringify(m.name)}?: ${e.name}[${JSON.stringify(m.name)}];`);
    const attrs = (e.attributes ?? []).filter((a) => !(e.members ?? []).some((m) => m.name === a.name))
      .map((a) => `    ${JSON.stringify(a.name)}?: ${attrType(a)};`);
    const events = (e.events ?? []).map((ev) => `    ${JSON.stringify(eventProp(ev.name))}?: (event: ${ev.name === 'so-error' ? 'SoErrorEvent' : ev.name === 'so-client-change' ? 'SoClientChangeEvent' : eventType(ev)}) => void;`);
    return `      /** ${e.summary ?? e.name} */\n      ${JSON.stringify(e.tagName)}: React.DetailedHTMLProps<React.HTMLAttributes<${e.name}>, ${e.name}> & {\n${[...props, ...attrs, ...events].map((l) => `  ${l}`).join('\n')}\n      };`;
  });
  return `${header}import type * as React from 'react';\n${imports.join('\n')}\n${eventImports}\n\ndeclare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n${entries.join('\n')}\n    }\n  }\n}\n\nexport {};\n`;
}

function vue(elements) {
  const imports = elements.map((e) => `import type { ${e.name} } from '${importPath(e.path)}';`);
  const entries = elements.map((e) => {
    const props = [
      ...(e.members ?? []).filter((m) => m.kind === 'field' && !m.static && m.privacy !== 'private' && m.privacy !== 'protected' && !m.readonly)
        .map((m) => `${JSON.stringify(m.name)}?: ${e.name}[${JSON.stringify(m.name)}]`),
      ...(e.attributes ?? []).filter((a) => !(e.members ?? []).some((m) => m.name === a.name)).map((a) => `${JSON.stringify(a.name)}?: ${attrType(a)}`),
      ...(e.events ?? []).map((ev) => `${JSON.stringify(`on${ev.name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())}`)}?: (event: Event) => void`),
    ];
    return `    /** ${e.summary ?? e.name} */\n    ${JSON.stringify(e.tagName)}: DefineComponent<{ ${props.join('; ')} }>;`;
  });
  return `${header}import type { DefineComponent } from 'vue';\n${imports.join('\n')}\n\ndeclare module 'vue' {\n  interface GlobalComponents {\n${entries.join('\n')}\n  }\n}\n\nexport {};\n`;
}

function frameworkTypings() {
  return {
    name: 'so-framework-typings',
    packageLinkPhase({ customElementsManifest }) {
      const elements = elementsOf(customElementsManifest);
      mkdirSync('dist/types', { recursive: true });
      writeFileSync('dist/types/react-jsx.d.ts', reactJsx(elements));
      writeFileSync('dist/types/vue.d.ts', vue(elements));
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts', 'src/components/index.ts'],
  outdir: '.',
  litelement: true,
  plugins: [frameworkTypings()],
};
