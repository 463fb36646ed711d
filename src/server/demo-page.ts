// The page `npm start` serves at `/` until the elements exist: plain HTML, no scripts.

/** The placeholder demo page, in English and Canadian French. */
export const DEMO_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>second-opinion-kit reference server</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .25rem}</style>
</head>
<body>
<main>
<h1>second-opinion-kit reference server</h1>
<p>The server is running. The demo workflow (request form, record uploader, status tracker and opinion summary) arrives with the web components in a later release.</p>
<p>The HTTP protocol is described in the <a href="/openapi.json">OpenAPI document</a>. The service configuration is at <a href="/v1/config"><code>/v1/config</code></a>.</p>
<section lang="fr-CA">
<h2>Serveur de référence second-opinion-kit</h2>
<p>Le serveur fonctionne. La démonstration complète (formulaire de demande, téléversement des dossiers, suivi de la demande et résumé de l’avis) arrivera avec les composants Web dans une prochaine version.</p>
<p>Le protocole HTTP est décrit dans le <a href="/openapi.json">document OpenAPI</a>. La configuration du service se trouve à <a href="/v1/config"><code>/v1/config</code></a>.</p>
</section>
</main>
</body>
</html>
`;
