import { z } from 'zod';
import { findActivity } from '../../activities/catalogue';
import { findForm } from './forms';
import {
  child, commaList, eventDefinitions, expressionBody, idOf, ioMapping, is, list, text, PROCESS_KEY, VARIABLE_NAME, type BpmnElement,
} from './bpmn-model';
import { dateTimeError, dueDateError, durationError, expressionError, feelSyntaxError, priorityError } from './feel-syntax';

/**
 * Relais' own lint rules, written as bpmnlint rules (a factory that takes the
 * rule's configuration and returns a `check` called on every element of the
 * model) so that the modeler can run the same rules through bpmn-js-bpmnlint.
 * They refuse what the interpreter (workflows/engine) would not execute as
 * drawn. Messages are for the process owner: what is wrong, what to do.
 */
export interface Reporter {
  report(id: string, message: string): void;
}
export interface RuleDefinition {
  check(node: BpmnElement, reporter: Reporter): void;
}
export type RuleFactory = (config?: Record<string, unknown>) => RuleDefinition;

const rule = (check: (node: BpmnElement, reporter: Reporter, config: Record<string, unknown>) => void): RuleFactory =>
  (config = {}) => ({ check: (node, reporter) => check(node, reporter, config) });

const report = (reporter: Reporter, element: BpmnElement, message: string) => reporter.report(idOf(element) ?? '', message);
const label = (element: BpmnElement) => (element.name ? `"${element.name}"` : `"${element.id}"`);

// ---- which processes a definition holds ----

/** The process a definition deploys: its only process, or its only executable one. */
export function chooseProcess(definitions: BpmnElement): BpmnElement | undefined {
  const processes = list(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  if (processes.length === 1) return processes[0];
  const executable = processes.filter((p) => p.isExecutable === true);
  return executable.length === 1 ? executable[0] : undefined;
}

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
      : `None of the processes ${names} is marked executable. Mark the one to deploy as executable.`);
    return;
  }
  if (!PROCESS_KEY.test(chosen.id ?? '')) {
    report(reporter, chosen, `The process id "${chosen.id}" is its key and cannot be used as one: use letters, digits, ".", "_" or "-", starting with a letter (at most 100 characters).`);
  }
});

// ---- elements the engine executes ----

const SUPPORTED = new Set([
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent',
  'bpmn:ServiceTask', 'bpmn:UserTask', 'bpmn:SubProcess', 'bpmn:CallActivity',
  'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway',
  'bpmn:SequenceFlow',
  // Documentation only: the engine ignores them.
  'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference',
]);

const UNSUPPORTED_ADVICE: Record<string, string> = {
  'bpmn:Task': 'A task without a type does nothing: make it a service task (an activity runs) or a user task (someone acts).',
  'bpmn:ScriptTask': 'Script tasks are not supported: use a service task that calls an activity, or output mappings to compute variables.',
  'bpmn:SendTask': 'Send tasks are not supported: use a service task that calls a sending activity (an SMS or a mail).',
  'bpmn:ReceiveTask': 'Receive tasks are not supported: use an intermediate message catch event.',
  'bpmn:ManualTask': 'Manual tasks are not supported: use a user task, so that someone confirms the work is done.',
  'bpmn:BusinessRuleTask': 'Business rule tasks are not supported: use an exclusive gateway with conditions, or a service task.',
  'bpmn:ComplexGateway': 'Complex gateways are not supported: use an exclusive, inclusive or parallel gateway.',
  'bpmn:Transaction': 'Transactions are not supported: use an embedded sub-process with error boundary events.',
  'bpmn:AdHocSubProcess': 'Ad-hoc sub-processes are not supported: use an embedded sub-process with sequence flows.',
  'bpmn:IntermediateThrowEvent': 'Intermediate throw events are not supported: to send something, use a service task.',
  'bpmn:ChoreographyTask': 'Choreographies are not supported.',
};

const DEFINITION_NAMES: Record<string, string> = {
  'bpmn:MessageEventDefinition': 'message', 'bpmn:TimerEventDefinition': 'timer', 'bpmn:ErrorEventDefinition': 'error',
  'bpmn:TerminateEventDefinition': 'terminate', 'bpmn:SignalEventDefinition': 'signal', 'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:CompensateEventDefinition': 'compensation', 'bpmn:ConditionalEventDefinition': 'conditional', 'bpmn:LinkEventDefinition': 'link',
  'bpmn:CancelEventDefinition': 'cancel',
};

/** Event triggers the engine executes, by position. */
const ALLOWED_TRIGGERS: Record<string, string[]> = {
  'bpmn:StartEvent': ['none', 'message', 'timer'],
  'bpmn:EndEvent': ['none', 'error', 'terminate'],
  'bpmn:IntermediateCatchEvent': ['message', 'timer'],
  'bpmn:BoundaryEvent': ['message', 'timer', 'error'],
};

const POSITION: Record<string, string> = {
  'bpmn:StartEvent': 'start events', 'bpmn:EndEvent': 'end events', 'bpmn:IntermediateCatchEvent': 'intermediate catch events', 'bpmn:BoundaryEvent': 'boundary events',
};

export function triggerOf(event: BpmnElement): string {
  const defs = eventDefinitions(event);
  return defs.length === 0 ? 'none' : (DEFINITION_NAMES[defs[0]!.$type] ?? defs[0]!.$type);
}

const unsupportedElement = rule((node, reporter) => {
  if (is(node, 'bpmn:FlowElement')) {
    if (!SUPPORTED.has(node.$type)) {
      report(reporter, node, `${label(node)}: ${UNSUPPORTED_ADVICE[node.$type] ?? `${node.$type.replace('bpmn:', '')} elements are not supported by Relais.`}`);
      return;
    }
    if (node.$type === 'bpmn:SubProcess' && node.triggeredByEvent) {
      report(reporter, node, `${label(node)}: event sub-processes are not supported. Use boundary events on an embedded sub-process instead.`);
    }
    if (is(node, 'bpmn:Activity') && node.isForCompensation) {
      report(reporter, node, `${label(node)}: compensation is not supported. Model the undo steps explicitly after an error boundary event.`);
    }
  }
  if (is(node, 'bpmn:Event') && ALLOWED_TRIGGERS[node.$type]) {
    // Start events of sub-processes must be blank: bpmnlint's sub-process-blank-start-event says so.
    if (node.$type === 'bpmn:StartEvent' && !is(node.$parent, 'bpmn:Process')) return;
    const trigger = triggerOf(node);
    if (!ALLOWED_TRIGGERS[node.$type]!.includes(trigger)) {
      const allowed = ALLOWED_TRIGGERS[node.$type]!.join(', ');
      report(reporter, node, trigger === 'none'
        ? `${label(node)}: an intermediate event must wait for a timer or a message.`
        : `${label(node)}: ${trigger} ${POSITION[node.$type]} are not supported (supported here: ${allowed}).`);
    }
  }
  if (is(node, 'bpmn:Activity')) {
    const loop = child(node, 'loopCharacteristics');
    if (loop?.$type === 'bpmn:StandardLoopCharacteristics') {
      report(reporter, node, `${label(node)}: loops are not supported. Use a multi-instance marker over a list, or a flow back through an exclusive gateway.`);
    }
    if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
      if (node.$type === 'bpmn:CallActivity') report(reporter, node, `${label(node)}: multi-instance call activities are not supported. Put the call activity in a multi-instance sub-process.`);
      if (child(loop, 'loopCardinality')) report(reporter, node, `${label(node)}: a multi-instance loop cardinality is not supported. Iterate over a list with relais:collection.`);
      if (child(loop, 'completionCondition')) report(reporter, node, `${label(node)}: a multi-instance completion condition is not supported. Remove it; every instance runs.`);
    }
  }
});

// ---- service tasks ----

const serviceTask = rule((node, reporter) => {
  if (node.$type !== 'bpmn:ServiceTask') return;
  const name = text(node, 'activity');
  if (!name) {
    report(reporter, node, `Service task ${label(node)} does not say which activity it runs: choose one (relais:activity).`);
    return;
  }
  const activity = findActivity(name);
  if (!activity) {
    report(reporter, node, `Service task ${label(node)} runs "${name}", which is not a known activity. Choose one from the activity list.`);
    return;
  }
  const result = text(node, 'resultVariable');
  if (result && !VARIABLE_NAME.test(result)) report(reporter, node, `Service task ${label(node)}: the result variable "${result}" is not a valid variable name (letters, digits and "_", not starting with a digit).`);
  if (!(activity.input instanceof z.ZodObject)) return;
  const shape = activity.input.shape as Record<string, z.ZodType>;
  const inputs = ioMapping(node)?.inputs ?? [];
  const given = new Set<string>();
  for (const input of inputs) {
    const field = text(input, 'target');
    if (!field) continue;
    given.add(field);
    const schema = shape[field];
    if (!schema) {
      report(reporter, node, `Service task ${label(node)}: activity "${name}" has no input "${field}". Its inputs are: ${Object.keys(shape).join(', ') || 'none'}.`);
      continue;
    }
    const source = typeof input.source === 'string' ? input.source : '';
    if (source && !source.startsWith('=')) {
      const parsed = schema.safeParse(source);
      if (!parsed.success) {
        const shown = source.length > 40 ? `${source.slice(0, 40)}…` : source;
        report(reporter, node, `Service task ${label(node)}: the fixed value "${shown}" is not accepted for input "${field}" (${parsed.error.issues[0]?.message ?? 'invalid'}). To compute it, start it with "=".`);
      }
    }
  }
  for (const [field, schema] of Object.entries(shape)) {
    if (!given.has(field) && !schema.safeParse(undefined).success) {
      report(reporter, node, `Service task ${label(node)}: activity "${name}" needs the input "${field}". Add an input mapping for it.`);
    }
  }
});

// ---- user tasks ----

const userTask = rule((node, reporter, config) => {
  if (node.$type !== 'bpmn:UserTask') return;
  const roles = commaList(text(node, 'candidateRoles'));
  const users = commaList(text(node, 'candidateUsers'));
  const assignee = text(node, 'assignee');
  if (roles.length === 0 && users.length === 0 && !assignee) {
    report(reporter, node, `User task ${label(node)} has nobody to do it: give it candidate roles, candidate users or an assignee.`);
  }
  const known = config.roleKeys as readonly string[] | undefined;
  if (known) {
    const unknown = roles.filter((r) => !known.includes(r));
    if (unknown.length) {
      report(reporter, node, `User task ${label(node)}: ${unknown.length > 1 ? 'the roles' : 'the role'} ${unknown.map((r) => `"${r}"`).join(', ')} ${unknown.length > 1 ? 'do' : 'does'} not exist in this organisation. Known roles: ${known.join(', ')}.`);
    }
  }
  const formKey = text(node, 'formKey');
  const inlineForm = text(node, 'inlineForm');
  if (formKey && inlineForm) report(reporter, node, `User task ${label(node)} has both a form key and an inline form: keep one.`);
  if (formKey && !findForm(formKey)) report(reporter, node, `User task ${label(node)}: the form "${formKey}" does not exist. Choose a registered form or write an inline form.`);
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
  const dueDate = text(node, 'dueDate');
  const dueProblem = dueDate && !dueDate.startsWith('=') ? dueDateError(dueDate) : undefined;
  if (dueProblem) report(reporter, node, `User task ${label(node)}: the due date ${dueProblem}.`);
  const priority = text(node, 'priority');
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

const timer = rule((node, reporter) => {
  if (node.$type !== 'bpmn:TimerEventDefinition') return;
  const event = node.$parent!;
  const duration = expressionBody(node, 'timeDuration');
  const date = expressionBody(node, 'timeDate');
  if (child(node, 'timeCycle')) {
    report(reporter, event, `Timer ${label(event)}: repeating timers (cycles) are not supported. Use a duration or a date.`);
    return;
  }
  if (!duration && !date) {
    report(reporter, event, `Timer ${label(event)} has no duration or date: give it a duration (PT15M, P2D) or a date-time.`);
    return;
  }
  if (duration && date) {
    report(reporter, event, `Timer ${label(event)} has both a duration and a date: keep one.`);
    return;
  }
  const problem = duration
    ? (duration.startsWith('=') ? undefined : durationError(duration))
    : (date!.startsWith('=') ? undefined : dateTimeError(date!));
  if (problem) report(reporter, event, `Timer ${label(event)}: ${problem}.`);
});

const message = rule((node, reporter) => {
  if (node.$type !== 'bpmn:MessageEventDefinition') return;
  const event = node.$parent!;
  // Message end and throw events are refused as unsupported elements already.
  if (!is(event, 'bpmn:CatchEvent')) return;
  const msg = child(node, 'messageRef');
  const name = text(msg, 'name');
  if (!msg || !name) {
    report(reporter, event, `Message event ${label(event)} has no message name: choose or create a message and give it a name (the name senders use).`);
    return;
  }
  if (name.startsWith('=')) {
    report(reporter, event, `Message event ${label(event)}: the message name "${name}" must be a fixed name, not an expression.`);
  }
});

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
  }
});

const KIND_NAMES: Record<string, string> = {
  'bpmn:ServiceTask': 'a service task', 'bpmn:UserTask': 'a user task', 'bpmn:SubProcess': 'a sub-process', 'bpmn:CallActivity': 'a call activity',
};

const BOUNDARY_HOSTS: Record<string, string[]> = {
  timer: ['bpmn:ServiceTask', 'bpmn:UserTask', 'bpmn:SubProcess', 'bpmn:CallActivity'],
  message: ['bpmn:ServiceTask', 'bpmn:UserTask', 'bpmn:SubProcess', 'bpmn:CallActivity'],
  error: ['bpmn:ServiceTask', 'bpmn:SubProcess', 'bpmn:CallActivity'],
};

const boundaryHost = rule((node, reporter) => {
  if (node.$type !== 'bpmn:BoundaryEvent') return;
  const host = child(node, 'attachedToRef');
  const hosts = BOUNDARY_HOSTS[triggerOf(node)];
  if (!host || !hosts) return;
  if (!hosts.includes(host.$type)) {
    const kinds = hosts.map((h) => KIND_NAMES[h]!);
    report(reporter, node, `Boundary ${triggerOf(node)} event ${label(node)} is attached to ${label(host)}, where it cannot fire. Attach it to ${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}.`);
  }
});

const eventBasedGatewayTarget = rule((node, reporter) => {
  if (node.$type !== 'bpmn:EventBasedGateway') return;
  for (const flow of list(node, 'outgoing')) {
    const target = child(flow, 'targetRef');
    if (!target) continue;
    if (target.$type !== 'bpmn:IntermediateCatchEvent' || !['timer', 'message'].includes(triggerOf(target))) {
      report(reporter, target, `${label(target)} follows the event-based gateway ${label(node)}: it must be an intermediate timer or message catch event (the first to happen wins).`);
    }
  }
});

// ---- call activities, multi-instance, mappings ----

const callActivity = rule((node, reporter) => {
  if (node.$type !== 'bpmn:CallActivity') return;
  const called = text(node, 'calledProcess');
  if (!called) {
    report(reporter, node, `Call activity ${label(node)} does not say which process it starts: set the called process key (relais:calledProcess).`);
  } else if (!PROCESS_KEY.test(called)) {
    report(reporter, node, `Call activity ${label(node)}: "${called}" is not a process key (the id of a deployed process; a fixed name, not an expression).`);
  }
});

const multiInstance = rule((node, reporter) => {
  if (node.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return;
  const activity = node.$parent!;
  if (activity.$type === 'bpmn:CallActivity') return;
  const collection = text(node, 'collection');
  const element = text(node, 'elementVariable');
  const outputCollection = text(node, 'outputCollection');
  const outputElement = text(node, 'outputElement');
  if (!collection) report(reporter, activity, `Multi-instance ${label(activity)} has no collection: give the FEEL expression of the list to iterate over (relais:collection).`);
  if (!element) report(reporter, activity, `Multi-instance ${label(activity)} has no element variable: name the variable that holds the current item (relais:elementVariable).`);
  for (const [what, value] of [['element variable', element], ['output collection', outputCollection]] as const) {
    if (value && !VARIABLE_NAME.test(value)) report(reporter, activity, `Multi-instance ${label(activity)}: the ${what} "${value}" is not a valid variable name (letters, digits and "_", not starting with a digit).`);
  }
  if (!!outputCollection !== !!outputElement) {
    report(reporter, activity, `Multi-instance ${label(activity)}: the output collection and the output element go together: set both (the list to fill, and what each instance adds to it) or neither.`);
  }
});

const OUTPUT_HOSTS = new Set([
  'bpmn:ServiceTask', 'bpmn:UserTask', 'bpmn:SubProcess', 'bpmn:CallActivity', 'bpmn:StartEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent',
]);

const ioMappingRule = rule((node, reporter) => {
  if (!is(node, 'bpmn:FlowNode')) return;
  const mapping = ioMapping(node);
  if (!mapping) return;
  if (mapping.inputs.length && node.$type !== 'bpmn:ServiceTask' && node.$type !== 'bpmn:CallActivity') {
    report(reporter, node, `${label(node)}: input mappings are only read by service tasks and call activities. Remove them.`);
  }
  if (mapping.outputs.length && !OUTPUT_HOSTS.has(node.$type)) {
    report(reporter, node, `${label(node)}: output mappings are only read on tasks, sub-processes, call activities and catch events. Remove them.`);
  }
  for (const [kind, items] of [['input', mapping.inputs], ['output', mapping.outputs]] as const) {
    const seen = new Set<string>();
    for (const item of items) {
      const target = text(item, 'target');
      if (!target) {
        report(reporter, node, `${label(node)}: an ${kind} mapping has no target: name the ${kind === 'input' && node.$type === 'bpmn:ServiceTask' ? 'activity input' : 'variable'} it sets.`);
        continue;
      }
      if (typeof item.source !== 'string' || item.source.trim() === '') {
        report(reporter, node, `${label(node)}: the ${kind} mapping to "${target}" has no source: give a value, or a FEEL expression starting with "=".`);
      }
      if (seen.has(target)) report(reporter, node, `${label(node)}: "${target}" is set by two ${kind} mappings: keep one.`);
      seen.add(target);
      if (!VARIABLE_NAME.test(target)) report(reporter, node, `${label(node)}: the ${kind} target "${target}" is not a valid name (letters, digits and "_", not starting with a digit).`);
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
    add('assignee', text(node, 'assignee'));
    add('due date', text(node, 'dueDate'));
    add('priority', text(node, 'priority'));
  }
  if (node.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    add('multi-instance collection', text(node, 'collection'), true);
    add('multi-instance output element', text(node, 'outputElement'), true);
  }
  if (is(node, 'bpmn:CatchEvent') || node.$type === 'bpmn:Message') add('correlation key', text(node, 'correlationKey'));
  if (node.$type === 'bpmn:TimerEventDefinition') {
    add('timer duration', expressionBody(node, 'timeDuration'));
    add('timer date', expressionBody(node, 'timeDate'));
  }
  if (is(node, 'bpmn:FlowNode')) {
    const mapping = ioMapping(node);
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
    for (const flow of list(current, 'outgoing')) {
      const target = child(flow, 'targetRef');
      if (target) queue.push(target);
    }
  }
  for (const e of elements) {
    if (!is(e, 'bpmn:FlowNode') || reached.has(e) || e.$type === 'bpmn:StartEvent' || e.$type === 'bpmn:BoundaryEvent') continue;
    // Nothing leads to it at all: bpmnlint's no-implicit-start says so.
    if (list(e, 'incoming').length === 0) continue;
    report(reporter, e, `${label(e)} can never be reached from a start event: check the sequence flows that lead to it.`);
  }
});

/** The rules, by name (used as `relais/<name>` in lint configurations). */
export const RELAIS_RULES: Record<string, RuleFactory> = {
  'single-process': singleProcess,
  'unsupported-element': unsupportedElement,
  'service-task': serviceTask,
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
