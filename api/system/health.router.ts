import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../http/deps';

const serviceState = z.object({ status: z.enum(['up', 'down']), error: z.string().optional().describe('Why it is down') });
/** What GET /health answers, 200 or 503. */
export const healthView = z.object({ status: z.enum(['up', 'down']), database: serviceState, temporal: serviceState });

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** 200 when PostgreSQL and Temporal both answer; 503 naming the one that does not. */
export function healthRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      within(3000, deps.knex.raw('select 1')).then(() => ({ status: 'up' }), (e: Error) => ({ status: 'down', error: e.message })),
      within(3000, deps.temporal().then((c) => c.connection.withDeadline(Date.now() + 3000, () => c.workflowService.getSystemInfo({})))).then(() => ({ status: 'up' }), (e: Error) => ({ status: 'down', error: e.message })),
    ]);
    const up = database.status === 'up' && temporal.status === 'up';
    res.status(up ? 200 : 503).json({ status: up ? 'up' : 'down', database, temporal });
  });
  return router;
}
