// The words of every e-mail the server sends, in English and Canadian French. A message says which
// news there is, the case reference and where to read it: never a name, a diagnosis, a record's
// title or file name, a message's text, or a reason. The reader signs in (or opens the care-team
// link) to see the rest.
import type { Locale } from '../../core/model/codes.js';
import type { NoticeKind } from './messages.js';

/** One e-mail, in plain text. */
export interface MailText {
  subject: string;
  text: string;
}

/** The kit's locale for a patient's preferred language (a BCP 47 tag): French for any `fr`, else English. */
export function mailLocale(preferred: string | undefined): Locale {
  return preferred?.toLowerCase().startsWith('fr') ? 'fr-CA' : 'en';
}

function longDate(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr-CA' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(isoDate.length === 10 ? `${isoDate}T12:00:00Z` : isoDate));
}

const PRIVACY = {
  en: 'For your privacy, this message contains no health information.',
  'fr-CA': 'Pour protéger votre vie privée, ce message ne contient aucun renseignement de santé.',
} as const;

/** The notice for a patient or requester. */
export function patientNotice(kind: NoticeKind, locale: Locale, v: { reference: string; link: string; service: string; expectedBy?: string }): MailText {
  const fr = locale === 'fr-CA';
  const ref = v.reference;
  const lines = (subject: string, body: string, action: string): MailText => ({
    subject,
    text: [fr ? 'Bonjour,' : 'Hello,', '', body, '', action, v.link, '', PRIVACY[locale], '', v.service, ''].join('\n'),
  });
  switch (kind) {
    case 'information_requested':
      return fr
        ? lines(`Des renseignements sont nécessaires : demande ${ref}`, `L’équipe qui étudie la demande de deuxième avis ${ref} a besoin de renseignements de plus pour continuer.`, 'Connectez-vous pour voir ce qui est demandé :')
        : lines(`Information is needed: request ${ref}`, `The team reviewing second-opinion request ${ref} needs more information to continue.`, 'Sign in to see what is needed:');
    case 'accepted': {
      const when = v.expectedBy ? longDate(v.expectedBy, locale) : undefined;
      return fr
        ? lines(`Demande acceptée : ${ref}`, `La demande de deuxième avis ${ref} a été acceptée et confiée à un ou une spécialiste.${when ? ` L’avis est attendu d’ici le ${when}.` : ''}`, 'Connectez-vous pour suivre la demande :')
        : lines(`Request accepted: ${ref}`, `Second-opinion request ${ref} was accepted and matched to a specialist.${when ? ` The opinion is expected by ${when}.` : ''}`, 'Sign in to follow the request:');
    }
    case 'opinion_ready':
      return fr
        ? lines(`Votre deuxième avis est prêt : ${ref}`, `Le deuxième avis de la demande ${ref} est prêt.`, 'Connectez-vous pour le lire :')
        : lines(`Your second opinion is ready: ${ref}`, `The second opinion for request ${ref} is ready.`, 'Sign in to read it:');
    case 'declined':
      return fr
        ? lines(`Nouvelles de votre demande : ${ref}`, `Le service ne peut pas étudier la demande de deuxième avis ${ref}.`, 'Connectez-vous pour en lire la raison et connaître les autres possibilités :')
        : lines(`News about your request: ${ref}`, `The service cannot review second-opinion request ${ref}.`, 'Sign in to read why and what you can do next:');
  }
}

/** The notice sent to the care team when a patient shares the opinion. */
export function careTeamNotice(locale: Locale, v: { reference: string; link: string; service: string; expiresAt: string }): MailText {
  const until = longDate(v.expiresAt, locale);
  if (locale === 'fr-CA') {
    return {
      subject: `Un deuxième avis vous est transmis : ${v.reference}`,
      text: ['Bonjour,', '', `Un ou une patiente vous transmet le deuxième avis de la demande ${v.reference}, avec le rapport du ou de la spécialiste.`, '', `Ce lien personnel fonctionne jusqu’au ${until} :`, v.link, '', 'Ne transférez pas ce message : le lien donne accès à l’avis. ' + PRIVACY['fr-CA'], '', v.service, ''].join('\n'),
    };
  }
  return {
    subject: `A second opinion has been shared with you: ${v.reference}`,
    text: ['Hello,', '', `A patient has shared with you the second opinion of request ${v.reference}, with the specialist's report.`, '', `This personal link works until ${until}:`, v.link, '', 'Please do not forward this message: the link opens the opinion. ' + PRIVACY.en, '', v.service, ''].join('\n'),
  };
}
