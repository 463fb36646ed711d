// FhirBackend's records: a whole record taken in by the core's intake rule (size, sniffed type,
// SHA-256), stored as Binary + DocumentReference in the move that adds it to the case; its content
// read back from its Binary.
import type { CallContext, RecordMeta } from '../core/backend.js';
import { NotFoundError } from '../core/errors.js';
import { putRecord } from '../core/lifecycle/engine.js';
import type { CaseRecord } from '../core/model/case.js';
import { settleRecord, takeWhole } from '../core/records/intake.js';
import { CASE_EXT, readRecord } from './case-mapping.js';
import { RECORD_KIND_CODES, kitCoding } from './codesystems.js';
import { fromBase64, toBase64 } from './fhir-http.js';
import type { FhirReads } from './reads.js';
import type { FhirSetup } from './setup.js';
import { locationId, type FhirWrites } from './writes.js';
import { refId, type Attachment } from './types.js';

/** Records travel base64 inside FHIR JSON, so the default limit is far lower than the REST protocol's. */
export const DEFAULT_MAX_SIZE = 32 * 1024 ** 2;

/** Stores and reads records on the FHIR server. */
export class FhirRecords {
  constructor(private readonly setup: FhirSetup, private readonly reads: FhirReads, private readonly writes: FhirWrites) {}

  /** Stores a whole record as Binary + DocumentReference; a rejected one (`hash_mismatch`) keeps no Binary. */
  async store(caseId: string, content: Blob, meta: RecordMeta, source: 'patient' | 'staff', ctx: CallContext): Promise<CaseRecord> {
    const { bytes, mediaType, sha256, outcome } = await takeWhole(content, meta.sha256, this.setup.config.uploads);
    const matches = outcome.status === 'verified';
    const sha1 = toBase64(new Uint8Array(await crypto.subtle.digest('SHA-1', bytes)));
    const tmpId = crypto.randomUUID();
    const docUrl = `urn:uuid:${tmpId}`;
    let record: CaseRecord | undefined;
    const out = await this.writes.mutate(caseId, ctx, source === 'patient', (c, _l, engine) => {
      const at = engine.now.toISOString();
      record = settleRecord({ id: tmpId, kind: meta.kind, title: meta.title, mediaType, size: content.size, sha256, source, createdAt: at }, outcome, at);
      return putRecord(c, record, engine, source === 'staff' ? 'specialist' : 'patient');
    }, (tx, _next, _loaded, refs) => {
      const r = record!;
      const binary = matches ? tx.create({ resourceType: 'Binary', contentType: mediaType, data: toBase64(bytes) }) : undefined;
      const attachment: Attachment = {
        contentType: mediaType, size: r.size, hash: sha1, title: r.title, creation: r.createdAt,
        extension: [{ url: CASE_EXT.sha256, valueString: sha256 }],
        ...(binary ? { url: binary.reference } : {}),
      };
      tx.create({
        resourceType: 'DocumentReference',
        extension: [
          { url: CASE_EXT.recordStatus, valueCode: r.status },
          ...(r.verifiedAt ? [{ url: CASE_EXT.verifiedAt, valueDateTime: r.verifiedAt }] : []),
          ...(r.rejectionReason ? [{ url: CASE_EXT.rejectionReason, valueString: r.rejectionReason }] : []),
        ],
        status: 'current',
        docStatus: matches ? 'final' : 'preliminary',
        type: { coding: [kitCoding(RECORD_KIND_CODES, r.kind)] },
        subject: refs.subject,
        date: r.createdAt,
        author: [source === 'patient' ? refs.subject : { display: 'Specialist' }],
        description: r.title,
        content: [{ attachment }],
        context: { related: [{ reference: `ServiceRequest/${caseId}` }] },
      }, docUrl);
      return { records: [{ reference: docUrl }], recordRefs: new Map([[tmpId, { reference: docUrl }]]) };
    });
    if (!out.tx || !out.response) {
      // A replay: the record this key stored earlier.
      const event = [...out.case.timeline].reverse().find((e) => e.kind === 'record_added');
      const found = out.case.records.find((r) => r.id === event?.recordId);
      if (!found) throw new NotFoundError();
      return found;
    }
    const id = locationId(out.response, out.tx.entries.findIndex((e) => e.fullUrl === docUrl));
    const stored = out.case.records.find((r) => r.id === id);
    if (!stored) throw new NotFoundError();
    return stored;
  }

  /** A verified record's bytes, from the Binary its DocumentReference points at. */
  async content(caseId: string, recordId: string, ctx: CallContext): Promise<Blob> {
    const loaded = await this.reads.load(caseId, ctx, true);
    const doc = loaded.documents.find((d) => d.id === recordId);
    const attachment = (doc?.content as { attachment?: Attachment }[] | undefined)?.[0]?.attachment;
    const binaryId = refId({ reference: attachment?.url ?? '' }, 'Binary');
    if (!doc || !binaryId) throw new NotFoundError();
    const binary = await this.setup.fhir.read('Binary', binaryId, ctx);
    return new Blob([fromBase64((binary.data as string | undefined) ?? '')], { type: (binary.contentType as string | undefined) ?? readRecord(doc).mediaType });
  }
}
