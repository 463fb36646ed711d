// Plain-language words for every status, with what happens next, in English and Canadian French.
import type { Locale, Status } from '../model/codes.js';

/** How a status reads to a patient. */
export interface StatusText {
  /** A short label, sentence case. */
  label: string;
  /** One or two sentences on what happens next and who acts. */
  next: string;
}

const en: Record<Status, StatusText> = {
  draft: { label: 'Draft', next: 'Your request is saved but not sent. Finish it and send it when you are ready.' },
  submitted: { label: 'Sent', next: 'We have your request. A care coordinator will look at it, usually within 2 business days.' },
  triage: { label: 'Being checked', next: 'A care coordinator is checking that your request and records are complete and how it will be covered.' },
  info_requested: { label: 'Waiting for you', next: 'We need something from you before we can go on. See the request below. The expected date is paused until you reply.' },
  accepted: { label: 'Accepted', next: 'A specialist has been matched to your case and will start the review soon.' },
  in_review: { label: 'In review', next: 'The specialist is reviewing your records and your questions.' },
  opinion_ready: { label: 'Opinion ready', next: 'Your second opinion is ready to read. You can share it with your care team.' },
  declined: { label: 'Not accepted', next: 'This service cannot review your request. The reason is shown below. Your own doctor can help you find other options.' },
  withdrawn: { label: 'Withdrawn', next: 'You withdrew this request. Nothing more will happen with it. You can start a new request at any time.' },
};

const fr: Record<Status, StatusText> = {
  draft: { label: 'Brouillon', next: 'Votre demande est enregistrée, mais pas envoyée. Terminez-la et envoyez-la quand vous serez prêt ou prête.' },
  submitted: { label: 'Envoyée', next: 'Nous avons reçu votre demande. Une coordonnatrice ou un coordonnateur l’examinera, habituellement dans les 2 jours ouvrables.' },
  triage: { label: 'En vérification', next: 'Une coordonnatrice ou un coordonnateur vérifie que votre demande et vos dossiers sont complets, et comment elle sera couverte.' },
  info_requested: { label: 'En attente de votre réponse', next: 'Nous avons besoin d’un renseignement de votre part pour continuer. Consultez la demande ci-dessous. La date prévue est suspendue jusqu’à votre réponse.' },
  accepted: { label: 'Acceptée', next: 'Un ou une spécialiste a été choisi pour votre dossier et commencera l’examen sous peu.' },
  in_review: { label: 'En examen', next: 'Le ou la spécialiste examine vos dossiers et vos questions.' },
  opinion_ready: { label: 'Avis prêt', next: 'Votre deuxième avis est prêt. Vous pouvez le transmettre à votre équipe soignante.' },
  declined: { label: 'Non acceptée', next: 'Ce service ne peut pas examiner votre demande. La raison est indiquée ci-dessous. Votre médecin peut vous aider à trouver d’autres options.' },
  withdrawn: { label: 'Retirée', next: 'Vous avez retiré cette demande. Elle ne sera pas traitée. Vous pouvez faire une nouvelle demande en tout temps.' },
};

/** Status words by locale. */
export const STATUS_TEXT: Record<Locale, Record<Status, StatusText>> = { en, 'fr-CA': fr };

/** Resolves any BCP 47 tag to one of the kit's locales (`fr`, `fr-FR` -> `fr-CA`; anything else -> `en`). */
export function resolveLocale(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('fr') ? 'fr-CA' : 'en';
}

/** The plain-language label and next step for a status. */
export function statusText(status: Status, locale: string = 'en'): StatusText {
  return STATUS_TEXT[resolveLocale(locale)][status];
}
