import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { buildAbility, type Principal } from '../../domain/identity/ability';
import { registeredModules } from '../../domain/modules/registry';
import { deploy } from '../../domain/process/definitions-service';
import { withTenant } from '../tenant-scope';

/** The BPMN definitions the registered modules ship (`processes` in their manifests), with the module that ships each. */
export function shippedProcessFiles(): Array<{ module: string; core: boolean; file: string }> {
  return registeredModules().flatMap((m) => (m.processes ?? []).map((file) => ({ module: m.key, core: m.kind === 'core', file })));
}

/**
 * Deploys each shipped process to every tenant that has its module (a core
 * context, or a vertical the tenant enabled) and has no version of it yet. A
 * process owner's later versions are never replaced: the shipped file is only
 * the starting point. `only`: these tenants (ids) and no other.
 */
export async function installShippedProcesses(admin: Knex, only?: readonly string[]): Promise<Array<{ tenant: string; key: string; version: number | null }>> {
  const installed: Array<{ tenant: string; key: string; version: number | null }> = [];
  const files = shippedProcessFiles();
  const tenants: Array<{ id: string; slug: string; verticals: string[] }> = await admin('tenants').modify((q) => { if (only) q.whereIn('id', only); }).select('id', 'slug', 'verticals');
  for (const tenant of tenants) {
    for (const { module, core, file } of files) {
      if (!core && !tenant.verticals.includes(module)) continue;
      const xml = fs.readFileSync(file, 'utf8');
      const key = /<bpmn:process id="([^"]+)"/.exec(xml)?.[1];
      if (!key) throw new Error(`${path.basename(file)} holds no <bpmn:process id="…">.`);
      await withTenant({ tenantId: tenant.id }, async (trx) => {
        // By tenant id, not only by the RLS scope: the owner connection may bypass row-level security.
        if (await trx('processDefinitions').where({ tenantId: tenant.id, key, status: 'deployed' }).first('id')) return;
        // Installed by the platform itself: no user, only the right to deploy.
        const principal: Principal = {
          userId: null as unknown as string, tenantId: tenant.id, type: 'internal', accountId: null, roles: [],
          grants: [{ permission: 'process.definition.create', scope: 'all' }, { permission: 'process.definition.update', scope: 'all' }],
        };
        const summary = await deploy({ trx, principal, ability: buildAbility(principal) }, xml);
        installed.push({ tenant: tenant.slug, key, version: summary.version });
      }, admin);
    }
  }
  return installed;
}
