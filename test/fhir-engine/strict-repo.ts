/* eslint-disable @typescript-eslint/no-explicit-any -- overrides reach into MemoryRepository's untyped internals (pinned 5.2.13) */
// MemoryRepository + what a real server does: validation, server-assigned ids, unknown-param errors,
// atomic transactions, stable history, 410 Gone; and a hook on committed writes (Subscription delivery).
import { badRequest, getSearchParameter, gone, OperationOutcomeError, validateResource, type SearchRequest, type TypedValueWithPath, type WithId } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { checkRequiredBindings } from './r4-bindings.js';
export function validateR4(r: Resource): void { // throws OperationOutcomeError (-> 400 + OperationOutcome)
  const tokens: Record<string, TypedValueWithPath[]> = {};
  validateResource(r, { collect: { tokens }, base64BinaryMaxBytes: 64 * 2 ** 20 }); // default cap is 1 MiB; structure, cardinality, types, formats, FHIRPath invariants
  checkRequiredBindings(tokens);                // required code bindings (status, intent, gender, ...)
}
// Marks the work of the transaction under way, whose own reads must not wait for it to end.
const inTransaction = new AsyncLocalStorage<true>();
export class StrictRepo extends MemoryRepository {
  private deleted = new Set<string>();
  /** Receives what each committed write stored or deleted (a transaction's writes together, once it commits; none if it rolls back). */
  onCommit?: (written: Resource[]) => void;
  private pending?: Resource[];
  constructor() { // every store (create, update, conditional create) goes through upstream's private createResourceSync
    super(); const store = (this as any).createResourceSync.bind(this);
    (this as any).createResourceSync = (...a: unknown[]) => { const out = store(...a); this.wrote(out); return out; };
  }
  private wrote(r: Resource): void { if (this.pending) this.pending.push(r); else this.onCommit?.([r]); }
  override createResource(r: any, o?: any, update?: boolean) {
    if (!update && !o?.assignedId) r = { ...r, id: undefined }; // FHIR create: server assigns the id
    validateR4(r); this.deleted.delete(`${r.resourceType}/${r.id}`); return super.createResource(r, o, update);
  }
  override conditionalCreate(r: any, s: any, o?: any) { validateR4(r); return super.conditionalCreate(r, s, o); }
  override async search<T extends Resource>(req: SearchRequest<T>): Promise<Bundle<WithId<T>>> { // upstream silently returns 0 hits for an unknown parameter
    for (const f of req.filters ?? []) { const code = f.code.split(/[:.]/)[0]!;
      if (code === '_has' || (req.resourceType && !getSearchParameter(req.resourceType, code))) throw new OperationOutcomeError(badRequest(`Unsupported search parameter: ${code}`)); }
    await this.committed();
    return super.search(req);
  }
  override async readResource<T extends Resource>(type: string, id: string): Promise<T> {
    await this.committed();
    if (this.deleted.has(`${type}/${id}`)) throw new OperationOutcomeError(gone);
    return super.readResource(type, id);
  }
  override async deleteResource(type: string, id: string, o?: any) {
    const was = await super.readResource(type, id).catch(() => undefined); // a delete is news to a Subscription matching what was there
    await super.deleteResource(type, id, o); this.deleted.add(`${type}/${id}`); if (was) this.wrote(was);
  }
  override async readHistory<T extends Resource>(type: string, id: string): Promise<Bundle<T>> {
    await this.readResource(type, id); // upstream reverses its stored array in place on every call
    const versions = [...((this as any).history.get(type)?.get(id) ?? [])].reverse();
    return { resourceType: 'Bundle', type: 'history', entry: versions.map((resource) => ({ resource: structuredClone(resource) })) } as Bundle<T>;
  }
  // Transactions run one at a time, as a real server isolates them: a rollback restores a snapshot,
  // which would otherwise erase another transaction committed in between.
  private queue: Promise<unknown> = Promise.resolve();
  override withTransaction<R>(cb: (repo: this) => Promise<R>): Promise<R> {
    const run = this.queue.then(() => inTransaction.run(true, () => this.atomically(cb)));
    this.queue = run.catch(() => undefined);
    return run;
  }
  // Reads outside a transaction see none of its writes until it ends (a transaction's entries are
  // written one by one, and a read between them would see half a move), as a real server isolates them.
  private committed(): Promise<unknown> | undefined {
    return inTransaction.getStore() ? undefined : this.queue;
  }
  private async atomically<R>(cb: (repo: this) => Promise<R>): Promise<R> { // upstream: no rollback
    const self = this as any, copy = (m: Map<string, Map<string, any>>) => new Map([...m].map(([k, v]) => [k, new Map([...v].map(([i, x]) => [i, Array.isArray(x) ? [...x] : x]))]));
    const snap = { resources: copy(self.resources), history: copy(self.history), deleted: new Set(this.deleted) };
    const outer = !this.pending; if (outer) this.pending = [];
    try {
      const out = await cb(this);
      if (outer) { const written = this.pending ?? []; this.pending = undefined; this.onCommit?.(written); }
      return out;
    } catch (e) { Object.assign(self, snap); this.deleted = snap.deleted; if (outer) this.pending = undefined; throw e; }
  }
}
