// Messages for field issues, in the kit's two languages. The UI picks by code; these are the defaults.
import { resolveLocale } from './statuses.js';
import type { IssueCode, Locale } from '../model/codes.js';
import { formatSize, ISSUE_MESSAGES_EN, messageFrom, type IssueCatalogue, type IssueParams } from './issues-en.js';

const fr: IssueCatalogue = {
  required: 'Ce renseignement est nécessaire.',
  invalid_type: 'Entrez cette information sous la forme attendue.',
  too_short: (p) => `Entrez au moins ${p.minimum ?? 1} caractères.`,
  too_long: (p) => `Raccourcissez ce texte à ${p.maximum ?? 'moins de'} caractères ou moins.`,
  too_few: (p) => `Ajoutez-en au moins ${p.minimum ?? 1}.`,
  too_many: (p) => `Vous pouvez en ajouter jusqu’à ${p.maximum ?? 'un nombre limité'}.`,
  invalid_choice: 'Choisissez l’une des options.',
  invalid_format: 'Vérifiez le format de cette entrée.',
  invalid_name: 'Entrez un nom composé de lettres, d’espaces, de traits d’union ou d’apostrophes.',
  invalid_date: 'Entrez une date réelle, par exemple 1980-03-27.',
  date_in_future: 'Entrez une date passée.',
  date_implausible: 'Vérifiez l’année : elle remonte à plus de 130 ans.',
  invalid_email: 'Entrez une adresse courriel comme nom@exemple.ca.',
  invalid_phone: 'Entrez un numéro comme 514 555 0123, ou avec l’indicatif du pays comme +33 1 23 45 67 89.',
  invalid_jurisdiction: 'Choisissez une province, un territoire ou un État.',
  invalid_health_card: 'Vérifiez le numéro d’assurance maladie : il ne correspond pas au format de cette province.',
  health_card_required: 'Entrez le numéro d’assurance maladie pour la couverture provinciale.',
  invalid_member_number: 'Entrez le numéro tel qu’il figure sur la carte : de 3 à 30 lettres et chiffres.',
  contact_required: 'Entrez une adresse courriel ou un numéro de téléphone pour que l’équipe puisse vous joindre.',
  invalid_sha256: 'L’empreinte du fichier n’est pas valide.',
  unknown_field: 'Ce champ n’est pas attendu ici.',
  invalid: 'Vérifiez cette entrée.',
  file_empty: 'Ce fichier est vide. Choisissez-le de nouveau, ou choisissez-en un autre.',
  file_too_large: (p) => `Ce fichier est trop volumineux. Choisissez un fichier de moins de ${formatSize(p.maximum, 'fr')}.`,
  file_type_not_allowed: 'Ce type de fichier ne peut pas être envoyé ici. Choisissez un fichier d’un des types acceptés.',
  invalid_characters: 'Ce texte contient un caractère qui ne peut pas être enregistré (souvent à la suite d’un copier-coller). Retapez-le.',
};

/** Field-issue messages by locale. */
export const ISSUE_MESSAGES: Record<Locale, IssueCatalogue> = { en: ISSUE_MESSAGES_EN, 'fr-CA': fr };

/** The message for an issue code in a locale (`fr`, `fr-FR` fall back to `fr-CA`; anything else to `en`). */
export function issueMessage(locale: string, code: IssueCode, params: IssueParams = {}): string {
  return messageFrom(ISSUE_MESSAGES[resolveLocale(locale)], code, params);
}
