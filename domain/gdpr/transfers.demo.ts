import type { Knex } from 'knex';
import type { DemoTenantFacts } from '../modules/vertical-module';

/**
 * Transfers' demo (docs/adr/0030-transfers.md): at ACME School (spec 004: the alumni network and the partner
 * companies), the contacts of partner companies shared, pseudonymised, with the alumni partner network — so
 * that « Transferts » shows a declared transfer to preview and export. Idempotent: found by its recipient.
 */
const RECIPIENT = 'Réseau Alumni Partenaires';

export async function seedTransfersDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  if (tenant.slug !== 'acme-school') return;
  if (await admin('gdprTransfers').where({ tenantId: tenant.tenantId, recipientName: RECIPIENT }).first('id')) return;
  await admin('gdprTransfers').insert({
    tenantId: tenant.tenantId, recipientName: RECIPIENT, recipientCountry: 'FR', recipientZone: 'eu-eea', recipientSafeguard: null,
    purpose: 'Annuaire des entreprises partenaires partagé avec le réseau des anciens élèves (Alumnet) : fonctions des tuteurs et domaines de messagerie, sans identité',
    activityKey: 'core.customers', mode: 'pseudonymise',
    tables: JSON.stringify([{ table: 'contacts', columns: ['first_name', 'last_name', 'job_title', 'email', 'account_id'] }]),
    sensitive: '[]', createdBy: tenant.userIds.dpo ?? null,
  });
}
