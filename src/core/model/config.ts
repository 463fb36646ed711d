// What a backend offers: GET /v1/config.
import * as z from 'zod/mini';
import { COVERAGE_KINDS, MEDIA_TYPES } from './codes.js';
import { count, text } from './primitives.js';

const localized = z.object({ en: text(5000), 'fr-CA': text(5000) });

/** A specialty a backend reviews, with its label in both languages. */
export const SpecialtySchema = z.object({ code: text(100), label: localized });

/** The backend's offer and limits; the form and the uploader are built from it. */
export const BackendConfigSchema = z.object({
  protocolVersion: z.literal('1'),
  name: text(200),
  specialties: z.array(SpecialtySchema).check(z.minLength(1, 'too_few')),
  jurisdictions: z.array(z.string()),
  coverageKinds: z.array(z.enum(COVERAGE_KINDS)),
  consent: z.object({ version: text(50), text: localized }),
  uploads: z.object({
    maxSize: count,
    acceptedTypes: z.array(z.enum(MEDIA_TYPES)),
    /** tus extensions the server supports (`creation`, `termination`, `concatenation`, ...). */
    tusExtensions: z.array(z.string()),
  }),
  /** The largest JSON request body, in bytes: a larger one is a 413 (1 MiB when absent). */
  maxBodySize: z.optional(count),
  turnaroundBusinessDays: count,
  followUpLimit: count,
});

export type Specialty = z.infer<typeof SpecialtySchema>;
export type BackendConfig = z.infer<typeof BackendConfigSchema>;
