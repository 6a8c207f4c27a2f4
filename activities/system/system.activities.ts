import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { bpmnError, type ServiceTaskMeta } from '../registry';

export function createSystemActivities(deps: { knex: Knex }) {
  return {
    async 'system.echo'(input: Record<string, unknown>): Promise<Record<string, unknown>> {
      return input;
    },
    /** A business rule as a process step: false raises the BPMN error the diagram names. */
    async 'system.require'(input: { holds: boolean; errorCode: string; message?: string }): Promise<{ holds: true }> {
      if (!input.holds) throw bpmnError(input.errorCode, input.message ?? `Condition not met (${input.errorCode})`);
      return { holds: true };
    },
    /** Idempotent on the task's key: a retried or replayed call records nothing more. */
    async 'system.record'(input: { label: string; data?: unknown }, meta: ServiceTaskMeta): Promise<{ recorded: boolean }> {
      return withTenant({ tenantId: meta.tenantId }, async (trx) => {
        const inserted = await trx('processJournal').insert({
          tenantId: meta.tenantId, idempotencyKey: meta.idempotencyKey, workflowId: meta.workflowId, elementId: meta.elementId,
          label: input.label, data: JSON.stringify(input.data ?? null),
        }).onConflict(['tenantId', 'idempotencyKey']).ignore().returning('idempotencyKey');
        return { recorded: inserted.length > 0 };
      }, deps.knex);
    },
  };
}
