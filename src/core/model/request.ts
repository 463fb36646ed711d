// The second-opinion request: what the patient (or someone on their behalf) asks for.
import * as z from 'zod/mini';
import {
  CONSENT_SCOPES, CONSULTATION_MODES, REASONS, REFERRAL_PATHS, RELATIONSHIPS, URGENCIES,
} from './codes.js';
import { compactHealthCard, isValidHealthCard } from './health-card.js';
import { CANADIAN_JURISDICTIONS } from './jurisdictions.js';
import {
  birthDate, email, id, jurisdiction, languageTag, memberNumber, optionalText, pastDate, personName, phone, text, timestamp,
} from './primitives.js';

const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, 'invalid_choice');

/** How to reach someone: e-mail, phone, or both. */
export const ContactSchema = z.object({
  email: z.optional(email),
  phone: z.optional(phone),
});

/** The person the opinion is about. */
export const PatientSchema = z.object({
  givenName: personName,
  familyName: personName,
  birthDate,
  jurisdiction,
  email: z.optional(email),
  phone: z.optional(phone),
  preferredLanguage: languageTag,
  /** Stored compact (no spaces or dashes, upper case); checked against the coverage plan's province. */
  healthCardNumber: z.optional(
    z.string().check(z.overwrite(compactHealthCard), z.maxLength(20, 'too_long'), z.regex(/^[A-Z0-9]*$/, 'invalid_health_card')),
  ),
});

/** Who fills in the request; anyone but the patient gives their own name and contact. */
export const RequesterSchema = z.object({
  relationship: choice(RELATIONSHIPS),
  givenName: z.optional(personName),
  familyName: z.optional(personName),
  email: z.optional(email),
  phone: z.optional(phone),
  organization: optionalText(200),
});

/** The physician who gave the first opinion. */
export const TreatingPhysicianSchema = z.object({
  name: text(200),
  specialty: optionalText(200),
  clinic: optionalText(200),
});

/** The first opinion as the patient understands it. */
export const DiagnosisSchema = z.object({
  description: text(2000),
  diagnosedOn: z.optional(pastDate),
});

export const ReferralSchema = z.object({
  path: choice(REFERRAL_PATHS),
  referrerName: optionalText(200),
});

const PublicCoverage = z.object({
  kind: z.literal('public', 'invalid_choice'),
  /** The provincial or territorial plan, as its ISO 3166-2 code. */
  plan: z.enum(CANADIAN_JURISDICTIONS, 'invalid_jurisdiction'),
});
const PrivateCoverage = z.object({
  kind: z.literal('private', 'invalid_choice'),
  insurer: text(200),
  memberNumber,
  policyNumber: z.optional(memberNumber),
  preAuthorizationNumber: z.optional(memberNumber),
});
const SelfPay = z.object({ kind: z.literal('self_pay', 'invalid_choice') });

/** Who pays: a provincial plan, a private insurer, or the patient. */
export const CoverageSchema = z.discriminatedUnion('kind', [PublicCoverage, PrivateCoverage, SelfPay], 'invalid_choice');

/** Whether the opinion goes back to the care team, and to whom. */
export const CareTeamSchema = z.object({
  share: z.boolean('invalid_type'),
  name: optionalText(200),
  clinic: optionalText(200),
  email: z.optional(email),
  phone: z.optional(phone),
});

/** Explicit, versioned consent. */
export const ConsentSchema = z.object({
  version: text(50),
  acceptedAt: timestamp,
  scopes: z.array(choice(CONSENT_SCOPES)).check(z.minLength(1, 'required'), z.maxLength(CONSENT_SCOPES.length, 'too_many')),
});

/** One to twenty questions for the specialist. */
export const QuestionsSchema = z.array(text(1000)).check(z.minLength(1, 'too_few'), z.maxLength(20, 'too_many'));

const requestShape = {
  patient: PatientSchema,
  requester: RequesterSchema,
  reasons: z.array(choice(REASONS)).check(z.minLength(1, 'required'), z.maxLength(REASONS.length, 'too_many')),
  reasonDetails: optionalText(2000),
  specialty: text(100),
  diagnosis: DiagnosisSchema,
  proposedTreatment: optionalText(2000),
  treatingPhysician: TreatingPhysicianSchema,
  questions: QuestionsSchema,
  urgency: choice(URGENCIES),
  consultationMode: choice(CONSULTATION_MODES),
  referral: ReferralSchema,
  coverage: CoverageSchema,
  careTeam: CareTeamSchema,
  consent: ConsentSchema,
  previousCaseId: z.optional(id),
};

/** A complete request, with the rules that span fields. */
export const RequestSchema = z.object(requestShape).check(
  z.superRefine((whole, ctx) => {
    // Runs even when other fields failed (see `when`), so every read is guarded.
    const r = whole as DeepPartial<typeof whole>;
    if (!r.patient || !r.requester || !r.coverage || !r.careTeam || !r.consent) return;
    if (r.coverage.kind === 'public' && r.coverage.plan) {
      const card = r.patient.healthCardNumber;
      if (!card) {
        ctx.issues.push({ code: 'custom', message: 'health_card_required', input: card, path: ['patient', 'healthCardNumber'] });
      } else if (!isValidHealthCard(r.coverage.plan, card)) {
        ctx.issues.push({ code: 'custom', message: 'invalid_health_card', input: card, path: ['patient', 'healthCardNumber'] });
      }
    }
    if (r.requester.relationship !== 'self') {
      if (!r.requester.givenName) ctx.issues.push({ code: 'custom', message: 'required', input: undefined, path: ['requester', 'givenName'] });
      if (!r.requester.familyName) ctx.issues.push({ code: 'custom', message: 'required', input: undefined, path: ['requester', 'familyName'] });
      if (!r.requester.email && !r.requester.phone) {
        ctx.issues.push({ code: 'custom', message: 'contact_required', input: undefined, path: ['requester', 'email'] });
      }
    } else if (!r.patient.email && !r.patient.phone) {
      ctx.issues.push({ code: 'custom', message: 'contact_required', input: undefined, path: ['patient', 'email'] });
    }
    if (r.careTeam.share && !r.careTeam.email && !r.careTeam.phone) {
      ctx.issues.push({ code: 'custom', message: 'contact_required', input: undefined, path: ['careTeam', 'email'] });
    }
    if (r.careTeam.share && !r.consent.scopes?.includes('share_with_care_team')) {
      ctx.issues.push({ code: 'custom', message: 'required', input: undefined, path: ['consent', 'scopes'] });
    }
    if (r.reasons?.includes('other') && !r.reasonDetails) {
      ctx.issues.push({ code: 'custom', message: 'required', input: undefined, path: ['reasonDetails'] });
    }
  }, { when: (payload) => typeof payload.value === 'object' && payload.value !== null }),
);

type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** A request still being written: every field optional, each present one checked. */
export const RequestDraftSchema = z.partial(
  z.object({
    ...requestShape,
    patient: z.partial(PatientSchema),
    requester: z.partial(RequesterSchema),
    diagnosis: z.partial(DiagnosisSchema),
    treatingPhysician: z.partial(TreatingPhysicianSchema),
    referral: z.partial(ReferralSchema),
    careTeam: z.partial(CareTeamSchema),
    questions: z.array(text(1000)).check(z.maxLength(20, 'too_many')),
  }),
);

export type Contact = z.infer<typeof ContactSchema>;
export type Patient = z.infer<typeof PatientSchema>;
export type Requester = z.infer<typeof RequesterSchema>;
export type TreatingPhysician = z.infer<typeof TreatingPhysicianSchema>;
export type Diagnosis = z.infer<typeof DiagnosisSchema>;
export type Referral = z.infer<typeof ReferralSchema>;
export type Coverage = z.infer<typeof CoverageSchema>;
export type CareTeam = z.infer<typeof CareTeamSchema>;
export type Consent = z.infer<typeof ConsentSchema>;
/** A complete, valid second-opinion request. */
export type Request = z.infer<typeof RequestSchema>;
/** What a person types: the request before the rules are met. */
export type RequestInput = z.input<typeof RequestSchema>;
/** A partial request, saved as a draft. */
export type RequestDraft = z.infer<typeof RequestDraftSchema>;
