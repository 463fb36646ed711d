// The request <-> FHIR: Patient, the requester (RelatedPerson or Practitioner), the first opinion
// (Condition), Coverage, Consent, the care team (CareTeam) and the ServiceRequest's own elements.
import type { ConsentScope, ConsultationMode, CoverageKind, Reason, ReferralPath, Relationship } from '../core/model/codes.js';
import { CONSENT_SCOPES, CONSULTATION_MODES, REASONS, REFERRAL_PATHS, RELATIONSHIPS } from '../core/model/codes.js';
import type { RequestDraft } from '../core/model/request.js';
import {
  CONSENT_SCOPE_CODES, CONSULTATION_MODE_CODES, COVERAGE_KIND_CODES, KIT_FHIR_BASE, REASON_CODES, REFERRAL_PATH_CODES, RELATIONSHIP_CODES,
  SPECIALTY_CODES, extUrl, kitCode, kitCoding,
} from './codesystems.js';
import { ext, type Annotation, type CodeableConcept, type ContactPoint, type Identifier, type Reference, type Resource } from './types.js';

/** Extension URLs the request mapping uses. */
export const EXT = {
  organization: extUrl('organization'),
  referrerName: extUrl('referrer-name'),
  preAuthorization: extUrl('pre-authorization'),
  shareOpinion: extUrl('share-opinion'),
  followUp: extUrl('follow-up'),
} as const;

const HEALTH_CARD_TYPE: CodeableConcept = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'JHN', display: 'Jurisdictional health number (Canada)' }] };
const healthCardSystem = (jurisdiction: string) => `${KIT_FHIR_BASE}/sid/health-card/${jurisdiction}`;
const BCP47 = 'urn:ietf:bcp:47';
const CONSENT_POLICY = `${KIT_FHIR_BASE}/consent-policy/`;

type Patch = NonNullable<RequestDraft['patient']>;
type Draft = RequestDraft;

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
const list = <T>(...items: (T | undefined)[]): T[] => items.filter((x): x is T => x !== undefined);

function telecom(email?: string, phone?: string): ContactPoint[] | undefined {
  const out = list<ContactPoint>(email ? { system: 'email', value: email } : undefined, phone ? { system: 'phone', value: phone } : undefined);
  return out.length ? out : undefined;
}
const telecomValue = (r: Resource | undefined, system: string) => (r?.telecom as ContactPoint[] | undefined)?.find((t) => t.system === system)?.value;
const nameOf = (r: Resource | undefined) => (r?.name as { given?: string[]; family?: string; text?: string }[] | undefined)?.[0];

/** Writes the request's patient details into a Patient, keeping what the record already holds. */
export function patientResource(existing: Resource | undefined, p: Patch): Resource {
  const out: Resource = existing ? structuredClone(existing) : { resourceType: 'Patient' };
  delete out.meta;
  if (p.givenName || p.familyName) {
    const old = nameOf(existing);
    out.name = [defined({ use: 'official', given: p.givenName ? [p.givenName] : old?.given, family: p.familyName ?? old?.family })];
  }
  if (p.birthDate) out.birthDate = p.birthDate;
  if (p.jurisdiction) {
    const [addr, ...rest] = (out.address as Record<string, unknown>[] | undefined) ?? [];
    out.address = [{ ...addr, state: p.jurisdiction, country: p.jurisdiction.slice(0, 2) }, ...rest];
  }
  const keep = ((out.telecom as ContactPoint[] | undefined) ?? []).filter((t) => !(t.system === 'email' && p.email) && !(t.system === 'phone' && p.phone));
  const tel = [...(telecom(p.email, p.phone) ?? []), ...keep];
  if (tel.length) out.telecom = tel;
  if (p.preferredLanguage) out.communication = [{ language: { coding: [{ system: BCP47, code: p.preferredLanguage }] }, preferred: true }];
  if (p.healthCardNumber && p.jurisdiction) {
    const others = ((out.identifier as Identifier[] | undefined) ?? []).filter((i) => i.type?.coding?.[0]?.code !== 'JHN');
    out.identifier = [{ type: HEALTH_CARD_TYPE, system: healthCardSystem(p.jurisdiction), value: p.healthCardNumber, assigner: { display: p.jurisdiction } }, ...others];
  }
  return out;
}

/** The request's patient details from a Patient. */
export function readPatient(r: Resource): Patch {
  const name = nameOf(r);
  const card = (r.identifier as Identifier[] | undefined)?.find((i) => i.type?.coding?.some((c) => c.code === 'JHN'));
  const lang = (r.communication as { language?: CodeableConcept; preferred?: boolean }[] | undefined)?.find((c) => c.preferred) ?? (r.communication as { language?: CodeableConcept }[] | undefined)?.[0];
  return defined({
    givenName: name?.given?.[0],
    familyName: name?.family,
    birthDate: r.birthDate as string | undefined,
    jurisdiction: (r.address as { state?: string }[] | undefined)?.[0]?.state,
    email: telecomValue(r, 'email'),
    phone: telecomValue(r, 'phone'),
    preferredLanguage: lang?.language?.coding?.find((c) => c.system === BCP47)?.code ?? lang?.language?.coding?.[0]?.code,
    healthCardNumber: card?.value,
  });
}

/** The requester as a RelatedPerson (caregiver, advocate) or Practitioner (physician); none for `self`. */
export function requesterResource(r: Draft['requester'], patient: Reference): Resource | undefined {
  if (!r?.relationship || r.relationship === 'self') return undefined;
  const base = defined({
    name: r.givenName || r.familyName ? [defined({ given: r.givenName ? [r.givenName] : undefined, family: r.familyName })] : undefined,
    telecom: telecom(r.email, r.phone),
    extension: r.organization ? [{ url: EXT.organization, valueString: r.organization }] : undefined,
  });
  if (r.relationship === 'physician') return { resourceType: 'Practitioner', ...base };
  return { resourceType: 'RelatedPerson', patient, relationship: [{ coding: [kitCoding(RELATIONSHIP_CODES, r.relationship)] }], ...base };
}

/** The requester from ServiceRequest.requester and the resource it points to. */
export function readRequester(type: string | undefined, r: Resource | undefined): Draft['requester'] {
  if (type === 'Patient') return { relationship: 'self' };
  if (!r) return undefined;
  const code = kitCode(RELATIONSHIP_CODES, (r.relationship as CodeableConcept[] | undefined)?.[0]);
  const relationship = (r.resourceType === 'Practitioner' ? 'physician' : RELATIONSHIPS.find((x) => x === code)) as Relationship | undefined;
  const name = nameOf(r);
  return defined({
    relationship,
    givenName: name?.given?.[0],
    familyName: name?.family,
    email: telecomValue(r, 'email'),
    phone: telecomValue(r, 'phone'),
    organization: ext(r, EXT.organization)?.valueString,
  });
}

/** The first opinion: a Condition with the treating physician as its asserter (contained PractitionerRole). */
export function conditionResource(d: Draft, patient: Reference): Resource | undefined {
  const { diagnosis, proposedTreatment, treatingPhysician: tp } = d;
  if (!diagnosis && !proposedTreatment && !tp) return undefined;
  const role = tp ? defined({
    resourceType: 'PractitionerRole',
    id: 'treating-physician',
    practitioner: tp.name ? { display: tp.name } : undefined,
    specialty: tp.specialty ? [{ text: tp.specialty }] : undefined,
    organization: tp.clinic ? { display: tp.clinic } : undefined,
  }) as Resource : undefined;
  return defined({
    resourceType: 'Condition',
    contained: role ? [role] : undefined,
    subject: patient,
    code: diagnosis?.description ? { text: diagnosis.description } : undefined,
    recordedDate: diagnosis?.diagnosedOn,
    asserter: role ? { reference: '#treating-physician' } : undefined,
    note: proposedTreatment ? [{ text: proposedTreatment }] : undefined,
  }) as Resource;
}

/** Diagnosis, proposed treatment and treating physician from the Condition. */
export function readCondition(c: Resource): Pick<Draft, 'diagnosis' | 'proposedTreatment' | 'treatingPhysician'> {
  const role = c.contained?.find((r) => r.id === 'treating-physician');
  const diagnosis = defined({ description: (c.code as CodeableConcept | undefined)?.text, diagnosedOn: c.recordedDate as string | undefined });
  const tp = role ? defined({
    name: (role.practitioner as Reference | undefined)?.display,
    specialty: (role.specialty as CodeableConcept[] | undefined)?.[0]?.text,
    clinic: (role.organization as Reference | undefined)?.display,
  }) : undefined;
  return defined({
    diagnosis: Object.keys(diagnosis).length ? diagnosis : undefined,
    proposedTreatment: (c.note as Annotation[] | undefined)?.[0]?.text,
    treatingPhysician: tp,
  });
}

/** Who pays, as a Coverage. */
export function coverageResource(c: Draft['coverage'], patient: Reference): Resource | undefined {
  if (!c) return undefined;
  const common = { resourceType: 'Coverage', status: 'active', type: { coding: [kitCoding(COVERAGE_KIND_CODES, c.kind)] }, beneficiary: patient };
  if (c.kind === 'public') {
    return { ...common, payor: [{ display: `Public health plan ${c.plan}` }], class: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan' }] }, value: c.plan }] };
  }
  if (c.kind === 'private') {
    return defined({
      ...common,
      payor: [{ display: c.insurer }],
      subscriberId: c.memberNumber,
      identifier: c.policyNumber ? [{ system: `${KIT_FHIR_BASE}/sid/policy`, value: c.policyNumber }] : undefined,
      extension: c.preAuthorizationNumber ? [{ url: EXT.preAuthorization, valueString: c.preAuthorizationNumber }] : undefined,
    });
  }
  return { ...common, payor: [patient] };
}

/** The coverage from a Coverage. */
export function readCoverage(r: Resource): Draft['coverage'] {
  const kind = kitCode(COVERAGE_KIND_CODES, r.type as CodeableConcept) as CoverageKind | undefined;
  if (kind === 'public') return { kind, plan: (r.class as { value?: string }[] | undefined)?.[0]?.value } as Draft['coverage'];
  if (kind === 'private') {
    return defined({
      kind,
      insurer: (r.payor as Reference[] | undefined)?.[0]?.display,
      memberNumber: r.subscriberId as string | undefined,
      policyNumber: (r.identifier as Identifier[] | undefined)?.[0]?.value,
      preAuthorizationNumber: ext(r, EXT.preAuthorization)?.valueString,
    }) as Draft['coverage'];
  }
  return kind === 'self_pay' ? { kind } : undefined;
}

/** The patient's consent: versioned policy, time, and what it allows. */
export function consentResource(c: Draft['consent'], patient: Reference): Resource | undefined {
  if (!c) return undefined;
  return {
    resourceType: 'Consent',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
    patient,
    dateTime: c.acceptedAt,
    policy: [{ uri: CONSENT_POLICY + encodeURIComponent(c.version) }],
    provision: { type: 'permit', action: c.scopes.map((s) => ({ coding: [kitCoding(CONSENT_SCOPE_CODES, s)] })) },
  };
}

/** The consent from a Consent. */
export function readConsent(r: Resource): Draft['consent'] {
  const uri = (r.policy as { uri?: string }[] | undefined)?.[0]?.uri ?? '';
  const actions = ((r.provision as { action?: CodeableConcept[] } | undefined)?.action ?? []).map((a) => kitCode(CONSENT_SCOPE_CODES, a));
  return {
    version: uri.startsWith(CONSENT_POLICY) ? decodeURIComponent(uri.slice(CONSENT_POLICY.length)) : uri,
    acceptedAt: r.dateTime as string,
    scopes: actions.filter((a): a is ConsentScope => CONSENT_SCOPES.some((s) => s === a)),
  };
}

/** The care team the opinion may be shared with. */
export function careTeamResource(t: Draft['careTeam'], patient: Reference): Resource | undefined {
  if (!t) return undefined;
  return defined({
    resourceType: 'CareTeam',
    status: 'active',
    subject: patient,
    extension: t.share === undefined ? undefined : [{ url: EXT.shareOpinion, valueBoolean: t.share }],
    participant: t.name ? [{ member: { display: t.name } }] : undefined,
    managingOrganization: t.clinic ? [{ display: t.clinic }] : undefined,
    telecom: telecom(t.email, t.phone),
  }) as Resource;
}

/** The care team from a CareTeam. */
export function readCareTeam(r: Resource): Draft['careTeam'] {
  return defined({
    share: ext(r, EXT.shareOpinion)?.valueBoolean,
    name: (r.participant as { member?: Reference }[] | undefined)?.[0]?.member?.display,
    clinic: (r.managingOrganization as Reference[] | undefined)?.[0]?.display,
    email: telecomValue(r, 'email'),
    phone: telecomValue(r, 'phone'),
  });
}

/** The ServiceRequest elements that carry request fields directly. */
export function serviceRequestFields(d: Draft, questions: Annotation[]): Partial<Resource> {
  const reasons = (d.reasons ?? []).map((r) => ({ coding: [kitCoding(REASON_CODES, r)] }) as CodeableConcept);
  if (d.reasonDetails) reasons.push({ text: d.reasonDetails });
  const orderDetail = list<CodeableConcept>(
    d.consultationMode ? { coding: [kitCoding(CONSULTATION_MODE_CODES, d.consultationMode)] } : undefined,
    d.referral?.path ? { coding: [kitCoding(REFERRAL_PATH_CODES, d.referral.path)] } : undefined,
  );
  return defined({
    priority: d.urgency === 'soon' ? 'urgent' : d.urgency === 'routine' ? 'routine' : undefined,
    reasonCode: reasons.length ? reasons : undefined,
    performerType: d.specialty ? { coding: [{ system: SPECIALTY_CODES.url, code: d.specialty }] } : undefined,
    orderDetail: orderDetail.length ? orderDetail : undefined,
    note: questions.length ? questions : undefined,
    extension: d.referral?.referrerName ? [{ url: EXT.referrerName, valueString: d.referral.referrerName }] : undefined,
  });
}

/** The request fields the ServiceRequest carries directly. */
export function readServiceRequest(sr: Resource): Draft {
  const reasonCode = (sr.reasonCode as CodeableConcept[] | undefined) ?? [];
  const reasons = reasonCode.map((c) => kitCode(REASON_CODES, c)).filter((c): c is Reason => REASONS.some((r) => r === c));
  const details = reasonCode.find((c) => !c.coding?.length)?.text;
  const orderDetail = (sr.orderDetail as CodeableConcept[] | undefined) ?? [];
  const mode = orderDetail.map((c) => kitCode(CONSULTATION_MODE_CODES, c)).find((c): c is ConsultationMode => CONSULTATION_MODES.some((m) => m === c));
  const path = orderDetail.map((c) => kitCode(REFERRAL_PATH_CODES, c)).find((c): c is ReferralPath => REFERRAL_PATHS.some((p) => p === c));
  const referrerName = ext(sr, EXT.referrerName)?.valueString;
  const questions = ((sr.note as Annotation[] | undefined) ?? []).filter((n) => !ext(n, EXT.followUp)?.valueBoolean).map((n) => n.text);
  return defined({
    reasons: reasons.length ? reasons : undefined,
    reasonDetails: details,
    specialty: kitCode(SPECIALTY_CODES, sr.performerType as CodeableConcept),
    urgency: sr.priority === 'urgent' ? 'soon' : sr.priority === 'routine' ? 'routine' : undefined,
    consultationMode: mode,
    referral: path || referrerName ? defined({ path, referrerName }) : undefined,
    questions: questions.length ? questions : undefined,
  }) as Draft;
}
