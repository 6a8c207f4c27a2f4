import { z } from 'zod';
import { findActivity, findForm } from '../modules/registry';
import {
  child, expressionBody, is, list, text, PROCESS_KEY, VARIABLE_NAME, type BpmnElement,
} from './bpmn-model';
import {
  activityName, calledDecisionOf, calledProcessKey, extension, ioMappingOf, isEventSubProcess, isLinkEvent, linkName, messageCorrelationKey, messageOf, multiInstanceSettings,
  planKindOf, scriptOf, userTaskPeople, userTaskSettings,
} from './element-settings';
import { CONSTRUCT_RULES } from './construct-lint-rules';
import { EVENT_RULES } from './event-lint-rules';
import { cycleError, dateTimeError, dueDateError, durationError, expressionError, feelSyntaxError, priorityError } from './feel-syntax';
import { chooseProcess, label, report, rule, triggerOf, type Reporter, type RuleFactory } from './lint-rule-kit';

/**
 * Relais' own lint rules (errors): they refuse what the interpreter
 * (workflows/engine) would not execute as drawn. The elements it does not
 * execute at all are in construct-lint-rules.ts, the warnings in
 * extension-lint-rules.ts; what the rules are made of in lint-rule-kit.ts.
 */
export { chooseProcess, triggerOf, type Reporter, type RuleDefinition, type RuleFactory } from './lint-rule-kit';

// ---- which processes a definition holds ----

const singleProcess = rule((node, reporter) => {
  if (!is(node, 'bpmn:Definitions')) return;
  const processes = list(node, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  if (processes.length === 0) {
    report(reporter, node, 'The file contains no process. Draw the process, then deploy it.');
    return;
  }
  const chosen = chooseProcess(node);
  if (!chosen) {
    const executable = processes.filter((p) => p.isExecutable === true);
    const names = (executable.length ? executable : processes).map((p) => `"${p.id}"`).join(', ');
    report(reporter, executable[1] ?? processes[1] ?? node, executable.length > 1
      ? `The file contains several executable processes (${names}); a definition holds one. Keep one executable process per file and call the others with call activities.`
      : `This file is a collaboration of ${processes.length} pools (processes ${names}), none marked executable: it describes how partners work together, and Relais cannot tell which one to run. Mark the one process Relais should run as executable, or deploy each process from its own file.`);
    return;
  }
  if (!PROCESS_KEY.test(chosen.id ?? '')) {
    report(reporter, chosen, `The process id "${chosen.id}" is its key and cannot be used as one: use letters, digits, ".", "_" or "-", starting with a letter or "_" (at most 100 characters).`);
  }
});

// ---- elements the engine executes ----

// ---- service tasks ----

/** What a node that runs an activity is called in messages. */
const RUNNER_NAMES: Record<string, string> = {
  'bpmn:ServiceTask': 'Service task', 'bpmn:SendTask': 'Send task', 'bpmn:BusinessRuleTask': 'Business rule task', 'bpmn:EndEvent': 'Message end event', 'bpmn:IntermediateThrowEvent': 'Message throw event',
};

const serviceTask = rule((node, reporter) => {
  if (planKindOf(node) !== 'serviceTask') return;
  const what = RUNNER_NAMES[node.$type] ?? 'Service task';
  const name = activityName(node);
  if (!name) {
    report(reporter, node, `${what} ${label(node)} does not say which activity it runs: choose one (relais:activity, or the job type of a Camunda task definition).`);
    return;
  }
  const activity = findActivity(name);
  if (!activity) {
    report(reporter, node, `${what} ${label(node)} runs "${name}", which is not a known activity. Choose one from the activity list.`);
    return;
  }
  const result = text(node, 'resultVariable');
  if (result && !VARIABLE_NAME.test(result)) report(reporter, node, `${what} ${label(node)}: the result variable "${result}" is not a valid variable name (letters, digits and "_", not starting with a digit).`);
  if (!(activity.input instanceof z.ZodObject)) return;
  const shape = activity.input.shape as Record<string, z.ZodType>;
  const inputs = ioMappingOf(node)?.inputs ?? [];
  const given = new Set<string>();
  for (const input of inputs) {
    const field = text(input, 'target');
    if (!field) continue;
    given.add(field);
    const schema = shape[field];
    if (!schema) {
      report(reporter, node, `${what} ${label(node)}: activity "${name}" has no input "${field}". Its inputs are: ${Object.keys(shape).join(', ') || 'none'}.`);
      continue;
    }
    const source = typeof input.source === 'string' ? input.source : '';
    if (source && !source.startsWith('=')) {
      const parsed = schema.safeParse(source);
      if (!parsed.success) {
        const shown = source.length > 40 ? `${source.slice(0, 40)}…` : source;
        report(reporter, node, `${what} ${label(node)}: the fixed value "${shown}" is not accepted for input "${field}" (${parsed.error.issues[0]?.message ?? 'invalid'}). To compute it, start it with "=".`);
      }
    }
  }
  for (const [field, schema] of Object.entries(shape)) {
    if (!given.has(field) && !schema.safeParse(undefined).success) {
      report(reporter, node, `${what} ${label(node)}: activity "${name}" needs the input "${field}". Add an input mapping for it.`);
    }
  }
});

// ---- business rule tasks ----

/**
 * A business rule task evaluates a deployed DMN decision (its latest version
 * is embedded at deploy). `decisionIds`: the tenant's deployed decisions
 * among those named; absent, not checked (the modeler, unit tests).
 */
const businessRuleTask = rule((node, reporter, config) => {
  if (node.$type !== 'bpmn:BusinessRuleTask' || planKindOf(node) !== 'businessRuleTask') return;
  const { decisionId, resultVariable } = calledDecisionOf(node);
  if (!decisionId) {
    report(reporter, node, `Business rule task ${label(node)} does not say which decision it evaluates: set the id of a deployed DMN decision (relais:decision, or the called decision's id in Camunda Modeler).`);
    return;
  }
  if (decisionId.startsWith('=')) {
    report(reporter, node, `Business rule task ${label(node)}: the decision "${decisionId}" must be a fixed decision id, not an expression (the decision is embedded when the process is deployed).`);
    return;
  }
  const known = config.decisionIds as readonly string[] | undefined;
  if (known && !known.includes(decisionId)) {
    report(reporter, node, `Business rule task ${label(node)} evaluates the decision "${decisionId}", which is not deployed: deploy the DMN file that defines decision "${decisionId}" first (POST /api/v1/decision-definitions).`);
  }
  if (!resultVariable) {
    report(reporter, node, `Business rule task ${label(node)} has no result variable, so the decision's result would be lost: name the variable that receives it (relais:resultVariable, or the called decision's result variable).`);
  } else if (!VARIABLE_NAME.test(resultVariable)) {
    report(reporter, node, `Business rule task ${label(node)}: the result variable "${resultVariable}" is not a valid variable name (letters, digits and "_", not starting with a digit).`);
  }
});

// ---- user tasks ----

const userTask = rule((node, reporter, config) => {
  if (node.$type !== 'bpmn:UserTask') return;
  const { candidateRoles: roles, candidateUsers: users } = userTaskPeople(node);
  const computed = [...roles, ...users].filter((r) => r.startsWith('='));
  if (computed.length) {
    report(reporter, node, `User task ${label(node)}: candidates computed by an expression (${computed.join(', ')}) are not supported. List the role keys or user ids themselves, separated by commas.`);
  }
  const known = config.roleKeys as readonly string[] | undefined;
  if (known) {
    const unknown = roles.filter((r) => !r.startsWith('=') && !known.includes(r));
    if (unknown.length) {
      report(reporter, node, `User task ${label(node)}: ${unknown.length > 1 ? 'the roles' : 'the role'} ${unknown.map((r) => `"${r}"`).join(', ')} ${unknown.length > 1 ? 'do' : 'does'} not exist in this organisation. Known roles: ${known.join(', ')}.`);
    }
  }
  const { formKey, dueDate, priority } = userTaskSettings(node);
  const inlineForm = text(node, 'inlineForm');
  const camundaForm = extension(node, 'zeebe:FormDefinition');
  if (!formKey && (text(camundaForm, 'formId') || text(camundaForm, 'externalReference'))) {
    report(reporter, node, `User task ${label(node)} uses a Camunda form (form id or external reference), which Relais cannot show. Choose a registered form (form key) or write an inline form.`);
  }
  if (formKey && inlineForm) report(reporter, node, `User task ${label(node)} has both a form key and an inline form: keep one.`);
  if (formKey?.startsWith('camunda-forms:')) {
    report(reporter, node, `User task ${label(node)}: the form "${formKey}" is a Camunda form embedded in the file, which Relais cannot show. Choose a registered form or write an inline form.`);
  } else if (formKey && !findForm(formKey)) {
    report(reporter, node, `User task ${label(node)}: the form "${formKey}" does not exist. Choose a registered form or write an inline form.`);
  }
  if (inlineForm) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(inlineForm);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      report(reporter, node, `User task ${label(node)}: the inline form is not a JSON object (a JSON Schema such as {"type":"object","properties":{…}}).`);
    }
  }
  const dueProblem = dueDate && !dueDate.startsWith('=') ? dueDateError(dueDate) : undefined;
  if (dueProblem) report(reporter, node, `User task ${label(node)}: the due date ${dueProblem}.`);
  const priorityProblem = priority && !priority.startsWith('=') ? priorityError(priority) : undefined;
  if (priorityProblem) report(reporter, node, `User task ${label(node)}: the priority ${priorityProblem}.`);
});

// ---- conditions ----

const conditional = (node: BpmnElement | undefined) => node?.$type === 'bpmn:ExclusiveGateway' || node?.$type === 'bpmn:InclusiveGateway';

const missingCondition = rule((node, reporter) => {
  if (!conditional(node)) return;
  const outgoing = list(node, 'outgoing');
  if (outgoing.length < 2) return;
  for (const flow of outgoing) {
    if (flow === node.default || expressionBody(flow, 'conditionExpression')) continue;
    const target = child(flow, 'targetRef');
    report(reporter, flow, `The flow from gateway ${label(node)} to ${target ? label(target) : 'its target'} has no condition. Give it a condition, or make it the gateway's default flow.`);
  }
});

const conditionNotEvaluated = rule((node, reporter) => {
  if (node.$type !== 'bpmn:SequenceFlow' || !expressionBody(node, 'conditionExpression')) return;
  const source = child(node, 'sourceRef');
  if (!conditional(source)) {
    report(reporter, node, `This flow has a condition but leaves ${source ? label(source) : 'an element'}, which is not an exclusive or inclusive gateway, so it would never be evaluated. Put an exclusive gateway before the choice, or remove the condition.`);
  } else if (source!.default === node) {
    report(reporter, node, `This flow is the default flow of gateway ${label(source!)}: it is taken when no other condition holds, so its own condition would be ignored. Remove it.`);
  }
});

// ---- events ----

/** Where a timer may repeat: on a boundary event, as the start of an event sub-process, or as a process's start (it starts on a schedule). */
function cycleRefusal(event: BpmnElement): string | undefined {
  if (event.$type === 'bpmn:BoundaryEvent') return undefined;
  if (event.$type === 'bpmn:StartEvent') {
    if (event.$parent?.$type === 'bpmn:Process' || isEventSubProcess(event.$parent)) return undefined;
    return 'a sub-process starts when a token reaches it, its start event cannot repeat (timeCycle). Remove the timer; to repeat inside a process, use a timer start event of an event sub-process or a non-interrupting boundary timer';
  }
  return 'an intermediate timer waits once, it cannot repeat (timeCycle). Give it a duration or a date; to repeat, loop back through an exclusive gateway, or use a non-interrupting boundary timer';
}

const timer = rule((node, reporter) => {
  if (node.$type !== 'bpmn:TimerEventDefinition') return;
  const event = node.$parent!;
  const duration = expressionBody(node, 'timeDuration');
  const date = expressionBody(node, 'timeDate');
  const cycle = expressionBody(node, 'timeCycle');
  const given = [duration, date, cycle].filter(Boolean).length;
  if (given === 0) {
    report(reporter, event, child(node, 'timeCycle')
      ? `Timer ${label(event)} repeats but its cycle is empty: give a repeating interval such as R3/PT10M (three times, every ten minutes) or R/P1D (every day).`
      : `Timer ${label(event)} has no duration or date: give it a duration (PT15M, P2D) or a date-time.`);
    return;
  }
  if (given > 1) {
    report(reporter, event, `Timer ${label(event)} has ${[duration && 'a duration', date && 'a date', cycle && 'a cycle'].filter(Boolean).join(' and ')}: keep one.`);
    return;
  }
  if (cycle) {
    const refusal = cycleRefusal(event);
    if (refusal) {
      report(reporter, event, `Timer ${label(event)}: ${refusal}.`);
      return;
    }
  }
  const value = (duration ?? date ?? cycle)!;
  if (value.startsWith('=')) return;
  const problem = duration ? durationError(duration) : date ? dateTimeError(date) : cycleError(cycle!);
  if (problem) report(reporter, event, `Timer ${label(event)}: ${problem}.`);
});

const message = rule((node, reporter) => {
  const receiver = node.$type === 'bpmn:ReceiveTask' ? node : node.$type === 'bpmn:MessageEventDefinition' ? node.$parent! : undefined;
  // A message end or throw event sends through its activity: the message itself is documentation.
  if (!receiver || !(is(receiver, 'bpmn:CatchEvent') || receiver.$type === 'bpmn:ReceiveTask')) return;
  const what = receiver.$type === 'bpmn:ReceiveTask' ? 'Receive task' : 'Message event';
  const name = text(messageOf(receiver), 'name');
  if (!name) {
    report(reporter, receiver, `${what} ${label(receiver)} has no message name: choose or create a message and give it a name (the name senders use).`);
    return;
  }
  if (name.startsWith('=')) {
    report(reporter, receiver, `${what} ${label(receiver)}: the message name "${name}" must be a fixed name, not an expression.`);
  }
});

/**
 * On a service task, only the errors its activity declares can arrive (a
 * technical failure is an incident): a boundary waiting for another code
 * would never fire.
 */
function undeclaredError(event: BpmnElement, code: string | undefined, reporter: Reporter): void {
  const host = child(event, 'attachedToRef');
  // A catch-all boundary is left alone: it documents intent even where nothing is declared yet.
  if (code === undefined || !host || planKindOf(host) !== 'serviceTask') return;
  const name = activityName(host);
  const activity = name ? findActivity(name) : undefined;
  if (!activity) return;
  const declared = Object.keys(activity.errors ?? {});
  if (declared.includes('*') || declared.includes(code)) return;
  const codes = declared.length ? `it declares ${declared.map((c) => `"${c}"`).join(', ')}` : 'it declares none';
  report(reporter, event, `Boundary error event ${label(event)} waits for error "${code}" from "${name}", which never raises it (${codes}; its technical failures open incidents): it would never fire. Catch a code the activity declares, or remove the event.`);
}

const errorEvent = rule((node, reporter) => {
  if (node.$type !== 'bpmn:ErrorEventDefinition') return;
  const event = node.$parent!;
  const error = child(node, 'errorRef');
  const code = text(error, 'errorCode');
  if (event.$type === 'bpmn:EndEvent' && !code) {
    report(reporter, event, `Error end event ${label(event)} has no error code: choose or create an error with a code, so that a boundary error event can catch it.`);
  }
  if (event.$type === 'bpmn:BoundaryEvent') {
    if (error && !code) report(reporter, event, `Boundary error event ${label(event)} refers to an error without a code: give the error a code, or remove the reference to catch every error.`);
    if (event.cancelActivity === false) report(reporter, event, `Boundary error event ${label(event)} must interrupt its task: an error always stops it.`);
    undeclaredError(event, code, reporter);
  }
  if (event.$type === 'bpmn:StartEvent' && isEventSubProcess(event.$parent)) {
    if (error && !code) report(reporter, event, `Error start event ${label(event)} refers to an error without a code: give the error a code, or remove the reference to catch every error.`);
    if (event.isInterrupting === false) report(reporter, event, `Error start event ${label(event)} must interrupt: an error always stops the scope it is thrown in. Make the event sub-process interrupting.`);
  }
});

const KIND_NAMES: Record<string, string> = {
  serviceTask: 'a service task', userTask: 'a user task', subProcess: 'a sub-process', callActivity: 'a call activity', receiveTask: 'a receive task',
  scriptTask: 'a script task', businessRuleTask: 'a business rule task', passThrough: 'a task',
};

/** Plan kinds each boundary trigger can interrupt. */
const BOUNDARY_HOSTS: Record<string, string[]> = {
  timer: ['serviceTask', 'userTask', 'subProcess', 'callActivity', 'receiveTask'],
  message: ['serviceTask', 'userTask', 'subProcess', 'callActivity', 'receiveTask'],
  signal: ['serviceTask', 'userTask', 'subProcess', 'callActivity', 'receiveTask'],
  error: ['serviceTask', 'subProcess', 'callActivity'],
  // Thrown inside a sub-process (on a call activity, relais/escalation says why it never fires).
  escalation: ['subProcess', 'callActivity'],
  compensation: ['serviceTask', 'userTask', 'subProcess', 'callActivity', 'receiveTask', 'scriptTask', 'businessRuleTask', 'passThrough'],
};

const boundaryHost = rule((node, reporter) => {
  if (node.$type !== 'bpmn:BoundaryEvent') return;
  const host = child(node, 'attachedToRef');
  const hosts = BOUNDARY_HOSTS[triggerOf(node)];
  if (!host || !hosts) return;
  if (!hosts.includes(planKindOf(host) ?? '')) {
    const kinds = hosts.map((h) => KIND_NAMES[h]!);
    report(reporter, node, `Boundary ${triggerOf(node)} event ${label(node)} is attached to ${label(host)}, where it cannot fire. Attach it to ${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}.`);
  }
});

/** The catch events an event-based gateway races (the first to happen wins): timer, message or signal catch events, and receive tasks. */
const RACED_TRIGGERS = ['timer', 'message', 'signal'];

const eventBasedGatewayTarget = rule((node, reporter) => {
  if (node.$type !== 'bpmn:EventBasedGateway') return;
  for (const flow of list(node, 'outgoing')) {
    const target = child(flow, 'targetRef');
    if (!target) continue;
    if (target.$type === 'bpmn:ReceiveTask') {
      // BPMN 2.0 §10.5.6: the gateway only waits for its message; nothing else of the task runs.
      const attached = list(target.$parent!, 'flowElements').some((e) => e.$type === 'bpmn:BoundaryEvent' && child(e, 'attachedToRef') === target);
      if (attached) {
        report(reporter, target, `Receive task ${label(target)} follows the event-based gateway ${label(node)}, so it cannot carry boundary events: the gateway's other events already race its message. Remove them, or draw them as further events after the gateway.`);
      }
      if (child(target, 'loopCharacteristics')) {
        report(reporter, target, `Receive task ${label(target)} follows the event-based gateway ${label(node)}, so it waits for one message: remove its multi-instance marker.`);
      }
      continue;
    }
    if (target.$type !== 'bpmn:IntermediateCatchEvent' || !RACED_TRIGGERS.includes(triggerOf(target))) {
      report(reporter, target, `${label(target)} follows the event-based gateway ${label(node)}: it must be an intermediate timer, message or signal catch event, or a receive task (the first to happen wins).`);
    }
  }
});

// ---- call activities, multi-instance, mappings ----

const callActivity = rule((node, reporter) => {
  if (node.$type !== 'bpmn:CallActivity') return;
  const called = calledProcessKey(node);
  if (!called) {
    report(reporter, node, `Call activity ${label(node)} does not say which process it starts: set the called process key (relais:calledProcess, or the called element's process id).`);
  } else if (!PROCESS_KEY.test(called)) {
    report(reporter, node, `Call activity ${label(node)}: "${called}" is not a process key (the id of a deployed process; a fixed name, not an expression).`);
  }
});

const multiInstance = rule((node, reporter) => {
  if (node.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return;
  const activity = node.$parent!;
  const { collection, elementVariable: element, outputCollection, outputElement, loopCardinality } = multiInstanceSettings(node);
  if (!collection && !loopCardinality) {
    report(reporter, activity, `Multi-instance ${label(activity)} has no collection and no loop cardinality: give the FEEL expression of the list to iterate over (relais:collection), or the number of instances (loop cardinality).`);
  }
  if (collection && loopCardinality) {
    report(reporter, activity, `Multi-instance ${label(activity)} has both a collection and a loop cardinality: keep one (the list decides how many instances run).`);
  }
  if (collection && !element) {
    report(reporter, activity, `Multi-instance ${label(activity)} iterates over a collection but has no element variable: name the variable that holds the current item (relais:elementVariable).`);
  }
  for (const [what, value] of [['element variable', element], ['output collection', outputCollection]] as const) {
    if (value && !VARIABLE_NAME.test(value)) report(reporter, activity, `Multi-instance ${label(activity)}: the ${what} "${value}" is not a valid variable name (letters, digits and "_", not starting with a digit).`);
  }
  if (!!outputCollection !== !!outputElement) {
    report(reporter, activity, `Multi-instance ${label(activity)}: the output collection and the output element go together: set both (the list to fill, and what each instance adds to it) or neither.`);
  }
});

const INPUT_KINDS = new Set(['serviceTask', 'callActivity']);
const OUTPUT_KINDS = new Set([
  'serviceTask', 'userTask', 'subProcess', 'callActivity', 'startEvent', 'intermediateCatchEvent', 'boundaryEvent', 'receiveTask', 'scriptTask', 'businessRuleTask',
]);

const ioMappingRule = rule((node, reporter) => {
  if (!is(node, 'bpmn:FlowNode')) return;
  const mapping = ioMappingOf(node);
  if (!mapping) return;
  const kind = planKindOf(node) ?? '';
  if (mapping.inputs.length && !INPUT_KINDS.has(kind)) {
    report(reporter, node, `${label(node)}: input mappings are only read by service tasks (and elements that run an activity) and call activities. Remove them.`);
  }
  if (mapping.outputs.length && !OUTPUT_KINDS.has(kind)) {
    report(reporter, node, `${label(node)}: output mappings are only read on tasks, sub-processes, call activities and catch events. Remove them.`);
  }
  for (const [direction, items] of [['input', mapping.inputs], ['output', mapping.outputs]] as const) {
    const seen = new Set<string>();
    for (const item of items) {
      const target = text(item, 'target');
      if (!target) {
        report(reporter, node, `${label(node)}: an ${direction} mapping has no target: name the ${direction === 'input' && kind === 'serviceTask' ? 'activity input' : 'variable'} it sets.`);
        continue;
      }
      if (typeof item.source !== 'string' || item.source.trim() === '') {
        report(reporter, node, `${label(node)}: the ${direction} mapping to "${target}" has no source: give a value, or a FEEL expression starting with "=".`);
      }
      if (seen.has(target)) report(reporter, node, `${label(node)}: "${target}" is set by two ${direction} mappings: keep one.`);
      seen.add(target);
      if (!VARIABLE_NAME.test(target)) report(reporter, node, `${label(node)}: the ${direction} target "${target}" is not a valid name (letters, digits and "_", not starting with a digit).`);
    }
  }
});

// ---- FEEL ----

/** Every FEEL-valued setting of an element, with its label for messages; `always`: FEEL even without "=". */
export function expressionsOf(node: BpmnElement): Array<{ what: string; value: string; always: boolean }> {
  const out: Array<{ what: string; value: string; always: boolean }> = [];
  const add = (what: string, value: string | undefined, always = false) => { if (value) out.push({ what, value, always }); };
  if (node.$type === 'bpmn:SequenceFlow') add('condition', expressionBody(node, 'conditionExpression'), true);
  if (node.$type === 'bpmn:UserTask') {
    const { assignee } = userTaskPeople(node);
    const { dueDate, priority } = userTaskSettings(node);
    add('assignee', assignee);
    add('due date', dueDate);
    add('priority', priority);
  }
  if (node.$type === 'bpmn:ScriptTask') add('script', scriptOf(node).expression, true);
  if (node.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    const settings = multiInstanceSettings(node);
    add('multi-instance collection', settings.collection, true);
    add('multi-instance output element', settings.outputElement, true);
    add('multi-instance loop cardinality', settings.loopCardinality, true);
    add('multi-instance completion condition', settings.completionCondition, true);
  }
  if (is(node, 'bpmn:CatchEvent') || node.$type === 'bpmn:ReceiveTask') add('correlation key', text(node, 'correlationKey'));
  if (node.$type === 'bpmn:Message') add('correlation key', messageCorrelationKey(node));
  if (node.$type === 'bpmn:TimerEventDefinition') {
    add('timer duration', expressionBody(node, 'timeDuration'));
    add('timer date', expressionBody(node, 'timeDate'));
    add('timer cycle', expressionBody(node, 'timeCycle'));
  }
  if (is(node, 'bpmn:FlowNode')) {
    const mapping = ioMappingOf(node);
    for (const i of mapping?.inputs ?? []) add(`input "${text(i, 'target') ?? '?'}"`, typeof i.source === 'string' ? i.source.trim() : undefined);
    for (const o of mapping?.outputs ?? []) add(`output "${text(o, 'target') ?? '?'}"`, typeof o.source === 'string' ? o.source.trim() : undefined);
  }
  return out;
}

const feel = rule((node, reporter) => {
  for (const { what, value, always } of expressionsOf(node)) {
    let problem: string | undefined;
    if (always) {
      const source = value.startsWith('=') ? value.slice(1) : value;
      const why = feelSyntaxError(source);
      problem = why ? `"${value}" is not a valid FEEL expression: ${why}` : undefined;
    } else {
      problem = expressionError(value);
    }
    if (!problem) continue;
    // Definitions (timers, messages) are reported on their event; a message on itself.
    const owner = is(node, 'bpmn:EventDefinition') || node.$type === 'bpmn:MultiInstanceLoopCharacteristics' ? node.$parent! : node;
    report(reporter, owner, `The ${what} of ${label(owner)}: ${problem}.`);
  }
});

// ---- reachability ----

const unreachable = rule((node, reporter) => {
  if (!(node.$type === 'bpmn:Process' || node.$type === 'bpmn:SubProcess')) return;
  const elements = list(node, 'flowElements');
  const boundaries = new Map<BpmnElement, BpmnElement[]>();
  for (const b of elements.filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
    const host = child(b, 'attachedToRef');
    if (host) boundaries.set(host, [...(boundaries.get(host) ?? []), b]);
  }
  const reached = new Set<BpmnElement>();
  const queue = elements.filter((e) => e.$type === 'bpmn:StartEvent');
  while (queue.length) {
    const current = queue.shift()!;
    if (reached.has(current)) continue;
    reached.add(current);
    queue.push(...(boundaries.get(current) ?? []));
    if (current.$type === 'bpmn:IntermediateThrowEvent' && isLinkEvent(current)) {
      queue.push(...elements.filter((e) => e.$type === 'bpmn:IntermediateCatchEvent' && isLinkEvent(e) && linkName(e) === linkName(current)));
    }
    for (const flow of list(current, 'outgoing')) {
      const target = child(flow, 'targetRef');
      if (target) queue.push(target);
    }
  }
  for (const e of elements) {
    if (!is(e, 'bpmn:FlowNode') || reached.has(e) || e.$type === 'bpmn:StartEvent' || e.$type === 'bpmn:BoundaryEvent') continue;
    // Nothing leads to it at all: bpmnlint's no-implicit-start says so (or a link leads to it).
    if (list(e, 'incoming').length === 0 && !isLinkEvent(e)) continue;
    report(reporter, e, `${label(e)} can never be reached from a start event: check the sequence flows that lead to it.`);
  }
});

/** The rules, by name (used as `relais/<name>` in lint configurations). */
export const RELAIS_RULES: Record<string, RuleFactory> = {
  'single-process': singleProcess,
  ...CONSTRUCT_RULES,
  ...EVENT_RULES,
  'service-task': serviceTask,
  'business-rule-task': businessRuleTask,
  'user-task': userTask,
  'missing-condition': missingCondition,
  'condition-not-evaluated': conditionNotEvaluated,
  timer,
  message,
  'error-event': errorEvent,
  'boundary-host': boundaryHost,
  'event-based-gateway-target': eventBasedGatewayTarget,
  'call-activity': callActivity,
  'multi-instance': multiInstance,
  'io-mapping': ioMappingRule,
  feel,
  unreachable,
};
