import type { Messages } from './messages.js';

/** Canadian French. */
export const frCA: Messages = {
  statusPrefix: 'Statut :',
  statusLoading: 'Chargement du statut…',
  statusLoadError: 'Nous n’avons pas pu charger le statut. Vérifiez votre connexion et réessayez.',
  retry: 'Réessayer',
};
