// `npm start`: runs the README's core example on the in-memory backend until the reference
// server takes over this script.
import { readFileSync } from 'node:fs';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const code = /<!-- example:core -->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
if (!code) throw new Error('README.md has no core example');
const url = `data:text/javascript,${encodeURIComponent(code.replaceAll("'second-opinion-kit'", `'${new URL('../src/index.ts', import.meta.url).href}'`))}`;
await import(url);
