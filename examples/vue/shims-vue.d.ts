// Lets tsc import .vue files; vue-tsc (or Volar in the editor) checks the templates themselves.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
