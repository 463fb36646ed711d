// Turns zod's issues into the kit's FieldIssues: dotted paths, stable codes, user-safe messages.
import type * as z from 'zod/mini';
import type { core } from 'zod/mini';
import { ISSUE_CODES, type IssueCode } from './codes.js';
import { englishIssueMessage } from '../i18n/issues-en.js';

/** One problem with one field. */
export interface FieldIssue {
  /** Dotted path to the field, with array indices: `patient.birthDate`, `questions.2`. */
  path: string;
  /** Stable code to match on and translate. */
  code: IssueCode;
  /** A plain-English message safe to show a person. */
  message: string;
  /** Numbers the message refers to, such as the maximum length. */
  params?: { minimum?: number; maximum?: number };
}

/** Validation as data: the parsed value, or every field issue. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

const KNOWN = new Set<string>(ISSUE_CODES);

// Codes for zod's own issues, used only where a schema did not name one itself.
const nativeCode: core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined || iss.input === null ? 'required' : 'invalid_type';
    case 'too_small':
      return iss.origin === 'array' || iss.origin === 'set' ? 'too_few' : Number(iss.minimum) <= 1 ? 'required' : 'too_short';
    case 'too_big':
      return iss.origin === 'array' || iss.origin === 'set' ? 'too_many' : iss.origin === 'string' ? 'too_long' : 'invalid';
    case 'invalid_value':
    case 'invalid_union':
      return 'invalid_choice';
    case 'invalid_format':
      return 'invalid_format';
    case 'unrecognized_keys':
      return 'unknown_field';
    default:
      return 'invalid';
  }
};

function toPath(segments: readonly PropertyKey[]): string {
  return segments.map(String).join('.');
}

/** Converts zod issues to FieldIssues. */
export function toFieldIssues(issues: readonly core.$ZodIssue[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const iss of issues) {
    const code = (KNOWN.has(iss.message) ? iss.message : nativeCode(iss as never)) as IssueCode;
    const params: FieldIssue['params'] = {};
    if (iss.code === 'too_big') params.maximum = Number(iss.maximum);
    if (iss.code === 'too_small') params.minimum = Number(iss.minimum);
    const paths = iss.code === 'unrecognized_keys' ? iss.keys.map((k) => [...iss.path, k]) : [iss.path];
    for (const p of paths) {
      const issue: FieldIssue = { path: toPath(p), code, message: englishIssueMessage(code, params) };
      if (params.maximum !== undefined || params.minimum !== undefined) issue.params = params;
      out.push(issue);
    }
  }
  return out;
}

/**
 * Parses `input` with `schema` and never throws for bad input: the result carries every issue.
 * Runs without zod's eval fast path, so it works under a strict Content Security Policy.
 */
export function parseWith<S extends z.ZodMiniType>(schema: S, input: unknown): ParseResult<z.output<S>> {
  let result: ReturnType<S['safeParse']>;
  try {
    result = schema.safeParse(input, { error: nativeCode, jitless: true }) as ReturnType<S['safeParse']>;
  } catch {
    // A schema should never throw, but a hostile input (a getter that throws, a revoked proxy) can.
    return { ok: false, issues: [{ path: '', code: 'invalid', message: englishIssueMessage('invalid') }] };
  }
  if (result.success) return { ok: true, value: result.data as z.output<S> };
  return { ok: false, issues: toFieldIssues(result.error.issues) };
}
