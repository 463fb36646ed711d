// Runs inside the strict-CSP page: records a verified record on MemoryBackend through the CDN
// bundle's UploadManager, then reports which hashing path ran and every policy violation.
import { MemoryBackend, UploadManager, createClient } from '/dist/cdn/second-opinion-kit.js';

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));

let manager;

async function run() {
  const client = createClient({ backend: new MemoryBackend(), getAccessToken: () => 'patient-csp' });
  const c = await client.cases.create({ questions: ['Is surgery the best first step?'] });
  manager = new UploadManager({ hashFirstMaxBytes: 0 });
  const pdf = new Blob([new TextEncoder().encode('%PDF-1.7\n'), new Uint8Array(1024 * 1024)]);
  const upload = manager.add(client, c.id, pdf, { kind: 'diagnostic_report', title: 'Report 1' });
  const record = await upload.done;
  const expected = [...new Uint8Array(await crypto.subtle.digest('SHA-256', await pdf.arrayBuffer()))].map((b) => b.toString(16).padStart(2, '0')).join('');
  parent.postMessage({ kind: 'uploads-csp-report', violations, completed: manager.hasher.completed, status: record.status, match: record.sha256 === expected }, '*');
  manager.dispose();
}

run().catch((e) => parent.postMessage({ kind: 'uploads-csp-report', error: `${e} ${e?.cause ?? ''}`, completed: manager?.hasher.completed, violations }, '*'));
