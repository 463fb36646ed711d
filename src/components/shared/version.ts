// Kept in step with package.json by a browser test; used to spot two kit versions on one page.
/** The kit version these elements belong to. */
export const VERSION = '0.1.0';
