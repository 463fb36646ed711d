// Registers <so-provider>. Importing this module is the side effect.
import { SoProvider } from '../components/provider/provider.js';

SoProvider.define();

export { SoProvider };
