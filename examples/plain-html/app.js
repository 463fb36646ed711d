// The host's glue for the plain HTML recipe: hand the provider a token getter, and react to the
// created case. A classic module file, since the page's CSP forbids inline scripts.
const provider = document.querySelector('so-provider');
const endpoint = provider.getAttribute('endpoint');

// Demo only: the reference server in demo mode mints a patient token. A real site asks its own
// backend for a short-lived token (after its own sign-in) and keeps it in memory, never in storage.
let token;
provider.getAccessToken = () => (token ??= fetch(new URL('/v1/dev/session', endpoint), {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}',
}).then(async (answer) => {
  if (!answer.ok) throw new Error(`Demo session refused (HTTP ${answer.status})`);
  return (await answer.json()).patientToken;
}));

// The form shows its own confirmation; the host can also send the reference to its analytics or CRM.
document.addEventListener('so-case-created', (event) => {
  document.getElementById('outcome').textContent = `Case ${event.case.reference} created.`;
});
