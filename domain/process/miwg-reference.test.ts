import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../test/support/paths';
import { renderText } from '../i18n/messages';
import { compileDefinition } from './definition-compiler';
import { lintReport } from './definition-linter';
import { parseDefinition } from './definition-parser';

const DIR = path.join(ROOT, 'test/fixtures/miwg');

/**
 * What Relais does with each OMG MIWG reference diagram (test/fixtures/miwg/README.md):
 * 'deployed', or every rule of its refusal (a construct the engine does not execute, a
 * collaboration with no executable process, or a gap of the diagram itself such as a choice
 * without conditions, a job type that is no Relais activity or a decision not deployed — linted
 * as for a tenant with no decision deployed), with words its message must
 * contain where that says more. Exact: a rule more or less fails, so any change shows here.
 */
const EXPECTED: Record<string, 'deployed' | string[]> = {
  'A.1.0.bpmn': 'deployed',
  'A.2.0.bpmn': ['relais/missing-condition'],
  'A.2.1.bpmn': ['relais/condition-not-evaluated', 'relais/missing-condition'],
  // Its non-interrupting escalation boundary event is executed now.
  'A.3.0.bpmn': ['relais/message', 'start-event-required', 'end-event-required'],
  'A.4.0.bpmn': ['relais/single-process:collaboration', 'no-implicit-split'],
  'A.4.1.bpmn': ['relais/single-process:collaboration', 'no-implicit-split'],
  'B.1.0.bpmn': [
    'relais/single-process:collaboration', 'relais/timer', 'relais/service-task', 'relais/message', 'relais/missing-condition', 'start-event-required', 'end-event-required',
  ],
  'B.2.0.bpmn': [
    'relais/single-process:collaboration', 'relais/unsupported-element:conditional start events', 'relais/unsupported-element:loops (the standard loop marker)',
    'relais/escalation:escalations thrown in a called process do not reach the caller', 'relais/escalation:has no escalation code',
    'relais/signal:has no signal name', 'relais/boundary-host:Boundary escalation event', 'relais/error-event', 'relais/message', 'relais/missing-condition',
    'relais/multi-instance', 'relais/service-task', 'relais/timer', 'start-event-required', 'end-event-required',
  ],
  'C.1.0.bpmn': ['relais/service-task', 'relais/feel'],
  'C.1.1.bpmn': ['relais/service-task', 'relais/feel'],
  'C.2.0.bpmn': ['relais/single-process:collaboration', 'relais/error-event', 'relais/message', 'relais/missing-condition'],
  'C.3.0.bpmn': ['relais/missing-condition', 'relais/feel', 'start-event-required', 'end-event-required'],
  // Its signal start event is executed now; its loop is not.
  'C.4.0.bpmn': ['relais/single-process:collaboration', 'relais/unsupported-element:loops (the standard loop marker)', 'relais/message', 'relais/missing-condition', 'relais/service-task'],
  'C.5.0.bpmn': ['relais/single-process:collaboration', 'relais/signal:has no signal name', 'relais/missing-condition'],
  // Compensation and event sub-processes are executed now, but not an event sub-process started by compensation.
  'C.6.0.bpmn': ['relais/event-sub-process:compensation start events are not executed', 'relais/message', 'relais/timer', 'relais/boundary-host', 'relais/service-task'],
  // Business rule tasks run now, when they name a deployed decision: this one names none.
  'C.7.0.bpmn': ['relais/business-rule-task:does not say which decision it evaluates', 'relais/service-task', 'relais/multi-instance', 'relais/missing-condition'],
  // Its business rule task is a Camunda job worker (task definition "DMN"), refused like the other job types.
  'C.8.0.bpmn': ['relais/service-task:Business rule task "Vacation Approval" runs "DMN"', 'relais/io-mapping', 'relais/user-task:Camunda form'],
  'C.8.1.bpmn': ['relais/service-task:Business rule task "Vacation Approval" runs "DMN"', 'relais/io-mapping', 'relais/user-task:Camunda form'],
  // Its business rule task needs the decision risk_check deployed first; its job types are no Relais activities.
  'C.9.0.bpmn': ['relais/business-rule-task:deploy the DMN file that defines decision "risk_check" first', 'relais/service-task', 'relais/io-mapping'],
  // Its repeating reminder is executed now: only its job types, no Relais activities, stop it.
  'C.9.1.bpmn': ['relais/service-task:which is not a known activity'],
  'C.9.2.bpmn': ['relais/user-task:Camunda form', 'relais/io-mapping', 'relais/service-task'],
};

describe('the OMG MIWG reference diagrams', () => {
  it('are all listed here', () => {
    expect(fs.readdirSync(DIR).filter((f) => f.endsWith('.bpmn')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s: deploys, or its refusal names why', async (file, expected) => {
    const parsed = await parseDefinition(fs.readFileSync(path.join(DIR, file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file} does not parse: ${JSON.stringify(parsed.problems)}`);
    // As on a tenant where no decision is deployed: a business rule task names the one it needs.
    const { errors } = await lintReport(parsed.definitions, { decisionIds: [] });
    if (expected === 'deployed') {
      expect(errors).toEqual([]);
      expect(compileDefinition(parsed.definitions, 1).nodes).not.toEqual({});
      return;
    }
    const rules = expected.map((item) => item.split(':')[0]!);
    expect([...new Set(errors.map((e) => e.rule))].sort()).toEqual([...new Set(rules)].sort());
    for (const item of expected.filter((i) => i.includes(':'))) {
      const [rule, words] = item.split(':') as [string, string];
      expect(errors.filter((e) => e.rule === rule).map((e) => renderText(e.message, 'en'))).toContainEqual(expect.stringContaining(words));
    }
  });
});
