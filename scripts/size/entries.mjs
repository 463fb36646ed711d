// The size budgets of issue 9 (gzip), one place for `.size-limit.mjs` and the gate that checks them.
// Every entry is a real import of the built package, bundled by esbuild (minified, tree-shaken,
// `sideEffects` honoured). The budgets are for the first load: every dynamic `import()` (validation,
// the ky transport, the live watcher, the upload engine, the elements' later parts, French catalogues,
// the backends `<so-provider>` picks) is left out of them, and reported below, with the total a page
// reaches once every part has loaded, so nothing deferred goes unseen.

/** The shared base every element sits on: `<so-provider>` and the core a page talks REST with. */
const base = {
  'dist/elements/provider.js': '{ SoProvider }',
  'dist/index.js': '{ createClient, RestBackend }',
};

/**
 * `report`: measured and shown, with `how` it is loaded, but not gated.
 * `budget`: the target in KB. `ceiling`: where the measured figure is above the budget
 * after honest work, the figure it may not grow past (README's size table shows the gap).
 * `over`: the entry measured as the difference from another (an element's own code on top of its base).
 */
export const entries = [
  { name: 'core', import: { 'dist/index.js': '{ createClient, RestBackend }' }, budget: 12 },
  { name: 'core with uploads', import: { 'dist/index.js': '{ createClient, RestBackend, installUploads }' }, budget: 30 },
  { name: 'elements base', import: base, report: true },
  { name: '<so-status-badge>', import: { ...base, 'dist/elements/status-badge.js': '{ SoStatusBadge }' }, over: 'elements base', budget: 8 },
  { name: '<so-request-form>', import: { ...base, 'dist/elements/request-form.js': '{ SoRequestForm }' }, over: 'elements base', budget: 8 },
  { name: '<so-status-tracker>', import: { ...base, 'dist/elements/status-tracker.js': '{ SoStatusTracker }' }, over: 'elements base', budget: 8 },
  { name: '<so-opinion-summary>', import: { ...base, 'dist/elements/opinion-summary.js': '{ SoOpinionSummary }' }, over: 'elements base', budget: 8 },
  { name: '<so-record-uploader>', import: { ...base, 'dist/elements/record-uploader.js': '{ SoRecordUploader }' }, over: 'elements base', budget: 8 },
  // The reviewing side (<so-triage-queue>, <so-case-review>, <so-opinion-editor>; the moves' forms and French load on demand):
  // its own entry, never in the patient's bundle ('everything' leaves it out). About 6 KB per element.
  // 19, not 18: the editor's Preview toggle, encrypted draft keeping and the queue's sort (issue 14)
  // add about 0.75 KB even with the preview, the draft store and the stored-draft checks on demand.
  { name: 'staff elements', import: { ...base, 'dist/elements/staff.js': '*' }, over: 'elements base', budget: 19 },
  { name: 'everything', import: { 'dist/elements/index.js': '*', 'dist/index.js': '{ createClient, RestBackend }' }, budget: 45 },
  {
    name: 'a workflow page, every part loaded',
    import: {
      'dist/elements/index.js': '*',
      'dist/index.js': '{ createClient, RestBackend, installUploads }',
      'dist/core/backends/rest/transport.js': '{ Transport }',
      'dist/core/http/problem.js': '{ errorFromResponse }',
      'dist/core/client/schemas.js': '{ answers, inputs, parseWith }',
      'dist/core/client/config-schema.js': '{ BackendConfigSchema }',
      'dist/core/watch/case-watcher.js': '{ CaseWatcher }',
      'dist/core/uploads/upload-manager.js': '{ UploadManager }',
      'dist/components/request-form/request-form.messages.js': '{ FORM_MESSAGES_EN }',
      'dist/components/request-form/request-form.validation.js': '{ sendRequest, readInput, validateAll, validateStep, validateField, placeIssues }',
      'dist/components/request-form/request-form.steps.view.js': '{ renderStep, renderConfirmation, renderSummary, issueWords, stepStyles }',
      'dist/components/status-tracker/tracker-list.view.js': '{ renderCaseList }',
      'dist/components/status-tracker/tracker-list.controller.js': '{ CaseListController }',
      'dist/components/status-tracker/tracker-actions.controller.js': '{ trackerActions }',
      'dist/components/status-tracker/tracker-reply.view.js': '{ renderReply }',
      'dist/components/status-tracker/tracker-withdraw.view.js': '{ renderWithdrawConfirm }',
      'dist/components/record-uploader/record-rows.view.js': '{ renderRecordRows }',
      'dist/components/record-uploader/record-uploader.controller.js': '{ UploaderController }',
      'dist/components/opinion-summary/opinion-earlier.view.js': '{ loadEarlier, renderEarlier, styles }',
      'dist/components/opinion-summary/opinion-actions.view.js': '{ renderShareForm, renderFollowUp }',
    },
    report: true,
    how: 'all of the above plus every on-demand part a page in English on REST reaches (not French, FHIR, the in-memory backend, drafts or the hashing Worker)',
  },
  // Loaded on demand, each measured alone (so shared code is counted in each): what a page fetches later.
  { name: 'config check (zod/mini + the config schema)', import: { 'dist/core/client/config-schema.js': '{ BackendConfigSchema, parseWith }' }, report: true, how: 'on demand: with the first config call' },
  { name: 'validation (zod/mini + schemas)', import: { 'dist/core/client/schemas.js': '{ answers, inputs, parseWith }' }, report: true, how: 'on demand: with the first call that is not the config' },
  { name: 'REST transport (ky)', import: { 'dist/core/backends/rest/transport.js': '{ Transport }' }, report: true, how: 'on demand: with the first request' },
  { name: 'live watcher', import: { 'dist/core/watch/case-watcher.js': '{ CaseWatcher }' }, report: true, how: 'on demand: with the first cases.watch()' },
  { name: 'upload engine', import: { 'dist/core/uploads/upload-manager.js': '{ UploadManager }' }, report: true, how: 'on demand: the uploader loads it with the first file' },
];
