// Registers <so-record-uploader>. Importing this module is the side effect.
import { SoRecordUploader } from '../components/record-uploader/record-uploader.js';

SoRecordUploader.define();

export { SoRecordUploader };
