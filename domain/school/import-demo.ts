import fs from 'node:fs/promises';
import type { Knex } from 'knex';
import { env } from '../../config/env';
import { withTenant } from '../../db/tenant-scope';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { maskedFromLastDigits } from './nir';
import { dropFolderPath } from './import-drop-folder';
import { ensureDefaultMapping, saveMapping } from './import-mappings';

/**
 * The import's demo (issue 18): the default mapping and a custom one in two versions, the drop folder configured
 * (the registry's owner: the student office's head), and the daily runs of the last week with realistic counts —
 * one day without a file, flagged. The drop folder is created, empty: the next daily run finds no file and is flagged,
 * until the school drops one. Idempotent: nothing is done once the organisation has import runs.
 */
const CUSTOM = 'Export secrétariat';

function day(offset: number): string {
  const d = new Date(Date.now() - offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

const rejected = (row: number, code: string, params: Record<string, unknown>, last: string, first: string) => ({
  row, outcome: 'rejected', reason: { code, params },
  values: { lastName: last, firstName: first, nir: null, status: null, address: null, postalCode: null, city: null, personalPhone: null, professionalPhone: null, company: null, cursus: null },
});
const changed = (row: number, last: string, first: string, digits: string, fields: string[], city: string) => ({
  row, outcome: 'update', changed: fields,
  values: { lastName: last, firstName: first, nir: maskedFromLastDigits(digits), status: 'enrolled', address: '4 rue de Brest', postalCode: '35000', city, personalPhone: '+33611223344', professionalPhone: null, company: null, cursus: 'BTS SIO' },
});

export async function seedImportDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  if (tenant.slug !== 'acme-school') return;
  await fs.mkdir(dropFolderPath(env().RELAIS_DATA_DIR, tenant.tenantId, 'referentiel'), { recursive: true }).catch(() => undefined);
  await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    if (await trx('schoolImportRuns').first('id')) return;
    const lead = tenant.userIds['school-lead'] ?? null;
    const office = tenant.userIds['school-office'] ?? null;
    await ensureDefaultMapping(trx, tenant.tenantId);
    const columns = { name: 'Étudiant', nir: 'N° SS', status: 'Statut', address: 'Adresse', phones: 'Téléphones', cursus: 'Formation' };
    await saveMapping(trx, tenant.tenantId, office, { name: CUSTOM, columns });
    await saveMapping(trx, tenant.tenantId, office, { name: CUSTOM, columns: { ...columns, company: 'Entreprise' } });
    const mapping = await trx('schoolImportMappings').where({ version: 1 }).whereNot({ name: CUSTOM }).first('id') as { id: string };
    await trx('schoolImportSettings').insert({ tenantId: tenant.tenantId, dropFolder: 'referentiel', ownerUserId: lead, mappingName: null, enabled: true, hour: 6, updatedBy: lead })
      .onConflict('tenantId').ignore();
    const days = [
      { offset: 6, total: 412, created: 3, updated: 6, rejected: 2 },
      { offset: 5, total: 413, created: 1, updated: 2, rejected: 1 },
      { offset: 4, total: 0, created: 0, updated: 0, rejected: 0, failed: 'no-file' },
      { offset: 3, total: 415, created: 2, updated: 4, rejected: 1 },
      { offset: 2, total: 415, created: 0, updated: 3, rejected: 0 },
      { offset: 1, total: 418, created: 3, updated: 1, rejected: 2 },
    ];
    for (const d of days) {
      const runDay = day(d.offset);
      const started = `${runDay}T05:00:12Z`;
      const report = d.failed ? [] : [
        ...(d.rejected >= 1 ? [rejected(37, 'school.import.nir-key', {}, 'PETIT', 'Lucas')] : []),
        ...(d.rejected >= 2 ? [rejected(204, 'school.import.name-format', {}, 'MERCIER', '')] : []),
        ...Array.from({ length: d.updated }, (_, i) => changed(10 + i * 31, ['LE GALL', 'KERBRAT', 'MORVAN', 'GUILLOU', 'LE BRIS', 'COLIN'][i % 6]!, ['Jean-Pierre', 'Yann', 'Gwenaëlle', 'Maël', 'Anne-Sophie', 'Théo'][i % 6]!, String(1012 + i * 7), ['city', 'personalPhone'], ['Rennes', 'Brest'][i % 2]!)),
      ];
      await trx('schoolImportRuns').insert({
        tenantId: tenant.tenantId, source: 'schedule', fileName: d.failed ? null : `referentiel-${runDay}.xlsx`,
        fileSha256: d.failed ? null : Buffer.from(runDay.padEnd(32, '0')).toString('hex').slice(0, 64),
        dryRun: false, status: d.failed ? 'failed' : 'done', total: d.total, created: d.created, updated: d.updated,
        unchanged: d.failed ? 0 : d.total - d.created - d.updated - d.rejected, rejected: d.rejected, report: JSON.stringify(report),
        mappingId: mapping.id, mappingVersion: 1, errorCode: d.failed ?? null, runDay, attempts: d.failed ? 5 : 1, createdBy: null,
        startedAt: started, finishedAt: `${runDay}T05:0${d.failed ? 9 : 1}:40Z`,
      });
    }
  }, admin);
}
