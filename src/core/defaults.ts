// The terms a backend offers when its host says nothing else: used by MemoryBackend and the reference server.
import { COVERAGE_KINDS, MEDIA_TYPES } from './model/codes.js';
import { JURISDICTIONS } from './model/jurisdictions.js';
import type { BackendConfig } from './model/config.js';

const specialty = (code: string, en: string, fr: string) => ({ code, label: { en, 'fr-CA': fr } });

/** The largest JSON request body a backend reads when its config names none: 1 MiB. */
export const DEFAULT_MAX_BODY_SIZE = 1024 ** 2;

/** The default backend configuration. */
export const DEFAULT_CONFIG: BackendConfig = {
  protocolVersion: '1',
  name: 'Second opinion service',
  specialties: [
    specialty('oncology', 'Cancer care (oncology)', 'Cancérologie (oncologie)'),
    specialty('cardiology', 'Heart (cardiology)', 'Cœur (cardiologie)'),
    specialty('neurology', 'Brain and nerves (neurology)', 'Cerveau et nerfs (neurologie)'),
    specialty('orthopedics', 'Bones and joints (orthopedics)', 'Os et articulations (orthopédie)'),
    specialty('gastroenterology', 'Digestive system (gastroenterology)', 'Système digestif (gastro-entérologie)'),
    specialty('rheumatology', 'Joints and immune system (rheumatology)', 'Articulations et système immunitaire (rhumatologie)'),
    specialty('endocrinology', 'Hormones and diabetes (endocrinology)', 'Hormones et diabète (endocrinologie)'),
    specialty('pathology', 'Lab and tissue results (pathology)', 'Résultats de laboratoire et de tissus (pathologie)'),
  ],
  jurisdictions: [...JURISDICTIONS],
  coverageKinds: [...COVERAGE_KINDS],
  consent: {
    version: '2026-11',
    text: {
      en: 'I agree that the information and records I send may be collected and reviewed by the care coordinators and the specialist who gives the second opinion, only for that purpose. I can withdraw my request at any time. If I choose to, the opinion will also be sent to the care team I name. The service may e-mail the contact I give about the progress of my request; those messages contain no health information.',
      'fr-CA': 'J’accepte que les renseignements et les dossiers que j’envoie soient recueillis et examinés par les coordonnateurs de soins et le ou la spécialiste qui donne le deuxième avis, uniquement à cette fin. Je peux retirer ma demande en tout temps. Si je le choisis, l’avis sera aussi transmis à l’équipe soignante que je nomme. Le service peut écrire par courriel à la personne-ressource que j’indique au sujet du suivi de ma demande; ces messages ne contiennent aucun renseignement de santé.',
    },
  },
  uploads: { maxSize: 4 * 1024 ** 3, acceptedTypes: [...MEDIA_TYPES], tusExtensions: [] },
  maxBodySize: DEFAULT_MAX_BODY_SIZE,
  turnaroundBusinessDays: 10,
  followUpLimit: 1,
};
