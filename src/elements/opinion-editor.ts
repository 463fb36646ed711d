// Registers <so-opinion-editor>. Importing this module is the side effect.
import { SoOpinionEditor } from '../components/opinion-editor/opinion-editor.js';

SoOpinionEditor.define();

export { SoOpinionEditor };
