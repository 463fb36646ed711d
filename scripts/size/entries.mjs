// The size budgets of issue 9 (gzip), one place for `.size-limit.mjs` and the gate that checks them.
// Every entry is a real import of the built package, bundled by esbuild (minified, tree-shaken,
// `sideEffects` honoured). Only the code a page loads up front counts: every dynamic `import()`
// (the REST/FHIR/memory backends the provider loads on demand, the upload engine the uploader loads
// with the first file, the live watcher, French catalogues) is left out; the big ones are reported on their own.

/** The shared base every element sits on: `<so-provider>` and the core a page talks REST with. */
const base = {
  'dist/elements/provider.js': '{ SoProvider }',
  'dist/index.js': '{ createClient, RestBackend }',
};

/**
 * `budget`: the target in KB. `ceiling`: where the measured figure is above the budget
 * after honest work, the figure it may not grow past (README's size table shows the gap).
 * `over`: the entry measured as the difference from another (an element's own code on top of its base).
 */
export const entries = [
  { name: 'core', import: { 'dist/index.js': '{ createClient, RestBackend }' }, budget: 12, ceiling: 27.2 },
  { name: 'core with uploads', import: { 'dist/index.js': '{ createClient, RestBackend, installUploads }' }, budget: 30, ceiling: 58 },
  { name: 'elements base', import: base, report: true },
  { name: '<so-status-badge>', import: { ...base, 'dist/elements/status-badge.js': '{ SoStatusBadge }' }, over: 'elements base', budget: 8 },
  { name: '<so-request-form>', import: { ...base, 'dist/elements/request-form.js': '{ SoRequestForm }' }, over: 'elements base', budget: 8, ceiling: 12 },
  { name: '<so-status-tracker>', import: { ...base, 'dist/elements/status-tracker.js': '{ SoStatusTracker }' }, over: 'elements base', budget: 8, ceiling: 11 },
  { name: '<so-opinion-summary>', import: { ...base, 'dist/elements/opinion-summary.js': '{ SoOpinionSummary }' }, over: 'elements base', budget: 8 },
  { name: '<so-record-uploader>', import: { ...base, 'dist/elements/record-uploader.js': '{ SoRecordUploader }' }, over: 'elements base', budget: 8, ceiling: 10.7 },
  { name: 'everything', import: { 'dist/elements/index.js': '*', 'dist/index.js': '{ createClient, RestBackend }' }, budget: 45, ceiling: 68.5 },
  { name: 'REST backend (on demand)', import: { 'dist/core/backends/rest/index.js': '{ RestBackend }' }, report: true },
  { name: 'upload engine (on demand)', import: { 'dist/core/uploads/upload-manager.js': '{ UploadManager }' }, report: true },
  { name: 'live watcher (on demand)', import: { 'dist/core/watch/case-watcher.js': '{ CaseWatcher }' }, report: true },
];
