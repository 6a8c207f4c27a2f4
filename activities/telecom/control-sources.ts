import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { billingSystemsInUse, type PortBilledService } from '../../domain/telecom/control-runs';
import { isPortRefusal } from '../../integrations/port-errors';
import type { TelecomPorts } from './ports';

/**
 * What each billing system the organisation's lines name billed for a month, asked through its port
 * outside any transaction. A system that refuses (no adapter, a disabled connection) answers null: the
 * control then draws nothing from it; an outage is thrown (the activity retries, the API answers 503).
 */
export async function billedByPorts(ports: TelecomPorts, knex: Knex, tenantId: string, period: string): Promise<Record<string, PortBilledService[] | null>> {
  const systems = await withTenant({ tenantId }, (trx) => billingSystemsInUse(trx), knex);
  const billed: Record<string, PortBilledService[] | null> = {};
  for (const system of systems) {
    try {
      billed[system] = await (await ports.billingSystem(tenantId, system)).listBilledServices(period);
    } catch (error) {
      if (!isPortRefusal(error)) throw error;
      billed[system] = null;
    }
  }
  return billed;
}
