import type { Knex } from 'knex';
import type { DemoTenantFacts } from '../modules/vertical-module';

/**
 * Retention's demo (docs/adr/0026-retention.md): at SoftWhere and at the MSP, prospects nobody contacted for
 * more than three years, so that « Simuler le passage d'aujourd'hui » finds something; at the MSP one of
 * them is under a legal hold. Their last contact is reckoned from the day of the seed (they stay past
 * their retention whenever the demo is run). Idempotent: found by name, never duplicated.
 */
const OLD_PROSPECTS: Record<string, Array<{ name: string; email: string; city: string; postalCode: string; monthsAgo: number; hold?: string }>> = {
  softwhere: [
    { name: 'Boulangerie Marchand', email: 'contact@boulangerie-marchand.example', city: 'Angers', postalCode: '49000', monthsAgo: 40 },
    { name: 'Cabinet Lefèvre Géomètres', email: 'accueil@lefevre-geometres.example', city: 'Cholet', postalCode: '49300', monthsAgo: 52 },
  ],
  msp: [
    { name: 'Garage des Quatre Routes', email: 'atelier@quatre-routes.example', city: 'Vannes', postalCode: '56000', monthsAgo: 39 },
    {
      name: 'Pharmacie du Port', email: 'officine@pharmacie-du-port.example', city: 'Lorient', postalCode: '56100', monthsAgo: 45,
      hold: 'Litige sur un devis de 2022 : mise en demeure reçue, dossier transmis à l’avocat',
    },
  ],
};

export async function seedRetentionDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  const dpo = tenant.userIds.dpo ?? null;
  for (const p of OLD_PROSPECTS[tenant.slug] ?? []) {
    let account = await admin('accounts').where({ tenantId: tenant.tenantId, name: p.name }).first('id');
    if (!account) {
      const { rows } = await admin.raw<{ rows: Array<{ value: number }> }>(
        `insert into tenant_counters (tenant_id, name, value) values (?, 'account', coalesce((select max(number) from accounts where tenant_id = ?), 0) + 1)
         on conflict (tenant_id, name) do update set value = greatest(tenant_counters.value, (select coalesce(max(number), 0) from accounts where tenant_id = ?)) + 1
         returning value`, [tenant.tenantId, tenant.tenantId, tenant.tenantId]);
      const lastContact = admin.raw(`now() - make_interval(months => ?)`, [p.monthsAgo]);
      [account] = await admin('accounts').insert({
        tenantId: tenant.tenantId, number: rows[0]!.value, name: p.name, email: p.email, city: p.city, postalCode: p.postalCode, country: 'FR', status: 'prospect',
        notes: 'Premier contact au salon professionnel ; pas de suite donnée.', createdAt: lastContact, updatedAt: lastContact,
      }).returning('id');
    }
    if (p.hold && !(await admin('gdprLegalHolds').where({ tenantId: tenant.tenantId, tableName: 'accounts', recordId: account.id }).first('id'))) {
      await admin('gdprLegalHolds').insert({ tenantId: tenant.tenantId, scope: 'record', tableName: 'accounts', recordId: account.id, reason: p.hold, placedBy: dpo });
    }
  }
}
