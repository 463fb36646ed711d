// Vue 3 entry. The so- tags are custom elements, not Vue components: the template compiler is told
// so at build time (Vite: vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('so-') } } })).
import type {} from 'second-opinion-kit/vue';
import 'second-opinion-kit/elements/provider.js';
import 'second-opinion-kit/elements/request-form.js';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
