import type { Knex } from 'knex';
import { telecomPorts } from '../../activities/telecom/ports';

/** The billing control's small known world (ADR 0045): one account, one plan, four lines, one anomaly situation each. */
export interface ControlWorld {
  accountId: string;
  lines: { terminated: string; gap: string; ok: string; mid: string };
}

/** An operator's November invoice of that world: the terminated line still invoiced, the gap line at 22,00 € instead of 20,00 €. */
export const NOVEMBER_CSV = 'numéro;code produit;période;montant HT\nOR-1;FORF-20;11/2026;20,00\n06 11 11 11 11;FORF-20;11/2026;22,00\n06 33 33 33 33;FORF-20;11/2026;20,00\n06 44 44 44 44;FORF-20;11/2026;20,00\n';

/**
 * Writes the world as the owner (the hierarchy's tables are area A's; only their rows matter here), the services
 * billed by the sandbox billing system `cfast` (as the application role, through its port).
 */
export async function buildControlWorld(admin: Knex, knex: Knex, tenantId: string): Promise<ControlWorld> {
  const [account] = await admin('accounts').insert({ tenantId, number: 9001, name: 'Boulangerie Control', status: 'active' }).returning('id');
  const accountId = String(account.id);
  const [fleet] = await admin('telecomFleets').insert({ tenantId, accountId, type: 'mobile', operatorKey: 'orange', name: 'Mobile / Orange' }).returning('id');
  const [plan] = await admin('catalogueItems').insert({ tenantId, kind: 'plan', code: 'CTRL-FORF-20', name: 'Forfait 20 Go', unitPriceCents: 2990, purchasePriceCents: 2000 }).returning('id');
  await admin('telecomOffers').insert({ tenantId, catalogueItemId: plan.id, fleetType: 'mobile', operatorKey: 'orange', operatorProductCode: 'FORF-20' });
  const billing = await telecomPorts({ knex }).billingSystem(tenantId, 'cfast');
  const service = async (reference: string, number: string) => (await billing.createService({
    reference, customerRef: 'BP-CTRL', productCode: 'FORF-20', label: 'Forfait 20 Go', monthlyPriceCents: 2990, startOn: '2026-01-01', lineNumber: number,
  })).serviceId;
  const line = async (number: string, over: Record<string, unknown>) => {
    const [row] = await admin('telecomLines').insert({
      tenantId, number, accountId, fleetId: fleet.id, planId: plan.id, status: 'active', salePriceCents: 2990, purchasePriceCents: 2000, operatorKey: 'snaic',
      activatedOn: '2025-01-10', ...over,
    }).returning('id');
    return String(row.id);
  };
  return {
    accountId,
    lines: {
      // Terminated in September, still billed by CFAST and still on the operator's invoice: two anomalies.
      terminated: await line('+33612345678', {
        status: 'terminated', terminatedOn: '2026-09-30', operatorRefs: { lineId: 'OR-1' }, billingRefs: { system: 'cfast', serviceId: await service(`ctrl-${tenantId}-1`, '+33612345678') },
      }),
      // Invoiced 22,00 € for a plan bought at 20,00 €: one gap.
      gap: await line('+33611111111', {}),
      // Billed and invoiced as it should be: nothing.
      ok: await line('+33633333333', { billingRefs: { system: 'cfast', serviceId: await service(`ctrl-${tenantId}-2`, '+33633333333') } }),
      // Terminated on 15 November: November is still due, nothing.
      mid: await line('+33644444444', { status: 'terminated', terminatedOn: '2026-11-15' }),
    },
  };
}
