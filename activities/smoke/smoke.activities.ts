import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';

export interface SmokeDeps {
  knex: Knex;
}

/** Built by a factory that receives its dependencies (STYLE §2). */
export function createSmokeActivities(deps: SmokeDeps) {
  return {
    /** Idempotent: a retried or replayed call never counts twice. */
    async recordSmokeCompletion(input: { tenantId: string; runId: string }): Promise<{ completions: number }> {
      return withTenant({ tenantId: input.tenantId }, async (trx) => {
        await trx('smokeRuns').where({ id: input.runId, status: 'running' })
          .update({ status: 'completed', completions: trx.raw('completions + 1'), completedAt: trx.fn.now() });
        const row = await trx('smokeRuns').where({ id: input.runId }).first('completions');
        return { completions: row?.completions ?? 0 };
      }, deps.knex);
    },
  };
}

export type SmokeActivities = ReturnType<typeof createSmokeActivities>;
