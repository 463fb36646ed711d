// The Canadian French words of <so-opinion-editor>, loaded when an editor first speaks French.
import { staffCommonFrCA } from '../shared/i18n/staff.messages.fr-CA.js';
import type { EditorMessages } from './opinion-editor.messages.js';

/** Canadian French. */
export const editorFrCA: EditorMessages = {
  ...staffCommonFrCA,
  heading: (r) => `Rédiger l’avis de la demande ${r}`,
  followUpHeading: (r) => `Répondre aux questions de suivi de la demande ${r}`,
  outcomeLabel: 'Conclusion',
  outcomeChoose: 'Choisissez une conclusion',
  outcome: {
    confirmed: 'Diagnostic et plan confirmés', refined: 'Diagnostic ou plan précisé', different_diagnosis: 'Un autre diagnostic',
    treatment_change: 'Un changement de traitement', insufficient_information: 'Pas assez de renseignements pour donner un avis',
  },
  summaryLabel: 'Résumé pour le patient',
  summaryHint: 'En mots simples : le patient lit ceci en premier.',
  diagnosisLabel: 'Diagnostic (facultatif)',
  recommendationsLabel: 'Recommandations (facultatif)',
  recommendationsHint: 'Une par ligne.',
  answersHeading: 'Réponses aux questions du patient',
  question: (n) => `Question ${n}`,
  followUp: '(suivi)',
  reportLabel: 'Rapport (PDF, facultatif)',
  reportHint: 'Le patient peut le télécharger avec l’avis.',
  reportAttached: 'Le rapport est joint.',
  reportUploading: 'Ajout du rapport en cours…',
  reportFailed: 'Nous n’avons pas pu joindre ce fichier. Choisissez un PDF et réessayez.',
  issue: 'Émettre l’avis',
  issuing: 'Émission en cours…',
  blockedHeading: 'Avant de pouvoir émettre l’avis',
  needOutcome: 'Choisissez une conclusion.',
  needSummary: 'Rédigez le résumé.',
  needAnswers: (n) => `Répondez à la question ${n}.`,
  issued: 'L’avis a été émis. Le patient peut le lire maintenant.',
  movedOn: 'Cette demande a changé pendant que vous écriviez : l’avis n’a pas été émis. Nous avons rechargé la demande : votre texte est toujours là.',
  issueFailed: 'Cela n’a pas fonctionné. Vérifiez votre connexion et réessayez.',
  notReady: 'L’avis peut être rédigé une fois l’examen commencé.',
  alreadyIssued: 'L’avis a été émis. Ceci rouvre si le patient pose une question de suivi.',
  loading: 'Chargement de la demande…',
  loadError: 'Nous n’avons pas pu charger cette demande. Vérifiez votre connexion et réessayez.',
};
