// The Canadian French words every staff element shares, imported by their French catalogues.
import type { StaffCommonMessages } from './staff.messages.js';

/** Canadian French. */
export const staffCommonFrCA: StaffCommonMessages = {
  retry: 'Réessayer',
  staffOnly: 'Cette page est réservée au personnel',
  staffOnlyDetail: 'Vous êtes connecté en tant que patient. Pour suivre votre demande, retournez à la page de votre demande.',
};
