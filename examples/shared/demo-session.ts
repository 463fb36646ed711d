// Demo only: the reference server in demo mode mints a patient token for anyone who asks. A real
// host asks its own backend (after its own sign-in) and keeps the token in memory, never in storage.
import type { TokenGetter } from 'second-opinion-kit';

/** The API base URL, from the page's `<meta name="so-endpoint">` (the host page decides where the API lives). */
export function apiEndpoint(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="so-endpoint"]');
  if (!meta?.content) throw new Error('The page needs <meta name="so-endpoint" content="https://your-api">.');
  return meta.content;
}

/** A token getter for the demo server: one demo patient per page load, asked for once. */
export function demoTokenGetter(endpoint: string): TokenGetter {
  let token: Promise<string> | undefined;
  // forceRefresh is ignored on purpose: a new demo session would be a different patient.
  return () => (token ??= fetch(new URL('/v1/dev/session', endpoint), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    .then(async (answer) => {
      if (!answer.ok) throw new Error(`Demo session refused (HTTP ${answer.status}): start the reference server with SO_DEMO=1.`);
      return ((await answer.json()) as { patientToken: string }).patientToken;
    }));
}
