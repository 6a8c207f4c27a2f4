import type { Knex } from 'knex';
import type { DemoTenantFacts } from '../modules/vertical-module';

/**
 * The demo's connections (ADR 0042): SoftWhere's operators and billing system, each served by the sandbox (no
 * vendor is called from a demo), so « Connexions API » shows how they are wired; their orders complete at the next
 * call or poll, as the other areas' demos expect. Idempotent: an existing connection is left as an administrator changed it.
 */
const CONNECTIONS = [
  { kind: 'operator', key: 'snaic', label: 'SNAIC — mobile (bac à sable)', settings: {} },
  { kind: 'operator', key: 'alphalink', label: 'Alphalink — internet et trunks SIP (bac à sable)', settings: {} },
  { kind: 'billing-system', key: 'cfast', label: 'CFAST — facturation télécom (bac à sable)', settings: {} },
] as const;

export async function seedIntegrationsDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  if (tenant.slug !== 'softwhere') return;
  await admin('integrationConnections').insert(CONNECTIONS.map((c) => ({
    tenantId: tenant.tenantId, kind: c.kind, key: c.key, adapter: 'sandbox', label: c.label, settings: JSON.stringify(c.settings), active: true,
  }))).onConflict(['tenantId', 'kind', 'key']).ignore();
}
