// The words every staff element shares (its catalogue spreads them in), in English; Canadian French
// in its own module, which only the elements' French catalogues import (so it loads with them).

/** What every staff element says the same way. */
export interface StaffCommonMessages {
  retry: string;
  /** A patient's token on a staff page. */
  staffOnly: string;
  staffOnlyDetail: string;
}

/** English. */
export const staffCommonEn: StaffCommonMessages = {
  retry: 'Try again',
  staffOnly: 'This page is for staff',
  staffOnlyDetail: 'You are signed in as a patient. To follow your own request, go back to your request page.',
};
