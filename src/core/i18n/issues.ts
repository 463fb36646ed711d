// Messages for field issues, in the kit's two languages. The UI picks by code; these are the defaults.
import { resolveLocale } from './statuses.js';
import type { IssueCode, Locale } from '../model/codes.js';

type Params = { minimum?: number; maximum?: number };
type Catalogue = Record<IssueCode, string | ((p: Params) => string)>;

// Sizes in the units people know (MB, GB), in the locale's number format.
function formatSize(bytes: number | undefined, lang: 'en' | 'fr' = 'en'): string {
  if (bytes === undefined) return lang === 'fr' ? 'la taille permise' : 'the allowed size';
  const [value, unit] = bytes >= 1024 ** 3 ? [bytes / 1024 ** 3, lang === 'fr' ? 'Go' : 'GB'] : [bytes / 1024 ** 2, lang === 'fr' ? 'Mo' : 'MB'];
  return `${new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}

const en: Catalogue = {
  required: 'This information is needed.',
  invalid_type: 'Enter this in the expected form.',
  too_short: (p) => `Enter at least ${p.minimum ?? 1} characters.`,
  too_long: (p) => `Shorten this to ${p.maximum ?? 'fewer'} characters or fewer.`,
  too_few: (p) => `Add at least ${p.minimum ?? 1}.`,
  too_many: (p) => `You can add up to ${p.maximum ?? 'a limited number'}.`,
  invalid_choice: 'Choose one of the options.',
  invalid_format: 'Check the format of this entry.',
  invalid_name: 'Enter a name using letters, spaces, hyphens or apostrophes.',
  invalid_date: 'Enter a real date, for example 1980-03-27.',
  date_in_future: 'Enter a date in the past.',
  date_implausible: 'Check the year: it is more than 130 years ago.',
  invalid_email: 'Enter an email address like name@example.com.',
  invalid_phone: 'Enter a phone number like 416 555 0123, or with a country code like +44 20 7946 0958.',
  invalid_jurisdiction: 'Choose a province, territory or state.',
  invalid_health_card: 'Check the health card number: it does not match that province’s format.',
  health_card_required: 'Enter the health card number for provincial coverage.',
  invalid_member_number: 'Enter the number as it appears on the card: 3 to 30 letters and numbers.',
  contact_required: 'Enter an email address or a phone number so the team can reach you.',
  invalid_sha256: 'The file’s fingerprint is not valid.',
  unknown_field: 'This field is not expected here.',
  invalid: 'Check this entry.',
  file_empty: 'This file is empty. Choose the file again, or another one.',
  file_too_large: (p) => `This file is too large. Choose a file smaller than ${formatSize(p.maximum)}.`,
  file_type_not_allowed: 'This type of file cannot be sent here. Choose a file of one of the accepted types.',
};

const fr: Catalogue = {
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
};

/** Field-issue messages by locale. */
export const ISSUE_MESSAGES: Record<Locale, Catalogue> = { en, 'fr-CA': fr };

/** The message for an issue code in a locale (`fr`, `fr-FR` fall back to `fr-CA`; anything else to `en`). */
export function issueMessage(locale: string, code: IssueCode, params: Params = {}): string {
  const cat = ISSUE_MESSAGES[resolveLocale(locale)];
  const m = cat[code];
  return typeof m === 'function' ? m(params) : m;
}
