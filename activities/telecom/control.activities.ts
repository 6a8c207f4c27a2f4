import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { previousPeriod } from '../../domain/telecom/control-rules';
import { currentPeriod, recordControlRun } from '../../domain/telecom/control-runs';
import type { BillingControlActivities } from '../../workflows/telecom/billing-control.contract';
import { billedByPorts } from './control-sources';
import { telecomPorts } from './ports';

/**
 * The activities of the nightly billing control (workflows/telecom/billing-control.contract.ts): thin,
 * over domain/telecom/control-runs.ts. The billing systems are asked before the run's transaction.
 */
export function createControlActivities(deps: { knex: Knex }): BillingControlActivities {
  const ports = telecomPorts({ knex: deps.knex });
  return {
    async 'telecom.control.jobs'({ tenantIds, periods }) {
      const current = currentPeriod();
      const { rows } = await deps.knex.raw<{ rows: Array<{ id: string }> }>("select id from tenants_with_vertical('telecom') as id");
      const tenants = rows.map((r) => r.id).filter((id) => !tenantIds || tenantIds.includes(id));
      return tenants.flatMap((tenantId) => (periods ?? [previousPeriod(current), current]).map((period) => ({ tenantId, period })));
    },
    async 'telecom.control.run'({ tenantId, period }) {
      const billed = await billedByPorts(ports, deps.knex, tenantId, period);
      const run = await withTenant({ tenantId }, (trx) => recordControlRun(trx, tenantId, { period, trigger: 'schedule', startedBy: null, billed }), deps.knex);
      return { tenantId, period, runId: run.id, found: run.found, opened: run.opened, resolved: run.resolved };
    },
  };
}
