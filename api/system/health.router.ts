import { Router } from 'express';
import { z } from 'zod';
import { documentsReplicationState as documentsState } from '../../domain/backup/backup.schema';
import { documentsReplicationState } from '../../domain/backup/documents-replication';
import type { ApiDeps } from '../http/deps';

const serviceState = z.object({ status: z.enum(['up', 'down']), error: z.string().optional().describe('Why it is down') });
/** What GET /health answers, 200 or 503. */
const replicaState = z.object({
  status: z.enum(['up', 'lagging', 'down', 'isolated']).describe('up: serving reads; lagging: further behind than maxLagSeconds (reads go to the primary); down: out of reach or promoted; isolated: the primary is out of reach, the replica serves reads as of its last replay'),
  measuredAt: z.string().nullable(),
  lagSeconds: z.number().nullable().describe('Replay lag in seconds'),
  lagBytes: z.number().nullable().describe('WAL bytes written on the primary and not yet replayed on the replica'),
  maxLagSeconds: z.number(),
  primaryLsn: z.string().nullable(),
  replayLsn: z.string().nullable(),
  receiveLsn: z.string().nullable(),
  receiver: z.string().nullable().describe("The replica's WAL receiver state (streaming when linked)"),
  slots: z.array(z.object({ name: z.string(), active: z.boolean(), retainedBytes: z.number().nullable(), walStatus: z.string().nullable() })),
  error: z.string().optional(),
});
/** What GET /health answers, 200 or 503 (the replica's state is information: the primary serves without it). */
export const healthView = z.object({
  status: z.enum(['up', 'down']), database: serviceState, temporal: serviceState,
  replica: replicaState.optional().describe('The second site (ADR 0021), when DATABASE_REPLICA_URL is set'),
  documents: documentsState.omit({ location: true }).optional().describe('The documents\' replication to the second site (ADR 0031), when configured: its lag beside the database\'s'),
});

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
    // Information, like the replica's: the documents' copy being behind never makes the platform unhealthy.
    const documents = database.status === 'up' ? await within(3000, documentsReplicationState(deps.knex)).catch(() => null) : null;
    // Public: the figures, not where the replica is.
    const shown = documents ? (({ location: _location, ...figures }) => figures)(documents) : undefined;
    res.status(up ? 200 : 503).json({
      status: up ? 'up' : 'down', database, temporal, ...(deps.replica ? { replica: deps.replica.status() } : {}),
      ...(shown ? { documents: shown } : {}),
    });
  });
  return router;
}
