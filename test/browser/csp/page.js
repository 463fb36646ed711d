// Runs inside the CSP page (a classic script, since inline scripts are blocked): counts policy
// violations, drives the CDN elements, and reports to the parent test.
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));

const text = (el) => el.shadowRoot.textContent.replace(/\s+/g, ' ').trim();

async function run() {
  await customElements.whenDefined('so-provider');
  await customElements.whenDefined('so-status-badge');
  const provider = document.querySelector('so-provider');
  if (!provider.activeClient) await new Promise((r) => provider.addEventListener('so-client-change', r, { once: true }));
  // A real round trip through the client: zod parses every answer (jitless: no eval under this CSP).
  const created = await provider.activeClient.cases.create({ questions: ['Is surgery the best first step?'] });
  const loaded = document.getElementById('loaded');
  loaded.setAttribute('case-id', created.id);
  await loaded.updateComplete;
  await loaded.load();
  await loaded.updateComplete;
  if (new URLSearchParams(location.search).has('control')) {
    // The negative control: an inline style attribute this policy must report.
    document.getElementById('en').setAttribute('style', 'color: red');
    await new Promise((r) => document.addEventListener('securitypolicyviolation', r, { once: true }));
  }
  const badges = ['en', 'fr', 'loaded'].map((id) => document.getElementById(id));
  parent.postMessage({
    kind: 'csp-report',
    violations,
    texts: badges.map(text),
    adopted: badges.map((b) => b.shadowRoot.adoptedStyleSheets.length),
  }, '*');
}

run().catch((e) => parent.postMessage({ kind: 'csp-report', error: String(e) }, '*'));
