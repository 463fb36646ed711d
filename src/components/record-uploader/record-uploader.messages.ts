// The words of <so-record-uploader>, in English (Canadian French in its own module). Record kind labels come
// from the core (`recordKindText`); sizes, speeds and durations from Intl.
import { ElementWords } from '../shared/i18n/element-words.js';

/** Every user-facing string <so-record-uploader> owns. Each catalogue defines every key. */
export interface UploaderMessages {
  heading: string;
  dropTitle: string;
  dropHint: string;
  /** The hint under the drop zone naming the size limit ("Each file must be smaller than 2 GB."). */
  sizeHint: (size: string) => string;
  chooseFolder: string;
  takePhoto: string;
  listLabel: string;
  kindLabel: string;
  titleLabel: string;
  /** The neutral default title of a record: the kind's label and a number ("Imaging 3"). */
  defaultTitle: (kindLabel: string, n: number) => string;
  sendAll: (count: number) => string;
  pauseAll: string;
  resumeAll: string;
  retryAll: string;
  cancelAll: string;
  pause: string;
  resume: string;
  retry: string;
  cancel: string;
  remove: string;
  /** Accessible names of per-record buttons, with the record's title. */
  actionFor: (action: string, title: string) => string;
  stateReady: string;
  stateQueued: string;
  stateHashing: string;
  stateUploading: string;
  statePaused: string;
  stateVerifying: string;
  stateVerified: string;
  stateRejected: string;
  stateFailed: string;
  stateCancelled: string;
  reasonEmpty: string;
  reasonTooLarge: (limit: string) => string;
  reasonType: string;
  reasonHashMismatch: string;
  reasonOther: string;
  failedNetwork: string;
  failedIntegrity: string;
  failedAuth: string;
  failedOther: string;
  /** "12 MB of 40 MB". */
  bytesOf: (sent: string, total: string) => string;
  /** "3.2 MB/s". */
  speed: (perSecond: string) => string;
  /** "about 10 seconds left". */
  timeLeft: (duration: string) => string;
  checklistHeading: string;
  checklistDone: string;
  checklistNeeded: string;
  checklistEmpty: string;
  summary: (verified: number, total: number) => string;
  /** Announced politely as the whole batch moves on. */
  announceProgress: (percent: string) => string;
  announceVerified: (title: string) => string;
  announceRejected: (title: string, reason: string) => string;
  announceFailed: (title: string) => string;
  announceAdded: (count: number) => string;
  required: string;
}

/** English. */
export const uploaderEn: UploaderMessages = {
  heading: 'Your records',
  dropTitle: 'Add records',
  dropHint: 'Drag files or a folder here, or press to choose files. PDF, photos (JPEG, PNG, HEIC, TIFF), imaging (DICOM) or ZIP.',
  sizeHint: (size) => `Each file must be smaller than ${size}.`,
  chooseFolder: 'Choose a folder',
  takePhoto: 'Take a photo',
  listLabel: 'Records to send',
  kindLabel: 'Kind of record',
  titleLabel: 'Title',
  defaultTitle: (kind, n) => `${kind} ${n}`,
  sendAll: (n) => (n === 1 ? 'Send 1 record' : `Send ${n} records`),
  pauseAll: 'Pause all',
  resumeAll: 'Resume all',
  retryAll: 'Try all again',
  cancelAll: 'Cancel all',
  pause: 'Pause',
  resume: 'Resume',
  retry: 'Try again',
  cancel: 'Cancel',
  remove: 'Remove',
  actionFor: (action, title) => `${action}: ${title}`,
  stateReady: 'Ready to send',
  stateQueued: 'Waiting to send',
  stateHashing: 'Checking the file',
  stateUploading: 'Sending',
  statePaused: 'Paused',
  stateVerifying: 'Confirming it arrived whole',
  stateVerified: 'Received and checked',
  stateRejected: 'Not accepted',
  stateFailed: 'Not sent',
  stateCancelled: 'Cancelled',
  reasonEmpty: 'The file is empty. Choose another file.',
  reasonTooLarge: (limit) => `The file is too big. Choose a file smaller than ${limit}.`,
  reasonType: 'This kind of file cannot be sent. Send a PDF, a photo (JPEG, PNG, HEIC, TIFF), imaging (DICOM) or a ZIP file.',
  reasonHashMismatch: 'The file changed on its way. Choose it again to send it.',
  reasonOther: 'The service did not accept this file.',
  failedNetwork: 'The connection was lost. Check your connection, then try again.',
  failedIntegrity: 'The file kept arriving damaged. Check your connection, then try again.',
  failedAuth: 'Your session has ended. Sign in again, then try again.',
  failedOther: 'Something went wrong. Try again.',
  bytesOf: (sent, total) => `${sent} of ${total}`,
  speed: (v) => `${v}/s`,
  timeLeft: (d) => `about ${d} left`,
  checklistHeading: 'Records the specialist needs',
  checklistDone: 'received',
  checklistNeeded: 'still needed',
  checklistEmpty: 'No particular records are asked for. Send what you have.',
  summary: (v, t) => `${v} of ${t} records received and checked`,
  announceProgress: (p) => `Sending records: ${p} done`,
  announceVerified: (title) => `${title} was received and checked.`,
  announceRejected: (title, reason) => `${title} was not accepted. ${reason}`,
  announceFailed: (title) => `${title} was not sent. You can try again.`,
  announceAdded: (n) => (n === 1 ? '1 file added.' : `${n} files added.`),
  required: 'Add at least one record.',
};

/** The uploader's catalogues: English here, Canadian French loaded when an uploader first speaks it. */
export const UPLOADER_WORDS = new ElementWords<UploaderMessages>(uploaderEn, {
  'fr-CA': () => import('./record-uploader.messages.fr-CA.js').then((m) => m.uploaderFrCA),
});
