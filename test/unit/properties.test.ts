// Property tests: whatever people and staff do, in whatever order, the rules hold; whatever junk
// arrives, parsing answers with issues and never throws.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  ACTIONS, BackendConfigSchema, CasePageSchema, CaseSchema, ISSUE_CODES, OpinionInputSchema, RecordSchema, RequestDraftSchema,
  RequestSchema, ROLES, TRANSITIONS, applyAction, createCase, isFinal, parseWith, readClock, toE164, type Action, type ActionInputs,
  type Case, type EngineContext,
} from '../../src/index.js';
import { validRequest } from '../fixtures/requests.js';

const RUNS = 300;

function inputFor(action: Action, c: Case): ActionInputs[Action] {
  switch (action) {
    case 'request_info': return { message: 'Please send the report.', recordKinds: ['pathology'] };
    case 'reply': return { text: 'Sent.' };
    case 'accept': return { specialist: { name: 'Dr. A', specialty: 'Oncology' } };
    case 'decline': return { reason: 'Out of scope.' };
    case 'issue_opinion': return { outcome: 'confirmed', summary: 'Fine.', recommendations: [], answers: c.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })) };
    case 'follow_up': return { text: 'One more thing?' };
    case 'withdraw': return {};
    default: return undefined;
  }
}

describe('the lifecycle under random actions', () => {
  it('never reaches a status the table does not allow, and never leaves an ending', () => {
    let n = 0;
    const ctx = (): EngineContext => ({ now: new Date(Date.UTC(2026, 10, 2) + (n++) * 3_600_000), newId: () => `id-${n++}`, config: { turnaroundBusinessDays: 10, followUpLimit: 1 } });
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(...ACTIONS), fc.constantFrom(...ROLES)), { maxLength: 40 }), (submit, moves) => {
        const created = createCase({ request: validRequest(), submit }, ctx());
        assert.ok(created.ok);
        let c = created.case;
        for (const [action, role] of moves) {
          const before = c;
          const res = applyAction(c, action, role, inputFor(action, c), ctx());
          if (!res.ok) {
            assert.ok(['conflict', 'forbidden', 'validation'].includes(res.error.code), res.error.code);
            continue;
          }
          c = res.case;
          assert.ok(!isFinal(before.status), 'an ending was left');
          assert.ok(TRANSITIONS.some((t) => t.from === before.status && t.action === action && t.to === c.status && t.by.includes(role)), `${before.status} -${action}/${role}-> ${c.status}`);
          assert.equal(c.version, before.version + 1);
          assert.ok(c.timeline.at(-1)!.id > before.timeline.at(-1)!.id);
          assert.equal(c.clock.state === 'paused', c.status === 'info_requested' && c.timeline.some((e) => e.status === 'accepted'));
          assert.equal(c.actionsRequired.length > 0, c.status === 'info_requested');
          assert.ok(parseWith(CaseSchema, c).ok, 'every case the engine makes is a valid case');
        }
      }),
      { numRuns: RUNS },
    );
  });
});

const schemas = { RequestSchema, RequestDraftSchema, CaseSchema, CasePageSchema, BackendConfigSchema, RecordSchema, OpinionInputSchema };

// A valid request with one random leaf replaced by junk.
const mutatedRequest = fc.tuple(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }), fc.nat()).map(([junk, pick]) => {
  const r = structuredClone(validRequest()) as unknown as Record<string, unknown>;
  const paths: string[][] = [];
  const walk = (o: unknown, p: string[]) => {
    if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, [...p, k]);
    else paths.push(p);
  };
  walk(r, []);
  const path = paths[pick % paths.length]!;
  let o = r;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[path.at(-1)!] = junk;
  return r;
});

describe('parsing junk', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name} answers with field issues and never throws`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }), mutatedRequest), (junk) => {
          const res = parseWith(schema, junk);
          if (res.ok) return;
          assert.ok(res.issues.length > 0);
          for (const i of res.issues) {
            assert.equal(typeof i.path, 'string');
            assert.ok((ISSUE_CODES as readonly string[]).includes(i.code), i.code);
            assert.ok(i.message.length > 0);
          }
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('a hostile object (throwing getters) is an issue, not an exception', () => {
    const hostile = new Proxy({}, { get() { throw new Error('gotcha'); }, ownKeys() { throw new Error('gotcha'); } });
    const res = parseWith(RequestSchema, hostile);
    assert.equal(res.ok, false);
  });

  it('text with markup, right-to-left marks and emoji is kept as text and judged by the rules', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 1200 }), (s) => {
        const r = validRequest({ questions: [s] });
        const res = parseWith(RequestSchema, r);
        const trimmed = s.trim();
        assert.equal(res.ok, trimmed.length >= 1 && trimmed.length <= 1000);
        if (res.ok) assert.equal(res.value.questions[0], trimmed);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('normalisers', () => {
  it('phone normalisation is idempotent and always E.164 when it succeeds', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789 +-().'), maxLength: 24 }), (s) => {
      const once = toE164(s);
      if (once === undefined) return;
      assert.match(once, /^\+[1-9]\d{7,14}$/);
      assert.equal(toE164(once), once);
    }), { numRuns: RUNS });
  });

  it('the clock never promises a date before acceptance, and a pause never brings the date forward', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 40 }), (startDay, days, pauseAfter, pauseLen) => {
      const start = new Date(Date.UTC(2026, 0, 1, 15) + startDay * 86_400_000);
      const at = (d: number) => new Date(start.getTime() + d * 86_400_000).toISOString();
      const base = readClock([{ at: at(0), status: 'accepted' }], { businessDays: days, now: new Date(at(pauseAfter)) });
      const paused = readClock([{ at: at(0), status: 'accepted' }, { at: at(pauseAfter), status: 'info_requested' }, { at: at(pauseAfter + pauseLen), status: 'triage' }], { businessDays: days, now: new Date(at(pauseAfter + pauseLen)) });
      assert.ok(base.expectedBy! > at(0).slice(0, 10));
      assert.ok(paused.expectedBy! >= base.expectedBy!);
    }), { numRuns: RUNS });
  });
});
