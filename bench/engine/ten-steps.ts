import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { compileDefinition } from '../../domain/process/definition-compiler';
import { lintDefinition } from '../../domain/process/definition-linter';
import { parseDefinition } from '../../domain/process/definition-parser';
import type { Plan } from '../../kernel/process/plan';
import { ECHO_RETRY, ECHO_TIMEOUT_MS, PROCESS_KEY } from './shape';

export const BPMN_FILE = path.join(__dirname, 'ten-steps.bpmn');

/**
 * ten-steps.bpmn through the deploy path's parser, linter and compiler (what
 * `deploy` stores as the plan), as version 1. Refuses to go on if the file
 * no longer lints clean or if the compiled activity options differ from
 * those the hand-written workflow uses.
 */
export async function compileTenSteps(): Promise<{ plan: Plan; xmlBytes: number }> {
  const xml = fs.readFileSync(BPMN_FILE, 'utf8');
  const parsed = await parseDefinition(xml);
  if (!parsed.ok) throw new Error(`ten-steps.bpmn does not parse: ${JSON.stringify(parsed.problems)}`);
  const problems = await lintDefinition(parsed.definitions);
  if (problems.length) throw new Error(`ten-steps.bpmn does not lint clean: ${problems.map((p) => `${p.elementId}: ${p.message}`).join('; ')}`);
  const plan = { ...compileDefinition(parsed.definitions, 0), version: 1 };
  if (plan.processKey !== PROCESS_KEY) throw new Error(`ten-steps.bpmn's process id is ${plan.processKey}, expected ${PROCESS_KEY}.`);
  const tasks = Object.values(plan.nodes).filter((n) => n.kind === 'serviceTask');
  for (const t of tasks) {
    if (t.kind !== 'serviceTask') continue;
    if (t.activity !== 'system.echo' || !isDeepStrictEqual(t.retry, { ...ECHO_RETRY }) || t.timeoutMs !== ECHO_TIMEOUT_MS) {
      throw new Error(`Service task ${t.id} compiles to ${t.activity} ${JSON.stringify(t.retry)} ${t.timeoutMs} ms, ` +
        `but the hand-written workflow uses system.echo ${JSON.stringify(ECHO_RETRY)} ${ECHO_TIMEOUT_MS} ms: update bench/engine/shape.ts.`);
    }
  }
  return { plan, xmlBytes: Buffer.byteLength(xml) };
}
