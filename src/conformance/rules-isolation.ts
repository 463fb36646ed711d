// Rules on isolation between patients: another patient's case, records, uploads and events answer
// exactly as a missing one does (404), and never show up in their list.
import { CasePageSchema } from '../core/index.js';
import { createUpload, samplePdf } from './rules-uploads.js';
import type { Probe } from './probe.js';
import type { Rule } from './rule.js';
import { check } from './probe.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Checks that the other patient gets the same 404 problem on `path` as on a missing case. */
async function notFoundForOther(p: Probe, method: string, path: (id: string) => string, caseId: string, what: string, json?: unknown): Promise<void> {
  const headers = (): Record<string, string> => (method === 'GET' ? {} : { 'idempotency-key': p.key() });
  const theirs = p.problem(await p.send(method, path(caseId), { token: p.otherToken, headers: headers(), json }), 404, `${what} by another patient`);
  const missing = p.problem(await p.send(method, path(MISSING), { token: p.otherToken, headers: headers(), json }), 404, `${what} on a missing case`);
  check(theirs.code === missing.code && theirs.title === missing.title && theirs.type === missing.type, `${what}: another patient's case answers differently from a missing one`);
}

/** Rules that need a second patient's token. */
export const ISOLATION_RULES: Rule[] = [
  {
    id: 'isolation.case',
    title: 'another patient gets 404 on the case (read, edit, actions) and never sees it listed',
    needsOtherPatient: true,
    async run(p) {
      const c = await p.createCase();
      await notFoundForOther(p, 'GET', (id) => `/v1/cases/${id}`, c.id, 'GET /v1/cases/{id}');
      const edit = await p.send('PATCH', `/v1/cases/${c.id}`, { token: p.otherToken, json: { request: {} }, headers: { 'if-match': `"${c.version}"`, 'idempotency-key': p.key() } });
      p.problem(edit, 404, 'PATCH by another patient');
      await notFoundForOther(p, 'POST', (id) => `/v1/cases/${id}/submit`, c.id, 'POST /submit', {});
      await notFoundForOther(p, 'POST', (id) => `/v1/cases/${id}/withdraw`, c.id, 'POST /withdraw', {});
      check((await p.getCase(c.id)).status === 'draft', 'another patient\'s action changed the case');
      let cursor: string | null = null;
      for (let page = 0; page < 500; page++) {
        const a = await p.send('GET', `/v1/cases?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: p.otherToken });
        p.status(a, 200, 'GET /v1/cases by another patient');
        const body = p.valid(CasePageSchema, a, 'GET /v1/cases');
        check(!body.items.some((i) => i.id === c.id), 'another patient\'s list shows the case');
        cursor = body.nextCursor;
        if (cursor === null) break;
      }
    },
  },
  {
    id: 'isolation.records',
    title: 'another patient gets 404 on the case\'s records, record content and uploads',
    needsOtherPatient: true,
    async run(p) {
      const c = await p.createCase();
      const bytes = samplePdf();
      const { uploadUrl, recordId } = await createUpload(p, c.id, bytes.length, '0'.repeat(64));
      await notFoundForOther(p, 'GET', (id) => `/v1/cases/${id}/records/${recordId}/content`, c.id, 'GET record content');
      const creation = await p.send('POST', `/v1/cases/${c.id}/uploads`, {
        token: p.otherToken,
        headers: { 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': `kind ${btoa('other')},title ${btoa('x')}`, 'idempotency-key': p.key() },
      });
      p.status(creation, 404, 'POST /uploads by another patient');
      p.status(await p.send('HEAD', uploadUrl, { token: p.otherToken, headers: { 'tus-resumable': '1.0.0' } }), 404, 'HEAD on the upload by another patient');
      const write = await p.send('PATCH', uploadUrl, { token: p.otherToken, headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: bytes });
      p.status(write, 404, 'PATCH on the upload by another patient');
      p.status(await p.send('DELETE', uploadUrl, { token: p.otherToken, headers: { 'tus-resumable': '1.0.0' } }), 404, 'DELETE on the upload by another patient');
      const head = await p.send('HEAD', uploadUrl, { headers: { 'tus-resumable': '1.0.0' } });
      p.status(head, 200, 'HEAD on the upload by its owner');
      check(head.headers.get('upload-offset') === '0', 'another patient\'s PATCH or DELETE changed the upload');
    },
  },
  {
    id: 'isolation.events',
    title: 'another patient gets 404 on the case\'s event stream',
    needsOtherPatient: true,
    async run(p) {
      const c = await p.createCase();
      await notFoundForOther(p, 'GET', (id) => `/v1/cases/${id}/events`, c.id, 'GET /events');
    },
  },
];
