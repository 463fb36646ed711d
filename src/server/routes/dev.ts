// `POST /v1/dev/session`: demo tokens, mounted only in demo mode. Every session is a fresh patient,
// and its staff tokens see that patient's cases only: the route hands tokens to anyone, never a way
// into anyone else's cases.
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { readBody } from '../http.js';
import { DevSessionBodySchema } from '../wire.js';
import type { Deps } from './deps.js';

/** Mounts the demo session route. */
export function devRoutes(app: Hono<AppEnv>, { tokens }: Deps): void {
  app.post('/v1/dev/session', async (c) => {
    await readBody(c, DevSessionBodySchema);
    const session = crypto.randomUUID();
    const patientId = `demo-patient-${session}`;
    const onlyOwner = { onlyOwner: patientId };
    const [patientToken, staffToken, coordinatorToken, specialistToken] = await Promise.all([
      tokens.issue(patientId, 'patient'),
      tokens.issue(`demo-staff-${session}`, ['coordinator', 'specialist'], onlyOwner),
      tokens.issue(`demo-coordinator-${session}`, 'coordinator', onlyOwner),
      tokens.issue(`demo-specialist-${session}`, 'specialist', onlyOwner),
    ]);
    return c.json({ patientToken, staffToken, coordinatorToken, specialistToken, patientId });
  });
}
