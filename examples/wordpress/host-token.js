// The one thing a page builder cannot declare: the signed-in person's token. The site's own backend
// mints it (a WordPress plugin endpoint, say) and this script hands the provider a getter for it.
// The kit calls the getter on each request and never stores what it returns. This script runs
// before the kit's module, so the getter waits on the element and is taken over when it upgrades.
const provider = document.querySelector('so-provider');
const endpoint = provider.getAttribute('endpoint');

let token;
provider.getAccessToken = () => (token ??= fetch(
  // Demo only: the reference server's demo session. On a real site: your own route, e.g.
  // fetch('/wp-json/my-plugin/v1/so-token', { credentials: 'same-origin', headers: { 'X-WP-Nonce': nonce } }).
  new URL('/v1/dev/session', endpoint),
  { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
).then(async (answer) => {
  if (!answer.ok) throw new Error(`Token refused (HTTP ${answer.status})`);
  return (await answer.json()).patientToken;
}));
