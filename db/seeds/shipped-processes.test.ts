import fs from 'node:fs';
import path from 'node:path';
import { resolveShippedRoles, shippedProcessFiles } from './shipped-processes';
import { compileDefinition } from '../../domain/process/definition-compiler';
import { lintDefinition } from '../../domain/process/definition-linter';
import { parseDefinition } from '../../domain/process/definition-parser';
import { rolesForVerticals } from '../../domain/identity/role-catalogue';
import { verticalModules } from '../../domain/modules/registry';

describe('shipped process definitions', () => {
  const files = shippedProcessFiles();

  it('ships the events lead-to-event process, from the events module', () => {
    expect(files.map((f) => [f.module, path.basename(f.file)])).toContainEqual(['events', 'lead-to-event.bpmn']);
  });

  it('ships the core account onboarding to every organisation, from the core module', () => {
    expect(files.filter((f) => f.core).map((f) => [f.module, path.basename(f.file)])).toContainEqual(['core', 'account-onboarding.bpmn']);
  });

  // A vertical's process with that vertical's roles; a core process with the roles of each vertical in turn.
  const cases = files.flatMap((f) => (f.core ? verticalModules().map((v) => v.key) : [f.module]).map((vertical) => [`${path.basename(f.file)} (${vertical})`, f, vertical] as const));
  it.each(cases)('%s parses, lints clean against the roles of the organisation and compiles', async (_name, { file }, vertical) => {
    const roles = rolesForVerticals([vertical]);
    const xml = resolveShippedRoles(fs.readFileSync(file, 'utf8'), roles);
    if (xml === null) throw new Error(`no role of ${vertical} can do its tasks`);
    const parsed = await parseDefinition(xml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const problems = await lintDefinition(parsed.definitions, { roleKeys: roles.map((r) => r.key) });
    expect(problems).toEqual([]);
    const plan = compileDefinition(parsed.definitions, 1);
    expect(Object.keys(plan.nodes).length).toBeGreaterThan(5);
  });

  it('gives the account tasks to the roles that manage accounts, else to those that own processes', () => {
    const candidates = (vertical: string) => /relais:candidateRoles="([^"]*)"/.exec(resolveShippedRoles('<x relais:candidateRoles="{roles:managesAccounts}"/>', rolesForVerticals([vertical]))!)![1];
    expect(candidates('telecom')).toBe('manager');
    expect(candidates('audits')).toBe('mission-lead');
    expect(candidates('psa')).toBe('manager');
    expect(candidates('school')).toBe('school-lead');
    expect(candidates('events')).toBe('management');
    expect(resolveShippedRoles('{roles:managesAccounts}', [])).toBeNull();
    expect(() => resolveShippedRoles('{roles:isAdmin}', rolesForVerticals(['telecom']))).toThrow(/managesAccounts/);
  });

  it('gives the billing tasks to the roles granted the permission the diagram names, on every record', () => {
    const candidates = (vertical: string) => /relais:candidateRoles="([^"]*)"/.exec(resolveShippedRoles('<x relais:candidateRoles="{roles:billing.invoice.update}"/>', rolesForVerticals([vertical]))!)![1];
    expect(candidates('audits')).toBe('administration');
    expect(candidates('telecom')).toBe('accounting');
    expect(candidates('psa')).toBe('admin,manager');
    // Nobody invoices there: the roles that own processes.
    expect(candidates('events')).toBe('management');
  });
});
