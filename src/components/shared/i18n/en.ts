import type { Messages } from './messages.js';

/** English. */
export const en: Messages = {
  statusPrefix: 'Status:',
  statusLoading: 'Loading the status…',
  statusLoadError: 'We could not load the status. Check your connection and try again.',
  retry: 'Try again',
};
