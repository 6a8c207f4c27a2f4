import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../test/support/paths';
import { compileDefinition } from './definition-compiler';
import { lintReport } from './definition-linter';
import { parseDefinition } from './definition-parser';

const DIR = path.join(ROOT, 'test/fixtures/miwg');

/**
 * What Relais does with each OMG MIWG reference diagram (test/fixtures/miwg/README.md):
 * 'deployed', or the rules of its refusal that must appear (a construct the engine does not
 * execute, a collaboration with no executable process, or a gap of the diagram itself such as
 * a choice without conditions or a job type that is no Relais activity). Any change shows here.
 */
const EXPECTED: Record<string, 'deployed' | string[]> = {
  'A.1.0.bpmn': 'deployed',
  'A.2.0.bpmn': ['relais/missing-condition'],
  'A.2.1.bpmn': ['relais/condition-not-evaluated', 'relais/missing-condition'],
  'A.3.0.bpmn': ['relais/unsupported-element:escalation boundary events', 'relais/message', 'start-event-required'],
  'A.4.0.bpmn': ['relais/single-process:collaboration'],
  'A.4.1.bpmn': ['relais/single-process:collaboration'],
  'B.1.0.bpmn': ['relais/single-process:collaboration'],
  'B.2.0.bpmn': [
    'relais/single-process:collaboration', 'relais/unsupported-element:signal start events', 'relais/unsupported-element:conditional start events',
    'relais/unsupported-element:escalation boundary events', 'relais/unsupported-element:loops (the standard loop marker)',
  ],
  'C.1.0.bpmn': ['relais/service-task', 'relais/feel'],
  'C.1.1.bpmn': ['relais/service-task', 'relais/feel'],
  'C.2.0.bpmn': ['relais/single-process:collaboration'],
  'C.3.0.bpmn': ['relais/missing-condition', 'relais/feel', 'start-event-required'],
  'C.4.0.bpmn': ['relais/single-process:collaboration', 'relais/unsupported-element:signal start events'],
  'C.5.0.bpmn': ['relais/single-process:collaboration', 'relais/unsupported-element:signal end events'],
  'C.6.0.bpmn': ['relais/unsupported-element:event sub-processes', 'relais/unsupported-element:compensation intermediate throw events'],
  'C.7.0.bpmn': ['relais/unsupported-element:business rule tasks (DMN', 'relais/service-task'],
  'C.8.0.bpmn': ['relais/unsupported-element:business rule tasks (DMN', 'relais/service-task'],
  'C.8.1.bpmn': ['relais/unsupported-element:business rule tasks (DMN', 'relais/service-task'],
  'C.9.0.bpmn': ['relais/unsupported-element:event sub-processes', 'relais/unsupported-element:business rule tasks (DMN', 'relais/service-task'],
  'C.9.1.bpmn': ['relais/timer:repeating timers (timeCycle)', 'relais/service-task'],
  'C.9.2.bpmn': ['relais/unsupported-element:event sub-processes', 'relais/timer:repeating timers (timeCycle)', 'relais/user-task:Camunda form'],
};

describe('the OMG MIWG reference diagrams', () => {
  it('are all listed here', () => {
    expect(fs.readdirSync(DIR).filter((f) => f.endsWith('.bpmn')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s: deploys, or its refusal names why', async (file, expected) => {
    const parsed = await parseDefinition(fs.readFileSync(path.join(DIR, file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file} does not parse: ${JSON.stringify(parsed.problems)}`);
    const { errors } = await lintReport(parsed.definitions, {});
    if (expected === 'deployed') {
      expect(errors).toEqual([]);
      expect(compileDefinition(parsed.definitions, 1).nodes).not.toEqual({});
      return;
    }
    for (const item of expected) {
      const [rule, words] = item.split(':') as [string, string | undefined];
      expect(errors.some((e) => e.rule === rule && (!words || e.message.includes(words)))).toBe(true);
    }
  });
});
