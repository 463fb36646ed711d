// Names of provinces, territories and states in both languages, for the jurisdiction choices.
import type { Locale } from '../../core/model/codes.js';

// [code, English, French]; the French names are those Canada's Termium and the OQLF use.
const NAMES: readonly (readonly [string, string, string])[] = [
  ['CA-AB', 'Alberta', 'Alberta'], ['CA-BC', 'British Columbia', 'Colombie-Britannique'], ['CA-MB', 'Manitoba', 'Manitoba'],
  ['CA-NB', 'New Brunswick', 'Nouveau-Brunswick'], ['CA-NL', 'Newfoundland and Labrador', 'Terre-Neuve-et-Labrador'],
  ['CA-NS', 'Nova Scotia', 'Nouvelle-Écosse'], ['CA-NT', 'Northwest Territories', 'Territoires du Nord-Ouest'], ['CA-NU', 'Nunavut', 'Nunavut'],
  ['CA-ON', 'Ontario', 'Ontario'], ['CA-PE', 'Prince Edward Island', 'Île-du-Prince-Édouard'], ['CA-QC', 'Quebec', 'Québec'],
  ['CA-SK', 'Saskatchewan', 'Saskatchewan'], ['CA-YT', 'Yukon', 'Yukon'],
  ['US-AL', 'Alabama', 'Alabama'], ['US-AK', 'Alaska', 'Alaska'], ['US-AZ', 'Arizona', 'Arizona'], ['US-AR', 'Arkansas', 'Arkansas'],
  ['US-CA', 'California', 'Californie'], ['US-CO', 'Colorado', 'Colorado'], ['US-CT', 'Connecticut', 'Connecticut'],
  ['US-DE', 'Delaware', 'Delaware'], ['US-FL', 'Florida', 'Floride'], ['US-GA', 'Georgia', 'Géorgie'], ['US-HI', 'Hawaii', 'Hawaï'],
  ['US-ID', 'Idaho', 'Idaho'], ['US-IL', 'Illinois', 'Illinois'], ['US-IN', 'Indiana', 'Indiana'], ['US-IA', 'Iowa', 'Iowa'],
  ['US-KS', 'Kansas', 'Kansas'], ['US-KY', 'Kentucky', 'Kentucky'], ['US-LA', 'Louisiana', 'Louisiane'], ['US-ME', 'Maine', 'Maine'],
  ['US-MD', 'Maryland', 'Maryland'], ['US-MA', 'Massachusetts', 'Massachusetts'], ['US-MI', 'Michigan', 'Michigan'],
  ['US-MN', 'Minnesota', 'Minnesota'], ['US-MS', 'Mississippi', 'Mississippi'], ['US-MO', 'Missouri', 'Missouri'],
  ['US-MT', 'Montana', 'Montana'], ['US-NE', 'Nebraska', 'Nebraska'], ['US-NV', 'Nevada', 'Nevada'],
  ['US-NH', 'New Hampshire', 'New Hampshire'], ['US-NJ', 'New Jersey', 'New Jersey'], ['US-NM', 'New Mexico', 'Nouveau-Mexique'],
  ['US-NY', 'New York', 'New York'], ['US-NC', 'North Carolina', 'Caroline du Nord'], ['US-ND', 'North Dakota', 'Dakota du Nord'],
  ['US-OH', 'Ohio', 'Ohio'], ['US-OK', 'Oklahoma', 'Oklahoma'], ['US-OR', 'Oregon', 'Oregon'], ['US-PA', 'Pennsylvania', 'Pennsylvanie'],
  ['US-RI', 'Rhode Island', 'Rhode Island'], ['US-SC', 'South Carolina', 'Caroline du Sud'], ['US-SD', 'South Dakota', 'Dakota du Sud'],
  ['US-TN', 'Tennessee', 'Tennessee'], ['US-TX', 'Texas', 'Texas'], ['US-UT', 'Utah', 'Utah'], ['US-VT', 'Vermont', 'Vermont'],
  ['US-VA', 'Virginia', 'Virginie'], ['US-WA', 'Washington', 'Washington'], ['US-WV', 'West Virginia', 'Virginie-Occidentale'],
  ['US-WI', 'Wisconsin', 'Wisconsin'], ['US-WY', 'Wyoming', 'Wyoming'], ['US-DC', 'District of Columbia', 'District de Columbia'],
  ['US-AS', 'American Samoa', 'Samoa américaines'], ['US-GU', 'Guam', 'Guam'], ['US-MP', 'Northern Mariana Islands', 'Îles Mariannes du Nord'],
  ['US-PR', 'Puerto Rico', 'Porto Rico'], ['US-VI', 'U.S. Virgin Islands', 'Îles Vierges des États-Unis'],
  ['US-UM', 'U.S. Minor Outlying Islands', 'Îles mineures éloignées des États-Unis'],
];

const BY_CODE = new Map(NAMES.map(([code, en, fr]) => [code, { en, 'fr-CA': fr }]));

/** The name of a jurisdiction in a locale; the code itself when unknown. */
export function jurisdictionName(code: string, locale: Locale): string {
  return BY_CODE.get(code)?.[locale] ?? code;
}
