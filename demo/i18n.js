// The demo page's own words, in English and Canadian French (the kit's elements bring their own).

/** @typedef {'en' | 'fr-CA'} DemoLocale */

const en = {
  title: 'second-opinion-kit demo',
  intro: 'The whole second-opinion workflow on the reference server: a patient asks, adds records and follows the case; beside it, the kit’s staff elements triage the case, move it along and issue the opinion.',
  session: 'Demo session: the access tokens live only in this page’s memory. Reloading the page starts a new demo session, with no cases.',
  settings: 'Page settings',
  language: 'Language',
  theme: 'Theme',
  themeAuto: 'Follow the system',
  themeLight: 'Light',
  themeDark: 'Dark',
  preset: 'Appearance',
  presetDefault: 'Kit default',
  presetClinic: 'Clinic (teal, rounded)',
  presetInsurer: 'Insurer portal (navy, square)',
  presetLarge: 'Large text',
  patientHeading: 'The patient’s side',
  steps: 'Where the patient is',
  stepRequest: 'Ask for a second opinion',
  stepRecords: 'Add medical records',
  stepTracker: 'Follow the request',
  stepOpinion: 'Read the opinion',
  example: 'Fill with an example',
  exampleHint: 'Fills every step with a made-up patient and takes you to the last step. Tick the consent box and send.',
  startingSession: 'Starting a demo session…',
  sessionFailed: 'The demo session could not start. Check that the server runs with SO_DEMO=1, then reload.',
  links: 'More',
  linkDocs: 'Documentation: the docs folder of the repository',
  linkApi: 'OpenAPI document',
  linkStorybook: 'Storybook (when built)',
  staffHeading: 'The staff’s side',
  staffNote: 'The kit’s staff elements: the coordinator’s queue, the case review and the specialist’s opinion editor, with this demo session’s staff token. They see this session’s cases only.',
  editorExample: 'Fill the opinion with an example',
  editorExampleHint: 'Writes an opinion that answers the example’s questions and attaches a small report PDF. Read it over, then issue.',
  // The opinion example's words (demo/example-opinion.js).
  summaryDefault: 'The diagnosis is right, and the proposed treatment is a sound plan.',
  recommendationsDefault: 'Go ahead with the proposed treatment.\nShare this opinion with your care team.',
  // Canned answers that answer the example's questions (by their place); any other question gets the last.
  answers: [
    'Yes. For a stage II tumour of this size, surgery first is the usual and right order; chemotherapy follows.',
    'Waiting a month carries little risk at this stage, but do not wait longer than that to have the surgery.',
    'Your records support the plan your care team proposed; talk it over with them at your next visit.',
  ],
};

/** @type {typeof en} */
const fr = {
  title: 'Démonstration de second-opinion-kit',
  intro: 'Tout le parcours d’un deuxième avis sur le serveur de référence : la patiente ou le patient fait sa demande, ajoute ses dossiers et suit sa demande; à côté, les éléments de la trousse pour le personnel trient la demande, la font avancer et rendent l’avis.',
  session: 'Session de démonstration : les jetons d’accès restent seulement dans la mémoire de cette page. Recharger la page ouvre une nouvelle session de démonstration, sans demande.',
  settings: 'Réglages de la page',
  language: 'Langue',
  theme: 'Thème',
  themeAuto: 'Suivre le système',
  themeLight: 'Clair',
  themeDark: 'Sombre',
  preset: 'Apparence',
  presetDefault: 'Par défaut',
  presetClinic: 'Clinique (sarcelle, arrondi)',
  presetInsurer: 'Portail d’assureur (marine, carré)',
  presetLarge: 'Grand texte',
  patientHeading: 'Du côté de la patiente ou du patient',
  steps: 'Où en est la personne',
  stepRequest: 'Demander un deuxième avis',
  stepRecords: 'Ajouter des dossiers médicaux',
  stepTracker: 'Suivre la demande',
  stepOpinion: 'Lire l’avis',
  example: 'Remplir avec un exemple',
  exampleHint: 'Remplit chaque étape avec une personne fictive et vous amène à la dernière étape. Cochez la case de consentement et envoyez.',
  startingSession: 'Ouverture d’une session de démonstration…',
  sessionFailed: 'La session de démonstration n’a pas pu s’ouvrir. Vérifiez que le serveur tourne avec SO_DEMO=1, puis rechargez la page.',
  links: 'Plus',
  linkDocs: 'Documentation : le dossier docs du dépôt',
  linkApi: 'Document OpenAPI',
  linkStorybook: 'Storybook (une fois construit)',
  staffHeading: 'Du côté du personnel',
  staffNote: 'Les éléments de la trousse pour le personnel : la file de la coordonnatrice ou du coordonnateur, l’examen de la demande et l’éditeur d’avis de la ou du spécialiste, avec le jeton du personnel de cette session de démonstration. Ils ne voient que les demandes de cette session.',
  editorExample: 'Remplir l’avis avec un exemple',
  editorExampleHint: 'Rédige un avis qui répond aux questions de l’exemple et joint un petit rapport PDF. Relisez-le, puis rendez-le.',
  summaryDefault: 'Le diagnostic est juste, et le traitement proposé est un bon plan.',
  recommendationsDefault: 'Allez de l’avant avec le traitement proposé.\nTransmettez cet avis à votre équipe soignante.',
  answers: [
    'Oui. Pour une tumeur de stade II de cette taille, la chirurgie d’abord est l’ordre habituel et le bon; la chimiothérapie suit.',
    'Attendre un mois comporte peu de risque à ce stade, mais n’attendez pas plus longtemps pour la chirurgie.',
    'Vos dossiers appuient le plan proposé par votre équipe soignante; parlez-en avec elle à votre prochaine visite.',
  ],
};

/** The demo's words for a BCP 47 tag (French for any `fr`, else English). */
export function words(lang) {
  return /^fr\b/i.test(lang ?? '') ? fr : en;
}

/** Fills every `[data-t]` element under `root` with the word it names. */
export function applyWords(root, w) {
  for (const el of root.querySelectorAll('[data-t]')) {
    const value = w[el.getAttribute('data-t')];
    if (typeof value === 'string') el.textContent = value;
  }
}
