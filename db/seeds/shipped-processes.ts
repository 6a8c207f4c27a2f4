import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { buildAbility, type Principal } from '../../domain/identity/ability';
import { rolesForVerticals } from '../../domain/identity/role-catalogue';
import { registeredModules } from '../../domain/modules/registry';
import type { ModuleRole } from '../../domain/modules/vertical-module';
import { deploy } from '../../domain/process/definitions-service';
import { withTenant } from '../tenant-scope';

/** The BPMN definitions the registered modules ship (`processes` in their manifests), with the module that ships each. */
export function shippedProcessFiles(): Array<{ module: string; core: boolean; file: string }> {
  return registeredModules().flatMap((m) => (m.processes ?? []).map((file) => ({ module: m.key, core: m.kind === 'core', file })));
}

const ROLE_FLAGS = ['managesAccounts', 'ownsProcesses', 'authorsDefinitions'] as const;

/**
 * A shipped diagram may name its candidate roles by what they do rather than by key, since each
 * organisation calls its roles differently: `{roles:managesAccounts}` becomes the keys of the
 * organisation's roles whose manifest sets that flag (`ModuleRole`), comma-separated, and
 * `{roles:billing.invoice.update}` those granted that permission on every record (scope `all`);
 * when none does, its roles that own processes. Null when the organisation has no such role at all
 * (the process is then not installed there: nobody could do its tasks).
 */
export function resolveShippedRoles(xml: string, roles: readonly ModuleRole[]): string | null {
  let unresolved = false;
  const resolved = xml.replace(/\{roles:([A-Za-z.-]+)\}/g, (token, flag: string) => {
    const byGrant = flag.includes('.');
    if (!byGrant && !(ROLE_FLAGS as readonly string[]).includes(flag)) throw new Error(`${token}: a shipped diagram may name roles by ${ROLE_FLAGS.join(', ')} or by a permission only.`);
    const holders = roles.filter((r) => (byGrant ? r.grants.some((g) => g.permission === flag && g.scope === 'all') : r[flag as (typeof ROLE_FLAGS)[number]]));
    const keys = (holders.length ? holders : roles.filter((r) => r.ownsProcesses)).map((r) => r.key);
    if (!keys.length) unresolved = true;
    return keys.join(',');
  });
  return unresolved ? null : resolved;
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
    // The roles the organisation has (those its verticals declare and it still holds), for `{roles:…}` in a diagram.
    const held = new Set<string>(await admin('roles').where({ tenantId: tenant.id }).pluck('key'));
    const roles = rolesForVerticals(tenant.verticals).filter((r) => held.has(r.key));
    for (const { module, core, file } of files) {
      if (!core && !tenant.verticals.includes(module)) continue;
      const xml = resolveShippedRoles(fs.readFileSync(file, 'utf8'), roles);
      if (xml === null) continue;
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
