/** ISO 3166-2 codes of every Canadian province and territory. */
export const CANADIAN_JURISDICTIONS = [
  'CA-AB', 'CA-BC', 'CA-MB', 'CA-NB', 'CA-NL', 'CA-NS', 'CA-NT', 'CA-NU', 'CA-ON', 'CA-PE', 'CA-QC', 'CA-SK', 'CA-YT',
] as const;

/** ISO 3166-2 codes of the US states, the District of Columbia and the inhabited territories. */
export const US_JURISDICTIONS = [
  'US-AL', 'US-AK', 'US-AZ', 'US-AR', 'US-CA', 'US-CO', 'US-CT', 'US-DE', 'US-FL', 'US-GA', 'US-HI', 'US-ID', 'US-IL',
  'US-IN', 'US-IA', 'US-KS', 'US-KY', 'US-LA', 'US-ME', 'US-MD', 'US-MA', 'US-MI', 'US-MN', 'US-MS', 'US-MO', 'US-MT',
  'US-NE', 'US-NV', 'US-NH', 'US-NJ', 'US-NM', 'US-NY', 'US-NC', 'US-ND', 'US-OH', 'US-OK', 'US-OR', 'US-PA', 'US-RI',
  'US-SC', 'US-SD', 'US-TN', 'US-TX', 'US-UT', 'US-VT', 'US-VA', 'US-WA', 'US-WV', 'US-WI', 'US-WY', 'US-DC', 'US-AS',
  'US-GU', 'US-MP', 'US-PR', 'US-VI', 'US-UM',
] as const;

/** Every jurisdiction the model accepts. */
export const JURISDICTIONS = [...CANADIAN_JURISDICTIONS, ...US_JURISDICTIONS] as const;

export type CanadianJurisdiction = (typeof CANADIAN_JURISDICTIONS)[number];
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** True when the code names a Canadian province or territory. */
export function isCanadian(code: string): code is CanadianJurisdiction {
  return (CANADIAN_JURISDICTIONS as readonly string[]).includes(code);
}
