import fs from 'node:fs';
import path from 'node:path';
import { shippedProcessFiles } from './shipped-processes';
import { compileDefinition } from '../../domain/process/definition-compiler';
import { lintDefinition } from '../../domain/process/definition-linter';
import { parseDefinition } from '../../domain/process/definition-parser';
import { rolesForVerticals } from '../../domain/identity/role-catalogue';

describe('shipped process definitions', () => {
  const files = shippedProcessFiles();

  it('ships the events lead-to-event process, from the events module', () => {
    expect(files.map((f) => [f.module, path.basename(f.file)])).toContainEqual(['events', 'lead-to-event.bpmn']);
  });

  it.each(files.map((f) => [f.file.split('/').pop()!, f] as const))('%s parses, lints clean against its vertical roles and compiles', async (_name, { module, file }) => {
    const parsed = await parseDefinition(fs.readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const problems = await lintDefinition(parsed.definitions, { roleKeys: rolesForVerticals([module]).map((r) => r.key) });
    expect(problems).toEqual([]);
    const plan = compileDefinition(parsed.definitions, 1);
    expect(Object.keys(plan.nodes).length).toBeGreaterThan(5);
  });
});
