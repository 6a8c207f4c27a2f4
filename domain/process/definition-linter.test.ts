import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../test/support/paths';
import { renderDeep, renderText } from '../i18n/messages';
import type { DefinitionProblem } from './bpmn-model';
import { lintConfig, lintDefinition as lintDefinitionCoded, lintReport as lintReportCoded, type LintOptions } from './definition-linter';
import { parseDefinition } from './definition-parser';
import { RELAIS_WARNING_RULES } from './extension-lint-rules';
import { RELAIS_RULES } from './relais-lint-rules';

const ROLES = ['manager', 'direction'];

/** Problems with their messages written in English (they are catalogue messages: lint.messages.ts; French is tested below). */
const inEnglish = (problems: DefinitionProblem[]) => problems.map((p) => ({ ...p, message: renderText(p.message, 'en') }));
const lintDefinition = async (...args: Parameters<typeof lintDefinitionCoded>) => inEnglish(await lintDefinitionCoded(...args));
const lintReport = async (...args: Parameters<typeof lintReportCoded>) => {
  const report = await lintReportCoded(...args);
  return { errors: inEnglish(report.errors), warnings: inEnglish(report.warnings) };
};

async function parsed(name: string) {
  const result = await parseDefinition(fs.readFileSync(path.join(ROOT, 'test/fixtures/bpmn', name), 'utf8'));
  if (!result.ok) throw new Error(`${name} does not parse: ${JSON.stringify(result.problems)}`);
  return result.definitions;
}

async function lintCoded(name: string, options: LintOptions = { roleKeys: ROLES }) {
  const parsed = await parseDefinition(fs.readFileSync(path.join(ROOT, 'test/fixtures/bpmn', name), 'utf8'));
  if (!parsed.ok) throw new Error(`${name} does not parse: ${JSON.stringify(parsed.problems)}`);
  return lintDefinitionCoded(parsed.definitions, options);
}
const lint = async (name: string, options?: LintOptions) => inEnglish(await lintCoded(name, options));

/** Element and rule of each problem, in document order. */
const where = (problems: Array<{ elementId: string | null; rule: string }>) => problems.map((p) => `${p.elementId} ${p.rule}`);

describe('lintDefinition', () => {
  it('finds nothing wrong in the valid fixtures', async () => {
    expect(await lint('order-approval.bpmn')).toEqual([]);
    expect(await lint('all-elements.bpmn')).toEqual([]);
  });

  it('lints only the executable process of a collaboration: the other pools are documentation', async () => {
    expect(await lint('collaboration.bpmn')).toEqual([]);
    const xml = fs.readFileSync(path.join(ROOT, 'test/fixtures/bpmn/collaboration.bpmn'), 'utf8').replace(' relais:candidateRoles="manager"', '');
    const parsed = await parseDefinition(xml);
    if (!parsed.ok) throw new Error('does not parse');
    const report = await lintReport(parsed.definitions);
    expect(report.errors).toEqual([]);
    expect(where(report.warnings)).toEqual(['Ship relais/user-task-candidates']);
  });

  it('runs every Relais rule as an error, and the warning rules as warnings', () => {
    const rules = lintConfig({ roleKeys: ROLES }).rules;
    for (const name of Object.keys(RELAIS_RULES)) expect(rules[`relais/${name}`]).toBeDefined();
    for (const name of Object.keys(RELAIS_WARNING_RULES)) expect(rules[`relais/${name}`]).toBe('warn');
    expect(rules['relais/user-task']).toEqual(['error', { roleKeys: ROLES }]);
    expect(rules['label-required']).toBeUndefined();
  });

  it('refuses elements the engine does not execute, naming them and saying what to use instead; a send task or message end event without an activity only warns', async () => {
    const { errors, warnings } = await lintReport((await parsed('lint-unsupported-element.bpmn')), { roleKeys: ROLES });
    expect(where(errors)).toEqual([
      'Script relais/script-task', 'Complex relais/unsupported-element', 'Loop relais/unsupported-element', 'Tx relais/unsupported-element',
    ]);
    expect(errors[0]!.message).toBe('Script task "Compute" is written in javascript: only FEEL scripts run in Relais. Rewrite it as a FEEL expression (script format "feel").');
    expect(errors[3]!.message).toContain('transactions (and their cancel events) are not executed by Relais');
    expect(where(warnings)).toEqual(['Send relais/nothing-sent', 'End relais/nothing-sent']);
    expect(warnings[0]!.message).toBe('Send task "Send" sends nothing: it is passed through. To send a message, choose the sending activity it runs (relais:activity, or the job type of a Camunda task definition).');
  });

  it('checks service tasks against the activity registry and its input schema', async () => {
    const problems = await lint('lint-service-task.bpmn');
    expect(where(problems)).toEqual([
      'NoActivity relais/service-task', 'Unknown relais/service-task', 'BadInputs relais/service-task', 'BadInputs relais/service-task',
      'BadInputs relais/service-task', 'BadLiteral relais/service-task',
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'Service task "Does something" does not say which activity it runs: choose one (relais:activity, or the job type of a Camunda task definition).',
      'Service task "Fax it" runs "comms.fax.send", which is not a known activity. Choose one from the activity list.',
      'Service task "Record": the result variable "2fast" is not a valid variable name (letters, digits and "_", not starting with a digit).',
      'Service task "Record": activity "system.record" has no input "labl". Its inputs are: label, data.',
      'Service task "Record": activity "system.record" needs the input "label". Add an input mapping for it.',
      expect.stringMatching(/^Service task "Record": the fixed value "this label is far too long to be accepte…" is not accepted for input "label" \(.*200.*\)\. To compute it, start it with "="\.$/),
    ]);
  });

  it('checks user tasks: known roles and forms, valid settings; a task offered to nobody only warns, as a manager can give it to someone', async () => {
    const { errors: problems, warnings } = await lintReport(await parsed('lint-user-task.bpmn'), { roleKeys: ROLES });
    expect(where(problems)).toEqual([
      'UnknownRole relais/user-task', 'UnknownForm relais/user-task',
      'BadInline relais/user-task', 'BadInline relais/user-task', 'BadInline relais/user-task', 'Both relais/user-task',
    ]);
    expect(warnings).toEqual([{
      elementId: 'Nobody', rule: 'relais/user-task-candidates',
      message: 'User task "Nobody\'s job" is offered to nobody: only managers, who see every task, will find it in the task list, and one must give it to someone before it can be done. Give it candidate roles, candidate users or an assignee.',
    }]);
    expect(problems[0]!.message).toBe('User task "Check": the role "wizard" does not exist in this organisation. Known roles: manager, direction.');
    expect(problems[1]!.message).toBe('User task "Fill in": the form "events.nothing" does not exist. Choose a registered form or write an inline form.');
    expect(problems[2]!.message).toContain('the inline form is not a JSON object');
    expect(problems[3]!.message).toContain('the due date "tomorrow" is neither an ISO 8601 duration');
    expect(problems[4]!.message).toContain('the priority "high" is not a priority from 0 to 100');
  });

  it('checks candidate roles only when the tenant\'s roles are given', async () => {
    expect(where(await lint('lint-user-task.bpmn', {}))).not.toContain('UnknownRole relais/user-task');
  });

  it('wants a condition on every flow of a choosing gateway but its default flow', async () => {
    expect(await lint('lint-missing-condition.bpmn')).toEqual([{
      elementId: 'Small', rule: 'relais/missing-condition',
      message: 'The flow from gateway "Big order?" to "Small" has no condition. Give it a condition, or make it the gateway\'s default flow.',
    }]);
  });

  it('refuses conditions that would never be evaluated', async () => {
    const problems = await lint('lint-condition-not-evaluated.bpmn');
    expect(where(problems)).toEqual(['FromTask relais/condition-not-evaluated', 'Default relais/condition-not-evaluated']);
    expect(problems[0]!.message).toContain('leaves "Check", which is not an exclusive or inclusive gateway');
    expect(problems[1]!.message).toContain('default flow of gateway "Choice"');
  });

  it('checks timers', async () => {
    const problems = await lint('lint-timer.bpmn');
    expect(where(problems)).toEqual(['NoValue relais/timer', 'Cycle relais/timer', 'BadDuration relais/timer', 'BadDate relais/timer']);
    expect(problems.map((p) => p.message)).toEqual([
      'Timer "Wait" has no duration or date: give it a duration (PT15M, P2D) or a date-time.',
      'Timer "Every day": an intermediate timer waits once, it cannot repeat (timeCycle). Give it a duration or a date; to repeat, loop back through an exclusive gateway, or use a non-interrupting boundary timer.',
      expect.stringContaining('"2 days" is not an ISO 8601 duration'),
      expect.stringContaining('"2030-01-01" is not an ISO 8601 date-time with a time zone'),
    ]);
  });

  it('wants a message name on message events', async () => {
    const problems = await lint('lint-message.bpmn');
    expect(where(problems)).toEqual(['NoMessage relais/message', 'NoName relais/message']);
    expect(problems[0]!.message).toBe('Message event "Reply" has no message name: choose or create a message and give it a name (the name senders use).');
  });

  it('checks error events', async () => {
    const problems = await lint('lint-error-event.bpmn');
    expect(where(problems)).toEqual(['Caught relais/error-event', 'Caught relais/error-event', 'Fail relais/error-event']);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('refers to an error without a code'),
      'Boundary error event "Broken" must interrupt its task: an error always stops it.',
      'Error end event "Fail" has no error code: choose or create an error with a code, so that a boundary error event can catch it.',
    ]);
  });

  it('refuses a boundary error event on a service task for a code its activity never raises', async () => {
    const problems = await lint('lint-undeclared-error.bpmn');
    expect(problems).toEqual([{
      elementId: 'Never', rule: 'relais/error-event',
      message: 'Boundary error event "Never" waits for error "NOPE" from "system.echo", which never raises it (it declares none; its technical failures open incidents): it would never fire. Catch a code the activity declares, or remove the event.',
    }]);
  });

  it('refuses boundary events where they cannot fire', async () => {
    expect(await lint('lint-boundary-host.bpmn')).toEqual([{
      elementId: 'Refused', rule: 'relais/boundary-host',
      message: 'Boundary error event "Refused" is attached to "Approve", where it cannot fire. Attach it to a service task, a sub-process or a call activity.',
    }]);
  });

  it('wants business rule tasks to name a deployed decision and the variable that receives its result; one with a job type runs an activity', async () => {
    const problems = await lint('lint-business-rule-task.bpmn', { decisionIds: ['route-ticket', 'discount'] });
    expect(problems).toEqual([
      {
        elementId: 'Nothing', rule: 'relais/business-rule-task',
        message: 'Business rule task "Decide something" does not say which decision it evaluates: set the id of a deployed DMN decision (relais:decision, or the called decision\'s id in Camunda Modeler).',
      },
      {
        elementId: 'Risk', rule: 'relais/business-rule-task',
        message: 'Business rule task "Check the risk" evaluates the decision "risk_check", which is not deployed: deploy the DMN file that defines decision "risk_check" first (POST /api/v1/decision-definitions).',
      },
      {
        elementId: 'Computed', rule: 'relais/business-rule-task',
        message: 'Business rule task "Computed": the decision "=decisionName" must be a fixed decision id, not an expression (the decision is embedded when the process is deployed).',
      },
      {
        elementId: 'Lost', rule: 'relais/business-rule-task',
        message: 'Business rule task "Result lost" has no result variable, so the decision\'s result would be lost: name the variable that receives it (relais:resultVariable, or the called decision\'s result variable).',
      },
      {
        elementId: 'BadName', rule: 'relais/business-rule-task',
        message: 'Business rule task "Bad name": the result variable "the routing" is not a valid variable name (letters, digits and "_", not starting with a digit).',
      },
    ]);
  });

  it('checks the decision ids of business rule tasks only when the deployed ones are given', async () => {
    expect(where(await lint('lint-business-rule-task.bpmn'))).toEqual([
      'Nothing relais/business-rule-task', 'Computed relais/business-rule-task', 'Lost relais/business-rule-task', 'BadName relais/business-rule-task',
    ]);
  });

  it('races timer, message and signal catch events and receive tasks after an event-based gateway, and refuses anything else or a receive task with boundary events', async () => {
    const problems = await lint('lint-event-based-gateway-target.bpmn');
    expect(problems).toEqual([
      {
        elementId: 'Call', rule: 'relais/event-based-gateway-target',
        message: '"Call them" follows the event-based gateway "Race": it must be an intermediate timer, message or signal catch event, or a receive task (the first to happen wins).',
      },
      {
        elementId: 'Withdrawn', rule: 'relais/event-based-gateway-target',
        message: 'Receive task "Withdrawn" follows the event-based gateway "Race", so it cannot carry boundary events: the gateway\'s other events already race its message. Remove them, or draw them as further events after the gateway.',
      },
    ]);
  });

  it('wants a called process key on call activities', async () => {
    const problems = await lint('lint-call-activity.bpmn');
    expect(where(problems)).toEqual(['CallNothing relais/call-activity', 'CallExpression relais/call-activity']);
    expect(problems[1]!.message).toContain('"=which" is not a process key');
  });

  it('checks multi-instance settings', async () => {
    const problems = await lint('lint-multi-instance.bpmn');
    expect(where(problems)).toEqual(['Each relais/multi-instance', 'Each relais/multi-instance']);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('has no collection and no loop cardinality'),
      expect.stringContaining('the output collection and the output element go together'),
    ]);
  });

  it('checks input and output mappings', async () => {
    const problems = await lint('lint-io-mapping.bpmn');
    expect(problems.map((p) => p.message)).toEqual([
      '"Approve": input mappings are only read by service tasks (and elements that run an activity) and call activities. Remove them.',
      '"Approve": "b" is set by two output mappings: keep one.',
      '"Approve": the output target "not valid" is not a valid name (letters, digits and "_", not starting with a digit).',
    ]);
  });

  it('refuses FEEL expressions that do not parse, wherever they are', async () => {
    const problems = await lint('lint-feel.bpmn');
    expect(where(problems)).toEqual([
      'Msg_1 relais/feel', 'Echo relais/feel', 'Echo relais/feel', 'Approve relais/feel', 'Odd relais/feel', 'Wait relais/feel',
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'The correlation key of "reply": "=customer." is not a valid FEEL expression: the expression is incomplete at its end.',
      'The input "a" of "Echo": "=a +" is not a valid FEEL expression: the expression is incomplete at its end.',
      'The multi-instance collection of "Echo": "=items[" is not a valid FEEL expression: the expression is incomplete at its end.',
      'The assignee of "Approve": "=if then" is not a valid FEEL expression: unexpected "then" at character 4.',
      'The condition of "Odd": "=amount >>= 3)" is not a valid FEEL expression: unexpected ")" at character 13.',
      'The timer duration of "Wait": "=duration(" is not a valid FEEL expression: the expression is incomplete at its end.',
    ]);
  });

  it('finds elements no start event leads to', async () => {
    expect(where(await lint('lint-unreachable.bpmn'))).toEqual(['Ping relais/unreachable', 'Again relais/unreachable', 'Island relais/unreachable']);
  });

  it('refuses several executable processes in one file, naming them', async () => {
    expect(await lint('lint-single-process.bpmn')).toEqual([{
      elementId: 'billing', rule: 'relais/single-process',
      message: 'The file contains several executable processes ("sales", "billing"); a definition holds one. Keep one executable process per file and call the others with call activities.',
    }]);
  });

  it('applies bpmnlint\'s structural rules with clearer messages, in French and in English', async () => {
    const structure = await lintCoded('lint-structure.bpmn');
    expect(structure.map((p) => (typeof p.message === 'string' ? p.message : p.message.code))).toEqual([
      'lint.no-implicit-split', 'lint.no-implicit-end', 'lint.no-disconnected', 'lint.no-implicit-start', 'lint.no-implicit-end',
    ]);
    expect(renderDeep(structure[2], 'fr')).toEqual({ elementId: 'Lonely', rule: 'no-disconnected', code: 'lint.no-disconnected', message: 'Cet élément n\'est relié à rien : reliez-le par des flux de séquence, ou supprimez-le.' });
    expect(renderDeep(structure, 'en')).toEqual([
      { elementId: 'Split', rule: 'no-implicit-split', code: 'lint.no-implicit-split', message: 'Several flows without conditions leave this element: add a parallel gateway to run them all, or an exclusive gateway to choose one.' },
      { elementId: 'Right', rule: 'no-implicit-end', code: 'lint.no-implicit-end', message: 'No sequence flow leaves this element: connect it to the next step or to an end event.' },
      { elementId: 'Lonely', rule: 'no-disconnected', code: 'lint.no-disconnected', message: 'This element is not connected to anything: connect it with sequence flows, or remove it.' },
      { elementId: 'Lonely', rule: 'no-implicit-start', code: 'lint.no-implicit-start', message: 'No sequence flow leads to this element, so it would never run: connect it, or remove it.' },
      { elementId: 'Lonely', rule: 'no-implicit-end', code: 'lint.no-implicit-end', message: 'No sequence flow leaves this element: connect it to the next step or to an end event.' },
    ]);
    expect(where(await lint('lint-sub-process.bpmn'))).toEqual([
      'Sub start-event-required', 'Sub end-event-required', 'Inside no-disconnected', 'Inside no-implicit-start', 'Inside no-implicit-end',
    ]);
  });

  it('accepts a process key starting with "_", as BPMN ids may', async () => {
    expect(await lintDefinition(await parsed('drawn-elements.bpmn'), { roleKeys: ROLES })).toEqual([]);
  });

  it('warns, naming them, about extensions Relais does not read, and does not refuse them', async () => {
    const { errors, warnings } = await lintReport(await parsed('zeebe-elements.bpmn'), { roleKeys: ROLES });
    expect(errors).toEqual([]);
    expect(warnings.map((w) => `${w.elementId} ${w.rule}`)).toEqual(['Definitions_zeebe relais/extension', 'Record relais/extension']);
    expect(warnings[1]!.message).toBe('"Record" carries extensions Relais does not read, which are ignored: zeebe:taskDefinition retries, zeebe:taskHeaders. Relais retries as the activity\'s own policy says. Task headers are not passed to activities: give those values as input mappings. Remove them if the process depends on them.');
  });

  it('refuses what the engine does not run yet, naming the construct: parallel event gateways, conditional events; and links that lead nowhere', async () => {
    const named = ['relais/unsupported-element', 'relais/timer', 'relais/link-event', 'relais/event-sub-process', 'relais/compensation', 'relais/escalation'];
    const problems = (await lint('lint-constructs.bpmn')).filter((p) => named.includes(p.rule));
    expect(where(problems)).toEqual([
      'Either relais/unsupported-element', 'Undo relais/compensation',
      'Cond relais/unsupported-element', 'Daily relais/timer', 'NoTarget relais/link-event',
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('a parallel event-based gateway (waiting for all its events) is not executed by Relais'),
      // Escalations, event sub-processes and compensation run: what is refused is how the handler is drawn here.
      expect.stringContaining('is not linked to a compensation boundary event'),
      expect.stringContaining('conditional intermediate catch events are not executed by Relais'),
      expect.stringContaining('an intermediate timer waits once, it cannot repeat'),
      expect.stringContaining('leads to the link "nowhere", which has no catch event'),
    ]);
  });

  it('accepts signals, escalations, event sub-processes, compensation and repeating boundary timers drawn as the engine runs them', async () => {
    const { errors, warnings } = await lintReport(await parsed('event-elements.bpmn'), { roleKeys: ROLES });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('checks signals, escalations, event sub-processes, compensation, timer cycles and the names that tell catch events apart', async () => {
    const problems = await lint('lint-events.bpmn');
    expect(where(problems)).toEqual([
      'Schedule relais/timer', 'CompNoHandler relais/compensation', 'Orphan relais/compensation', 'ThrowOther relais/compensation',
      'ThrowNoHandler relais/compensation', 'Cron relais/timer', 'BadCycle relais/timer', 'EscNoCode relais/escalation', 'CallEsc relais/escalation',
      'M2 relais/catch-names', 'NoSignal relais/signal', 'Repeat relais/timer', 'EspNoneStart relais/event-sub-process', 'EspErrStart relais/error-event',
      'PokeB relais/catch-names',
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      // A process may start on a schedule: its cycle is checked as any other.
      'Timer "Every morning": "R0/P1D" repeats zero times: write R1/… or more, or R/… to repeat for as long as the element waits.',
      'Compensation boundary event "CompNoHandler" must be connected by an association to exactly one compensation handler: an activity marked "for compensation" that undoes "Book".',
      'Compensation handler "Undo nothing" is not linked to a compensation boundary event: attach a compensation boundary event to the activity it undoes and connect it to this handler with an association.',
      'Compensation event "Undo inner" compensates "Inner", which is not an activity of its own process or sub-process: name an activity of the same scope, or none to compensate every completed activity of the scope.',
      'Compensation event "Undo T2" compensates "Pay", which has no compensation handler: attach a compensation boundary event to it, associated with the activity that undoes it.',
      'Timer "Weekdays": "0 25 * * MON-FRI" is not a valid cron expression (Constraint error, got value 25 expected range 0-23): write a cron expression of 5 fields (minute hour day-of-month month day-of-week, such as "0 9 * * MON-FRI": 9:00 on weekdays, Paris time) or 6 with the seconds first.',
      expect.stringContaining('"R3/10 minutes" is not an ISO 8601 repeating interval'),
      'Escalation event "Escalate" has no escalation code: choose or create an escalation with a code, so that a boundary escalation event or an event sub-process can catch it.',
      'Boundary escalation event "Late" is attached to the call activity "Ship": escalations thrown in a called process do not reach the caller in Relais yet, so it would never fire. In the called process, end with an error end event and catch it here with a boundary error event, or draw the steps as an embedded sub-process.',
      '"Cancel again" and "Cancel" both wait for the message "cancel" on "Ship": Relais could not tell which one it is for. Keep one, or give them different names.',
      'Signal event "Go" has no signal name: choose or create a signal and give it a name (every instance waiting for that name receives it).',
      'Timer "Every hour": an intermediate timer waits once, it cannot repeat (timeCycle). Give it a duration or a date; to repeat, loop back through an exclusive gateway, or use a non-interrupting boundary timer.',
      'The start event "EspNoneStart" of event sub-process "Blank" has no trigger: give it the timer, message, signal, error or escalation that starts it.',
      'Error start event "Out" must interrupt: an error always stops the scope it is thrown in. Make the event sub-process interrupting.',
      '"Poke B" and "Poke A" both wait for the message "poke" in the event sub-processes of "lint-events": Relais could not tell which one it is for. Keep one, or give them different names.',
    ]);
  });

  it('refuses an event sub-process reached by a flow, and a compensation boundary event with an outgoing flow', async () => {
    const xml = fs.readFileSync(path.join(ROOT, 'test/fixtures/bpmn/event-elements.bpmn'), 'utf8')
      .replace('<bpmn:sequenceFlow id="F11" sourceRef="Approve" targetRef="UndoAll" />', '<bpmn:sequenceFlow id="F11" sourceRef="Approve" targetRef="OnCancel" /><bpmn:sequenceFlow id="F12" sourceRef="BookUndo" targetRef="UndoAll" />');
    const result = await parseDefinition(xml);
    if (!result.ok) throw new Error('does not parse');
    const problems = (await lintDefinition(result.definitions, { roleKeys: ROLES })).filter((p) => p.rule.startsWith('relais/'));
    expect(problems.map((p) => p.message)).toEqual([
      'Compensation boundary event "BookUndo" has outgoing sequence flows: it only names the handler of "Book". Connect it to the handler with an association instead.',
      'Event sub-process "On cancel" is connected by sequence flows: it starts on its start event\'s trigger while its process or sub-process runs, so no flow may enter or leave it. Remove the flows.',
    ]);
  });
});
