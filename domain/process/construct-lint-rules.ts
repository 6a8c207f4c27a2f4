import { child, is, list, VARIABLE_NAME } from './bpmn-model';
import { isLinkEvent, linkName, scriptOf } from './element-settings';
import { named, report, rule, triggerOf, type RuleFactory } from './lint-rule-kit';
import { lintMessage as m } from './lint.messages';

/**
 * The constructs the interpreter (workflows/engine) executes, and honest
 * refusals, naming the construct, for those it does not: conditional and
 * cancel events, transactions, complex gateways, standard loops, scripts in
 * another language than FEEL. Signals, escalations, event sub-processes and
 * compensation run, and are checked in event-lint-rules.ts; business rule
 * tasks (DMN decisions) in relais-lint-rules.ts.
 */

const SUPPORTED = new Set([
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent',
  'bpmn:ServiceTask', 'bpmn:UserTask', 'bpmn:SubProcess', 'bpmn:CallActivity', 'bpmn:ReceiveTask', 'bpmn:ScriptTask', 'bpmn:SendTask',
  'bpmn:BusinessRuleTask',
  // Passed through, as Camunda does: nothing runs, the history records them.
  'bpmn:Task', 'bpmn:ManualTask',
  'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway',
  'bpmn:SequenceFlow',
  // Documentation only: the engine ignores them.
  'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference',
]);

/** Event triggers the engine executes, by position (start events of event sub-processes: event-lint-rules.ts). */
const ALLOWED_TRIGGERS: Record<string, string[]> = {
  'bpmn:StartEvent': ['none', 'message', 'timer', 'signal'],
  'bpmn:EndEvent': ['none', 'message', 'error', 'terminate', 'signal', 'escalation', 'compensation'],
  'bpmn:IntermediateCatchEvent': ['message', 'timer', 'signal', 'link'],
  'bpmn:IntermediateThrowEvent': ['none', 'message', 'signal', 'escalation', 'compensation', 'link'],
  'bpmn:BoundaryEvent': ['message', 'timer', 'signal', 'error', 'escalation', 'compensation'],
};

const unsupportedElement = rule((node, reporter) => {
  if (is(node, 'bpmn:FlowElement')) {
    if (!SUPPORTED.has(node.$type)) {
      report(reporter, node, m('lint.unsupported-element', { el: named(node), type: node.$type }));
      return;
    }
    if (node.$type === 'bpmn:EventBasedGateway' && node.eventGatewayType === 'Parallel') {
      report(reporter, node, m('lint.unsupported-element.parallel-event-gateway', { el: named(node) }));
    }
    if (node.$type === 'bpmn:EventBasedGateway' && node.instantiate === true) {
      report(reporter, node, m('lint.unsupported-element.instantiating-event-gateway', { el: named(node) }));
    }
  }
  if (is(node, 'bpmn:Event') && ALLOWED_TRIGGERS[node.$type]) {
    // Start events of sub-processes must be blank (bpmnlint's sub-process-blank-start-event); those of event sub-processes are checked by relais/event-sub-process.
    if (node.$type === 'bpmn:StartEvent' && !is(node.$parent, 'bpmn:Process')) return;
    const trigger = triggerOf(node);
    if (!ALLOWED_TRIGGERS[node.$type]!.includes(trigger)) {
      report(reporter, node, trigger === 'none'
        ? m('lint.unsupported-element.blank-catch', { el: named(node) })
        : m('lint.unsupported-element.trigger', { el: named(node), trigger, position: node.$type, allowed: ALLOWED_TRIGGERS[node.$type]! }));
    }
  }
  if (is(node, 'bpmn:Activity')) {
    const loop = child(node, 'loopCharacteristics');
    if (loop?.$type === 'bpmn:StandardLoopCharacteristics') {
      report(reporter, node, m('lint.unsupported-element.standard-loop', { el: named(node) }));
    }
  }
});

const scriptTask = rule((node, reporter) => {
  if (node.$type !== 'bpmn:ScriptTask') return;
  const script = scriptOf(node);
  const el = named(node);
  if (script.format) {
    report(reporter, node, m('lint.script-task.language', { el, format: script.format }));
    return;
  }
  if (!script.expression) report(reporter, node, m('lint.script-task.no-script', { el }));
  if (script.resultVariable && !VARIABLE_NAME.test(script.resultVariable)) {
    report(reporter, node, m('lint.result-variable', { kind: 'scriptTask', el, variable: script.resultVariable }));
  }
});

const linkEvent = rule((node, reporter) => {
  if (!isLinkEvent(node)) return;
  const name = linkName(node);
  if (!name) {
    report(reporter, node, m('lint.link-event.no-name', { el: named(node) }));
    return;
  }
  const catches = list(node.$parent!, 'flowElements').filter((e) => e.$type === 'bpmn:IntermediateCatchEvent' && isLinkEvent(e) && linkName(e) === name);
  if (node.$type === 'bpmn:IntermediateThrowEvent' && catches.length === 0) {
    report(reporter, node, m('lint.link-event.no-catch', { el: named(node), name }));
  }
  if (node.$type === 'bpmn:IntermediateCatchEvent' && catches.length > 1 && catches[0] !== node) {
    report(reporter, node, m('lint.link-event.two-catches', { name }));
  }
});

export const CONSTRUCT_RULES: Record<string, RuleFactory> = {
  'unsupported-element': unsupportedElement,
  'script-task': scriptTask,
  'link-event': linkEvent,
};
