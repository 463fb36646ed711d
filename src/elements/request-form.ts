// Registers <so-request-form>. Importing this module is the side effect.
import { SoRequestForm } from '../components/request-form/request-form.js';

SoRequestForm.define();

export { SoRequestForm };
