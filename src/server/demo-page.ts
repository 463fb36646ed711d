// What `npm start` serves beside the API: the demo page at `/`, its files at `/demo/`, the CDN
// build at `/cdn/`, and Storybook at `/storybook/` when it has been built.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AssetDir, ServerOptions } from './config.js';

/** The page served at `/` when the demo's files are not there (the npm package ships none): plain HTML, no scripts. */
export const DEMO_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>second-opinion-kit reference server</title>
</head>
<body>
<main>
<h1>second-opinion-kit reference server</h1>
<p>The server is running. The demo workflow (request form, record uploader, status tracker and opinion summary) runs from a clone of the repository: <code>npm install &amp;&amp; npm start</code>.</p>
<p>The HTTP protocol is described in the <a href="/openapi.json">OpenAPI document</a>. The service configuration is at <a href="/v1/config"><code>/v1/config</code></a>.</p>
<section lang="fr-CA">
<h2>Serveur de référence second-opinion-kit</h2>
<p>Le serveur fonctionne. La démonstration complète (formulaire de demande, téléversement des dossiers, suivi de la demande et résumé de l’avis) s’exécute depuis une copie du dépôt : <code>npm install &amp;&amp; npm start</code>.</p>
<p>Le protocole HTTP est décrit dans le <a href="/openapi.json">document OpenAPI</a>. La configuration du service se trouve à <a href="/v1/config"><code>/v1/config</code></a>.</p>
</section>
</main>
</body>
</html>
`;

/** Where the demo's pieces live, relative to `root` (the repository). */
export interface DemoSiteOptions {
  /** The repository folder. Default the working directory. */
  root?: string;
}

/** The `homePage` and `assets` options that serve the demo (pass them to `startServer` with `demo: true`). */
export function demoSite(options: DemoSiteOptions = {}): Pick<ServerOptions, 'homePage' | 'assets'> {
  const root = resolve(options.root ?? '.');
  const index = resolve(root, 'demo/index.html');
  const assets: AssetDir[] = [
    { path: '/demo', dir: resolve(root, 'demo') },
    { path: '/cdn', dir: resolve(root, 'dist/cdn') },
  ];
  const storybook = resolve(root, 'storybook-static');
  // Storybook's own pages need inline scripts: they get no page policy, only nosniff.
  if (existsSync(storybook)) assets.push({ path: '/storybook', dir: storybook, csp: false, index: true });
  return { homePage: existsSync(index) ? readFileSync(index, 'utf8') : DEMO_PAGE, assets };
}
