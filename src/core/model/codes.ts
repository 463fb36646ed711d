// Stable codes: the words the model, the protocol and the UI agree on. Labels live in i18n.

/** The patient-facing statuses, in lifecycle order. */
export const STATUSES = [
  'draft', 'submitted', 'triage', 'info_requested', 'accepted', 'in_review', 'opinion_ready', 'declined', 'withdrawn',
] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses a case never leaves. */
export const FINAL_STATUSES = ['declined', 'withdrawn'] as const satisfies readonly Status[];

/** Why people ask for a second opinion (DOMAIN.md). */
export const REASONS = [
  'diagnosis_uncertain', 'treatment_options', 'confirm_before_treatment', 'communication', 'recovery_concern',
  'reassurance', 'other',
] as const;
export type Reason = (typeof REASONS)[number];

/** Who fills in the request, relative to the patient. */
export const RELATIONSHIPS = ['self', 'caregiver', 'advocate', 'physician'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const URGENCIES = ['routine', 'soon'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CONSULTATION_MODES = ['records_review', 'video', 'in_person'] as const;
export type ConsultationMode = (typeof CONSULTATION_MODES)[number];

export const REFERRAL_PATHS = ['family_doctor', 'specialist', 'walk_in', 'insurer', 'self'] as const;
export type ReferralPath = (typeof REFERRAL_PATHS)[number];

export const COVERAGE_KINDS = ['public', 'private', 'self_pay'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

export const CONSENT_SCOPES = ['collect_and_review', 'share_with_specialist', 'share_with_care_team', 'contact'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const RECORD_KINDS = [
  'diagnostic_report', 'lab_result', 'imaging', 'pathology', 'treatment_summary', 'treatment_plan', 'referral_letter',
  'other',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_STATUSES = ['uploading', 'received', 'verified', 'rejected'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const OUTCOMES = [
  'confirmed', 'refined', 'different_diagnosis', 'treatment_change', 'insufficient_information',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Who acts on a case. `system` is the backend itself (expiry, automatic triage). */
export const ROLES = ['patient', 'coordinator', 'specialist', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** Languages the kit speaks; a patient may prefer another, written as a BCP 47 tag. */
export const LOCALES = ['en', 'fr-CA'] as const;
export type Locale = (typeof LOCALES)[number];

/** Media types the sniffer recognises (what a record can be). */
export const MEDIA_TYPES = [
  'application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/tiff', 'application/dicom', 'application/zip',
] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/**
 * Stable field-problem codes. A failed parse reports these, never zod's internals, so UIs can
 * translate them and integrators can match on them.
 */
export const ISSUE_CODES = [
  'required', 'invalid_type', 'too_short', 'too_long', 'too_few', 'too_many', 'invalid_choice', 'invalid_format',
  'invalid_name', 'invalid_date', 'date_in_future', 'date_implausible', 'invalid_email', 'invalid_phone',
  'invalid_jurisdiction', 'invalid_health_card', 'health_card_required', 'invalid_member_number', 'contact_required',
  'invalid_sha256', 'unknown_field', 'invalid', 'file_empty', 'file_too_large', 'file_type_not_allowed', 'invalid_characters',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];
