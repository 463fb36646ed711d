// `POST /v1/dev/session`: demo tokens, mounted only when SO_DEMO=1.
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { readBody } from '../http.js';
import { DevSessionBodySchema } from '../wire.js';
import type { Deps } from './deps.js';

/** Mounts the demo session route. */
export function devRoutes(app: Hono<AppEnv>, { tokens }: Deps): void {
  app.post('/v1/dev/session', async (c) => {
    const body = await readBody(c, DevSessionBodySchema);
    const patientId = body.subject ?? `demo-patient-${crypto.randomUUID()}`;
    const [patientToken, staffToken, coordinatorToken, specialistToken] = await Promise.all([
      tokens.issue(patientId, 'patient'),
      tokens.issue('demo-staff', ['coordinator', 'specialist']),
      tokens.issue('demo-coordinator', 'coordinator'),
      tokens.issue('demo-specialist', 'specialist'),
    ]);
    return c.json({ patientToken, staffToken, coordinatorToken, specialistToken, patientId });
  });
}
