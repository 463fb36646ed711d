// The slice of FHIR R4 the adapter reads and writes, typed by hand (no FHIR library reaches the browser).

/** A FHIR Reference. */
export interface Reference { reference?: string; display?: string }
/** A FHIR Coding. */
export interface Coding { system?: string; code?: string; display?: string }
/** A FHIR CodeableConcept. */
export interface CodeableConcept { coding?: Coding[]; text?: string }
/** A FHIR Extension (the value types the kit uses). */
export interface Extension {
  url: string;
  valueString?: string;
  valueBoolean?: boolean;
  valueInteger?: number;
  valueCode?: string;
  valueDateTime?: string;
  valueReference?: Reference;
  extension?: Extension[];
}
/** A FHIR Annotation. */
export interface Annotation { id?: string; extension?: Extension[]; authorReference?: Reference; authorString?: string; time?: string; text: string }
/** A FHIR ContactPoint. */
export interface ContactPoint { system?: string; value?: string; use?: string }
/** A FHIR HumanName. */
export interface HumanName { use?: string; text?: string; given?: string[]; family?: string }
/** A FHIR Identifier. */
export interface Identifier { system?: string; value?: string; type?: CodeableConcept; assigner?: Reference }
/** A FHIR Attachment. */
export interface Attachment { contentType?: string; url?: string; size?: number; hash?: string; title?: string; creation?: string; extension?: Extension[] }

/** Any FHIR resource, with the members the adapter reads on every type. */
export interface Resource {
  resourceType: string;
  id?: string;
  meta?: { versionId?: string; lastUpdated?: string };
  extension?: Extension[];
  contained?: Resource[];
  [member: string]: unknown;
}

/** A Bundle (searchset, transaction, transaction-response). */
export interface Bundle extends Resource {
  resourceType: 'Bundle';
  type: string;
  total?: number;
  link?: { relation: string; url: string }[];
  entry?: BundleEntry[];
}

/** One Bundle entry. */
export interface BundleEntry {
  fullUrl?: string;
  resource?: Resource;
  request?: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; ifMatch?: string; ifNoneExist?: string };
  response?: { status: string; location?: string; etag?: string };
  search?: { mode?: string };
}

/** Reads `Type/id` out of a reference. */
export function refId(ref: Reference | undefined, type?: string): string | undefined {
  const m = ref?.reference?.match(/^(?:.*\/)?([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/.*)?$/);
  if (!m || (type && m[1] !== type)) return undefined;
  return m[2];
}

/** The type of a reference, `Patient` for `Patient/1`. */
export function refType(ref: Reference | undefined): string | undefined {
  return ref?.reference?.match(/^(?:.*\/)?([A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/.*)?$/)?.[1];
}

/** The first extension with this URL. */
export function ext(holder: { extension?: Extension[] } | undefined, url: string): Extension | undefined {
  return holder?.extension?.find((e) => e.url === url);
}

/** Every extension with this URL. */
export function exts(holder: { extension?: Extension[] } | undefined, url: string): Extension[] {
  return holder?.extension?.filter((e) => e.url === url) ?? [];
}
