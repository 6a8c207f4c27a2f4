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
import { issueMessage } from '../i18n/zod-issues';
import type { Text } from '../i18n/messages';
import { chooseProcess, named, report, rule, triggerOf, type Reporter, type RuleFactory } from './lint-rule-kit';
import { lintMessage as m, type ExpressionSetting } from './lint.messages';

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
    report(reporter, node, m('lint.single-process.none'));
    return;
  }
  const chosen = chooseProcess(node);
  if (!chosen) {
    const executable = processes.filter((p) => p.isExecutable === true);
    const ids = (executable.length ? executable : processes).map((p) => String(p.id));
    report(reporter, executable[1] ?? processes[1] ?? node, executable.length > 1
      ? m('lint.single-process.several-executable', { ids })
      : m('lint.single-process.collaboration', { count: processes.length, ids }));
    return;
  }
  if (!PROCESS_KEY.test(chosen.id ?? '')) {
    report(reporter, chosen, m('lint.single-process.key', { id: String(chosen.id) }));
  }
});

// ---- elements the engine executes ----

// ---- service tasks ----

/** What a node that runs an activity is called in messages. */
const RUNNER_KINDS: Record<string, 'serviceTask' | 'sendTask' | 'businessRuleTask' | 'messageEndEvent' | 'messageThrowEvent'> = {
  'bpmn:ServiceTask': 'serviceTask', 'bpmn:SendTask': 'sendTask', 'bpmn:BusinessRuleTask': 'businessRuleTask', 'bpmn:EndEvent': 'messageEndEvent', 'bpmn:IntermediateThrowEvent': 'messageThrowEvent',
};

const serviceTask = rule((node, reporter) => {
  if (planKindOf(node) !== 'serviceTask') return;
  const about = { kind: RUNNER_KINDS[node.$type] ?? 'serviceTask', el: named(node) };
  const name = activityName(node);
  if (!name) {
    report(reporter, node, m('lint.service-task.no-activity', about));
    return;
  }
  const activity = findActivity(name);
  if (!activity) {
    report(reporter, node, m('lint.service-task.unknown-activity', { ...about, activity: name }));
    return;
  }
  const result = text(node, 'resultVariable');
  if (result && !VARIABLE_NAME.test(result)) report(reporter, node, m('lint.result-variable', { ...about, variable: result }));
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
      report(reporter, node, m('lint.service-task.no-such-input', { ...about, activity: name, input: field, inputs: Object.keys(shape) }));
      continue;
    }
    const source = typeof input.source === 'string' ? input.source : '';
    if (source && !source.startsWith('=')) {
      const parsed = schema.safeParse(source);
      if (!parsed.success) {
        const shown = source.length > 40 ? `${source.slice(0, 40)}…` : source;
        const issue = parsed.error.issues[0];
        report(reporter, node, m('lint.service-task.fixed-value', { ...about, value: shown, input: field, why: issue ? issueMessage(issue) : 'invalid' }));
      }
    }
  }
  for (const [field, schema] of Object.entries(shape)) {
    if (!given.has(field) && !schema.safeParse(undefined).success) {
      report(reporter, node, m('lint.service-task.missing-input', { ...about, activity: name, input: field }));
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
  const el = named(node);
  if (!decisionId) {
    report(reporter, node, m('lint.business-rule-task.no-decision', { el }));
    return;
  }
  if (decisionId.startsWith('=')) {
    report(reporter, node, m('lint.business-rule-task.decision-expression', { el, decision: decisionId }));
    return;
  }
  const known = config.decisionIds as readonly string[] | undefined;
  if (known && !known.includes(decisionId)) report(reporter, node, m('lint.business-rule-task.not-deployed', { el, decision: decisionId }));
  if (!resultVariable) {
    report(reporter, node, m('lint.business-rule-task.no-result-variable', { el }));
  } else if (!VARIABLE_NAME.test(resultVariable)) {
    report(reporter, node, m('lint.result-variable', { kind: 'businessRuleTask', el, variable: resultVariable }));
  }
});

// ---- user tasks ----

const userTask = rule((node, reporter, config) => {
  if (node.$type !== 'bpmn:UserTask') return;
  const { candidateRoles: roles, candidateUsers: users } = userTaskPeople(node);
  const el = named(node);
  const computed = [...roles, ...users].filter((r) => r.startsWith('='));
  if (computed.length) report(reporter, node, m('lint.user-task.computed-candidates', { el, candidates: computed }));
  const known = config.roleKeys as readonly string[] | undefined;
  if (known) {
    const unknown = roles.filter((r) => !r.startsWith('=') && !known.includes(r));
    if (unknown.length) report(reporter, node, m('lint.user-task.unknown-roles', { el, roles: unknown, known }));
  }
  const { formKey, dueDate, priority } = userTaskSettings(node);
  const inlineForm = text(node, 'inlineForm');
  const camundaForm = extension(node, 'zeebe:FormDefinition');
  if (!formKey && (text(camundaForm, 'formId') || text(camundaForm, 'externalReference'))) report(reporter, node, m('lint.user-task.camunda-form', { el }));
  if (formKey && inlineForm) report(reporter, node, m('lint.user-task.form-and-inline', { el }));
  if (formKey?.startsWith('camunda-forms:')) {
    report(reporter, node, m('lint.user-task.embedded-camunda-form', { el, form: formKey }));
  } else if (formKey && !findForm(formKey)) {
    report(reporter, node, m('lint.user-task.unknown-form', { el, form: formKey }));
  }
  if (inlineForm) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(inlineForm);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) report(reporter, node, m('lint.user-task.inline-form', { el }));
  }
  const dueProblem = dueDate && !dueDate.startsWith('=') ? dueDateError(dueDate) : undefined;
  if (dueProblem) report(reporter, node, m('lint.user-task.due-date', { el, problem: dueProblem }));
  const priorityProblem = priority && !priority.startsWith('=') ? priorityError(priority) : undefined;
  if (priorityProblem) report(reporter, node, m('lint.user-task.priority', { el, problem: priorityProblem }));
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
    report(reporter, flow, m('lint.missing-condition', { gateway: named(node), target: target ? named(target) : null }));
  }
});

const conditionNotEvaluated = rule((node, reporter) => {
  if (node.$type !== 'bpmn:SequenceFlow' || !expressionBody(node, 'conditionExpression')) return;
  const source = child(node, 'sourceRef');
  if (!conditional(source)) {
    report(reporter, node, m('lint.condition-not-evaluated.not-gateway', { source: source ? named(source) : null }));
  } else if (source!.default === node) {
    report(reporter, node, m('lint.condition-not-evaluated.default-flow', { gateway: named(source!) }));
  }
});

// ---- events ----

/** Where a timer may repeat: on a boundary event, as the start of an event sub-process, or as a process's start (it starts on a schedule). */
function cycleRefusal(event: BpmnElement): Text | undefined {
  if (event.$type === 'bpmn:BoundaryEvent') return undefined;
  if (event.$type === 'bpmn:StartEvent') {
    if (event.$parent?.$type === 'bpmn:Process' || isEventSubProcess(event.$parent)) return undefined;
    return m('lint.timer.sub-process-cycle', { el: named(event) });
  }
  return m('lint.timer.intermediate-cycle', { el: named(event) });
}

const timer = rule((node, reporter) => {
  if (node.$type !== 'bpmn:TimerEventDefinition') return;
  const event = node.$parent!;
  const duration = expressionBody(node, 'timeDuration');
  const date = expressionBody(node, 'timeDate');
  const cycle = expressionBody(node, 'timeCycle');
  const given = ([['duration', duration], ['date', date], ['cycle', cycle]] as const).filter(([, value]) => value).map(([what]) => what);
  const el = named(event);
  if (given.length === 0) {
    report(reporter, event, m(child(node, 'timeCycle') ? 'lint.timer.empty-cycle' : 'lint.timer.nothing', { el }));
    return;
  }
  if (given.length > 1) {
    report(reporter, event, m('lint.timer.several', { el, given }));
    return;
  }
  if (cycle) {
    const refusal = cycleRefusal(event);
    if (refusal) {
      report(reporter, event, refusal);
      return;
    }
  }
  const value = (duration ?? date ?? cycle)!;
  if (value.startsWith('=')) return;
  const problem = duration ? durationError(duration) : date ? dateTimeError(date) : cycleError(cycle!);
  if (problem) report(reporter, event, m('lint.timer.invalid', { el, problem }));
});

const message = rule((node, reporter) => {
  const receiver = node.$type === 'bpmn:ReceiveTask' ? node : node.$type === 'bpmn:MessageEventDefinition' ? node.$parent! : undefined;
  // A message end or throw event sends through its activity: the message itself is documentation.
  if (!receiver || !(is(receiver, 'bpmn:CatchEvent') || receiver.$type === 'bpmn:ReceiveTask')) return;
  const about = { kind: receiver.$type === 'bpmn:ReceiveTask' ? 'receiveTask' as const : 'messageEvent' as const, el: named(receiver) };
  const name = text(messageOf(receiver), 'name');
  if (!name) {
    report(reporter, receiver, m('lint.message.no-name', about));
    return;
  }
  if (name.startsWith('=')) report(reporter, receiver, m('lint.message.name-expression', { ...about, name }));
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
  report(reporter, event, m('lint.error-event.undeclared', { el: named(event), code, activity: name!, declared }));
}

const errorEvent = rule((node, reporter) => {
  if (node.$type !== 'bpmn:ErrorEventDefinition') return;
  const event = node.$parent!;
  const error = child(node, 'errorRef');
  const code = text(error, 'errorCode');
  const el = named(event);
  if (event.$type === 'bpmn:EndEvent' && !code) report(reporter, event, m('lint.error-event.end-no-code', { el }));
  if (event.$type === 'bpmn:BoundaryEvent') {
    if (error && !code) report(reporter, event, m('lint.error-event.reference-no-code', { kind: 'boundaryErrorEvent', el }));
    if (event.cancelActivity === false) report(reporter, event, m('lint.error-event.boundary-non-interrupting', { el }));
    undeclaredError(event, code, reporter);
  }
  if (event.$type === 'bpmn:StartEvent' && isEventSubProcess(event.$parent)) {
    if (error && !code) report(reporter, event, m('lint.error-event.reference-no-code', { kind: 'errorStartEvent', el }));
    if (event.isInterrupting === false) report(reporter, event, m('lint.error-event.start-non-interrupting', { el }));
  }
});

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
    report(reporter, node, m('lint.boundary-host', { trigger: triggerOf(node), el: named(node), host: named(host), hosts }));
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
      const about = { el: named(target), gateway: named(node) };
      if (attached) report(reporter, target, m('lint.event-based-gateway-target.receive-boundaries', about));
      if (child(target, 'loopCharacteristics')) report(reporter, target, m('lint.event-based-gateway-target.receive-multi-instance', about));
      continue;
    }
    if (target.$type !== 'bpmn:IntermediateCatchEvent' || !RACED_TRIGGERS.includes(triggerOf(target))) {
      report(reporter, target, m('lint.event-based-gateway-target.not-a-catch', { el: named(target), gateway: named(node) }));
    }
  }
});

// ---- call activities, multi-instance, mappings ----

const callActivity = rule((node, reporter) => {
  if (node.$type !== 'bpmn:CallActivity') return;
  const called = calledProcessKey(node);
  if (!called) {
    report(reporter, node, m('lint.call-activity.no-process', { el: named(node) }));
  } else if (!PROCESS_KEY.test(called)) {
    report(reporter, node, m('lint.call-activity.not-a-key', { el: named(node), called }));
  }
});

const multiInstance = rule((node, reporter) => {
  if (node.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return;
  const activity = node.$parent!;
  const { collection, elementVariable: element, outputCollection, outputElement, loopCardinality } = multiInstanceSettings(node);
  const el = named(activity);
  if (!collection && !loopCardinality) report(reporter, activity, m('lint.multi-instance.nothing', { el }));
  if (collection && loopCardinality) report(reporter, activity, m('lint.multi-instance.both', { el }));
  if (collection && !element) report(reporter, activity, m('lint.multi-instance.no-element-variable', { el }));
  for (const [what, value] of [['elementVariable', element], ['outputCollection', outputCollection]] as const) {
    if (value && !VARIABLE_NAME.test(value)) report(reporter, activity, m('lint.multi-instance.variable-name', { el, what, name: value }));
  }
  if (!!outputCollection !== !!outputElement) report(reporter, activity, m('lint.multi-instance.output-together', { el }));
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
  const el = named(node);
  if (mapping.inputs.length && !INPUT_KINDS.has(kind)) report(reporter, node, m('lint.io-mapping.inputs-ignored', { el }));
  if (mapping.outputs.length && !OUTPUT_KINDS.has(kind)) report(reporter, node, m('lint.io-mapping.outputs-ignored', { el }));
  for (const [direction, items] of [['input', mapping.inputs], ['output', mapping.outputs]] as const) {
    const seen = new Set<string>();
    for (const item of items) {
      const target = text(item, 'target');
      if (!target) {
        report(reporter, node, m('lint.io-mapping.no-target', { el, direction, activityInput: direction === 'input' && kind === 'serviceTask' }));
        continue;
      }
      if (typeof item.source !== 'string' || item.source.trim() === '') report(reporter, node, m('lint.io-mapping.no-source', { el, direction, target }));
      if (seen.has(target)) report(reporter, node, m('lint.io-mapping.twice', { el, direction, target }));
      seen.add(target);
      if (!VARIABLE_NAME.test(target)) report(reporter, node, m('lint.io-mapping.target-name', { el, direction, target }));
    }
  }
});

// ---- FEEL ----

/** A FEEL-valued setting of an element (`target`: the mapping's, for inputs and outputs); `always`: FEEL even without "=". */
export interface ExpressionOf { setting: ExpressionSetting; target: string | null; value: string; always: boolean }

/** Every FEEL-valued setting of an element. */
export function expressionsOf(node: BpmnElement): ExpressionOf[] {
  const out: ExpressionOf[] = [];
  const add = (setting: ExpressionSetting, value: string | undefined, always = false, target: string | null = null) => { if (value) out.push({ setting, target, value, always }); };
  if (node.$type === 'bpmn:SequenceFlow') add('condition', expressionBody(node, 'conditionExpression'), true);
  if (node.$type === 'bpmn:UserTask') {
    const { assignee } = userTaskPeople(node);
    const { dueDate, priority } = userTaskSettings(node);
    add('assignee', assignee);
    add('dueDate', dueDate);
    add('priority', priority);
  }
  if (node.$type === 'bpmn:ScriptTask') add('script', scriptOf(node).expression, true);
  if (node.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    const settings = multiInstanceSettings(node);
    add('collection', settings.collection, true);
    add('outputElement', settings.outputElement, true);
    add('loopCardinality', settings.loopCardinality, true);
    add('completionCondition', settings.completionCondition, true);
  }
  if (is(node, 'bpmn:CatchEvent') || node.$type === 'bpmn:ReceiveTask') add('correlationKey', text(node, 'correlationKey'));
  if (node.$type === 'bpmn:Message') add('correlationKey', messageCorrelationKey(node));
  if (node.$type === 'bpmn:TimerEventDefinition') {
    add('timeDuration', expressionBody(node, 'timeDuration'));
    add('timeDate', expressionBody(node, 'timeDate'));
    add('timeCycle', expressionBody(node, 'timeCycle'));
  }
  if (is(node, 'bpmn:FlowNode')) {
    const mapping = ioMappingOf(node);
    for (const i of mapping?.inputs ?? []) add('input', typeof i.source === 'string' ? i.source.trim() : undefined, false, text(i, 'target') ?? '?');
    for (const o of mapping?.outputs ?? []) add('output', typeof o.source === 'string' ? o.source.trim() : undefined, false, text(o, 'target') ?? '?');
  }
  return out;
}

const feel = rule((node, reporter) => {
  for (const { setting, target, value, always } of expressionsOf(node)) {
    let problem: Text | undefined;
    if (always) {
      const why = feelSyntaxError(value.startsWith('=') ? value.slice(1) : value);
      problem = why ? m('feel.invalid', { value, why, grammar: 'expression' }) : undefined;
    } else {
      problem = expressionError(value);
    }
    if (!problem) continue;
    // Definitions (timers, messages) are reported on their event; a message on itself.
    const owner = is(node, 'bpmn:EventDefinition') || node.$type === 'bpmn:MultiInstanceLoopCharacteristics' ? node.$parent! : node;
    report(reporter, owner, m('lint.feel', { setting, target, el: named(owner), problem }));
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
    report(reporter, e, m('lint.unreachable', { el: named(e) }));
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
