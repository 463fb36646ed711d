// argTypes and docs come from the Custom Elements Manifest (`npm run build` writes it).
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { SoProvider } from '../src/components/provider/provider.js';
import { SoStatusBadge } from '../src/components/status-badge/status-badge.js';

setCustomElementsManifest(manifest);
// Explicit calls: package.json's sideEffects covers dist/, so a bare import of src define modules may be dropped.
SoProvider.define();
SoStatusBadge.define();

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    // Fail the a11y panel's checks loudly instead of only listing them.
    a11y: { test: 'error' },
  },
};

export default preview;
