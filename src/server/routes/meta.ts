// What describes the service: its configuration, its OpenAPI document and the home page.
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { openApiDocument } from '../openapi.js';
import { pageHeaders } from './assets.js';
import type { Deps } from './deps.js';

/** Mounts `/v1/config`, `/openapi.json` and, when configured, `/`. */
export function metaRoutes(app: Hono<AppEnv>, { config, options }: Deps): void {
  app.get('/v1/config', (c) => c.json(config));
  let doc: unknown;
  app.get('/openapi.json', (c) => c.json((doc ??= openApiDocument(config))));
  const home = options.homePage;
  if (home) {
    app.get('/', (c) => {
      pageHeaders(c);
      return c.html(home);
    });
  }
}
