// The words of <so-record-uploader>, in English and Canadian French. Record kind labels come
// from the core (`recordKindText`); sizes, speeds and durations from Intl.
import type { Locale } from '../../core/model/codes.js';

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

const en: UploaderMessages = {
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

const frCA: UploaderMessages = {
  heading: 'Vos dossiers',
  dropTitle: 'Ajouter des dossiers',
  dropHint: 'Glissez des fichiers ou un dossier ici, ou appuyez pour choisir des fichiers. PDF, photos (JPEG, PNG, HEIC, TIFF), imagerie (DICOM) ou ZIP.',
  sizeHint: (size) => `Chaque fichier doit faire moins de ${size}.`,
  chooseFolder: 'Choisir un dossier',
  takePhoto: 'Prendre une photo',
  listLabel: 'Dossiers à envoyer',
  kindLabel: 'Type de dossier',
  titleLabel: 'Titre',
  defaultTitle: (kind, n) => `${kind} ${n}`,
  sendAll: (n) => (n === 1 ? 'Envoyer 1 dossier' : `Envoyer ${n} dossiers`),
  pauseAll: 'Tout mettre en pause',
  resumeAll: 'Tout reprendre',
  retryAll: 'Tout réessayer',
  cancelAll: 'Tout annuler',
  pause: 'Pause',
  resume: 'Reprendre',
  retry: 'Réessayer',
  cancel: 'Annuler',
  remove: 'Retirer',
  actionFor: (action, title) => `${action} : ${title}`,
  stateReady: 'Prêt à envoyer',
  stateQueued: 'En attente d’envoi',
  stateHashing: 'Vérification du fichier',
  stateUploading: 'Envoi en cours',
  statePaused: 'En pause',
  stateVerifying: 'Confirmation de la réception complète',
  stateVerified: 'Reçu et vérifié',
  stateRejected: 'Refusé',
  stateFailed: 'Non envoyé',
  stateCancelled: 'Annulé',
  reasonEmpty: 'Le fichier est vide. Choisissez un autre fichier.',
  reasonTooLarge: (limit) => `Le fichier est trop gros. Choisissez un fichier de moins de ${limit}.`,
  reasonType: 'Ce type de fichier ne peut pas être envoyé. Envoyez un PDF, une photo (JPEG, PNG, HEIC, TIFF), de l’imagerie (DICOM) ou un fichier ZIP.',
  reasonHashMismatch: 'Le fichier a changé en route. Choisissez-le de nouveau pour l’envoyer.',
  reasonOther: 'Le service n’a pas accepté ce fichier.',
  failedNetwork: 'La connexion a été perdue. Vérifiez votre connexion, puis réessayez.',
  failedIntegrity: 'Le fichier arrivait toujours abîmé. Vérifiez votre connexion, puis réessayez.',
  failedAuth: 'Votre session a pris fin. Connectez-vous de nouveau, puis réessayez.',
  failedOther: 'Un problème est survenu. Réessayez.',
  bytesOf: (sent, total) => `${sent} sur ${total}`,
  speed: (v) => `${v}/s`,
  timeLeft: (d) => `environ ${d} restantes`,
  checklistHeading: 'Dossiers dont le spécialiste a besoin',
  checklistDone: 'reçu',
  checklistNeeded: 'à fournir',
  checklistEmpty: 'Aucun dossier précis n’est demandé. Envoyez ce que vous avez.',
  summary: (v, t) => `${v} dossier${v > 1 ? 's' : ''} sur ${t} reçu${v > 1 ? 's' : ''} et vérifié${v > 1 ? 's' : ''}`,
  announceProgress: (p) => `Envoi des dossiers : ${p} terminé`,
  announceVerified: (title) => `${title} a été reçu et vérifié.`,
  announceRejected: (title, reason) => `${title} a été refusé. ${reason}`,
  announceFailed: (title) => `${title} n’a pas été envoyé. Vous pouvez réessayer.`,
  announceAdded: (n) => (n <= 1 ? `${n} fichier ajouté.` : `${n} fichiers ajoutés.`),
  required: 'Ajoutez au moins un dossier.',
};

/** The built-in catalogues of <so-record-uploader>. */
export const UPLOADER_MESSAGES: Record<Locale, UploaderMessages> = { en, 'fr-CA': frCA };
