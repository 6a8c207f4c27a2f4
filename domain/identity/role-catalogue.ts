import { rolesOf } from '../modules/registry';
import type { ModuleRole } from '../modules/vertical-module';
import type { Grant } from './ability';
import { on } from './grants';

/**
 * The starting roles of a tenant: those its vertical modules declare
 * (`domain/<vertical>/<vertical>.module.ts`, named after the specifications),
 * plus the process permissions every role gets by kind. Tenants may add or
 * change roles; these are the starting point.
 */
export type RoleDefinition = ModuleRole;

/**
 * Process permissions, by kind of role: everyone works the tasks offered to
 * them; internal staff start processes and follow them; process owners
 * manage all tasks, see variables, cancel instances and resolve incidents.
 */
function processGrants(role: RoleDefinition): Grant[] {
  const tasks = on('process.task', role.ownsProcesses ? 'ru=all' : 'ru=own');
  if (role.userType !== 'internal') return tasks;
  if (!role.ownsProcesses) return [...tasks, ...on('process.instance', 'rc=all'), ...on('process.message', 'c=all')];
  return [...tasks, ...on('process.instance', 'rcu=all'), ...on('process.message', 'rc=all'),
    { permission: 'process.instance.variables.read', scope: 'all' }];
}

/** Authors save and deploy process definitions (the modeler); every internal role reads them. */
function definitionGrants(role: RoleDefinition): Grant[] {
  if (role.userType !== 'internal') return [];
  return on('process.definition', role.authorsDefinitions ? 'rcu=all' : 'r=all');
}

/** The roles a tenant gets for its enabled verticals (the first vertical that defines a key wins). */
export function rolesForVerticals(verticals: string[]): RoleDefinition[] {
  const byKey = new Map<string, RoleDefinition>();
  for (const r of rolesOf(verticals)) if (!byKey.has(r.key)) byKey.set(r.key, r);
  return [...byKey.values()].map((r) => ({ ...r, grants: [...r.grants, ...processGrants(r), ...definitionGrants(r)] }));
}
