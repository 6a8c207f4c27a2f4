import { registeredModules } from '../modules/registry';
import { ASSIGN_PREFIX } from './role-assignment';

/**
 * A declared delegation (`mayAssign`) lets the holder give a role whose grants it lacks: the
 * manifests must not turn it into an escalation. Checked over every registered module, so a
 * new vertical's roles are held to it too.
 */
describe('declared role delegations in the module manifests', () => {
  const delegations = registeredModules().flatMap((module) => module.roles?.flatMap((assigner) => assigner.grants
    .filter((g) => g.permission.startsWith(ASSIGN_PREFIX))
    .map((g) => ({ module, assigner, key: g.permission.slice(ASSIGN_PREFIX.length) }))) ?? []);

  it('exist (management, direction and director staff their organisation)', () => {
    expect(delegations.length).toBeGreaterThan(0);
  });

  it.each(delegations.map((d) => [`${d.module.key}: ${d.assigner.key} → ${d.key}`, d] as const))(
    '%s names a role of the same module (or a core role every organisation has) that owns no processes, authors no definitions, manages no collaborators and delegates nothing the assigner does not', (_label, { module, assigner, key }) => {
      const target = module.roles?.find((r) => r.key === key)
        ?? registeredModules().filter((m) => m.kind === 'core').flatMap((m) => m.roles ?? []).find((r) => r.key === key);
      expect(target).toBeDefined();
      if (!target) return;
      expect({ owns: Boolean(target.ownsProcesses) && !assigner.ownsProcesses, authors: Boolean(target.authorsDefinitions) && !assigner.authorsDefinitions })
        .toEqual({ owns: false, authors: false });
      const held = new Set(assigner.grants.map((g) => g.permission));
      expect(target.grants.filter((g) => g.permission.startsWith('identity.') && !held.has(g.permission)).map((g) => g.permission)).toEqual([]);
    });
});
