import { child, is, list, VARIABLE_NAME } from './bpmn-model';
import { isLinkEvent, linkName, scriptOf } from './element-settings';
import { label, report, rule, triggerOf, type RuleFactory } from './lint-rule-kit';

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

const UNSUPPORTED_ADVICE: Record<string, string> = {
  'bpmn:ComplexGateway': 'complex gateways are not executed by Relais. Use an exclusive, inclusive or parallel gateway.',
  'bpmn:Transaction': 'transactions (and their cancel events) are not executed by Relais. Use an embedded sub-process with error boundary events and compensation.',
  'bpmn:AdHocSubProcess': 'ad-hoc sub-processes are not executed by Relais. Use an embedded sub-process with sequence flows.',
  'bpmn:ChoreographyTask': 'choreographies describe exchanges between partners and are not executed by Relais.',
};

/** Event triggers the engine executes, by position (start events of event sub-processes: event-lint-rules.ts). */
const ALLOWED_TRIGGERS: Record<string, string[]> = {
  'bpmn:StartEvent': ['none', 'message', 'timer', 'signal'],
  'bpmn:EndEvent': ['none', 'message', 'error', 'terminate', 'signal', 'escalation', 'compensation'],
  'bpmn:IntermediateCatchEvent': ['message', 'timer', 'signal', 'link'],
  'bpmn:IntermediateThrowEvent': ['none', 'message', 'signal', 'escalation', 'compensation', 'link'],
  'bpmn:BoundaryEvent': ['message', 'timer', 'signal', 'error', 'escalation', 'compensation'],
};

const POSITION: Record<string, string> = {
  'bpmn:StartEvent': 'start events', 'bpmn:EndEvent': 'end events', 'bpmn:IntermediateCatchEvent': 'intermediate catch events',
  'bpmn:IntermediateThrowEvent': 'intermediate throw events', 'bpmn:BoundaryEvent': 'boundary events',
};

/** What to draw instead of a trigger the engine does not execute (there, or anywhere). */
const TRIGGER_ADVICE: Record<string, string> = {
  conditional: 'Use a message sent when the condition becomes true, or an exclusive gateway.',
  cancel: 'Use an error end event and a boundary error event.',
  error: 'An error start event starts an event sub-process: draw it inside one.',
  escalation: 'An escalation start event starts an event sub-process: draw it inside one.',
};

const unsupportedElement = rule((node, reporter) => {
  if (is(node, 'bpmn:FlowElement')) {
    if (!SUPPORTED.has(node.$type)) {
      report(reporter, node, `${label(node)}: ${UNSUPPORTED_ADVICE[node.$type] ?? `${node.$type.replace('bpmn:', '')} elements are not executed by Relais.`}`);
      return;
    }
    if (node.$type === 'bpmn:EventBasedGateway' && node.eventGatewayType === 'Parallel') {
      report(reporter, node, `${label(node)}: a parallel event-based gateway (waiting for all its events) is not executed by Relais; an event-based gateway takes the first event that happens. Make it exclusive, or wait for each event on parallel branches.`);
    }
    if (node.$type === 'bpmn:EventBasedGateway' && node.instantiate === true) {
      report(reporter, node, `${label(node)}: an event-based gateway that starts the process is not executed by Relais. Start the process with a message, signal or timer start event.`);
    }
  }
  if (is(node, 'bpmn:Event') && ALLOWED_TRIGGERS[node.$type]) {
    // Start events of sub-processes must be blank (bpmnlint's sub-process-blank-start-event); those of event sub-processes are checked by relais/event-sub-process.
    if (node.$type === 'bpmn:StartEvent' && !is(node.$parent, 'bpmn:Process')) return;
    const trigger = triggerOf(node);
    if (!ALLOWED_TRIGGERS[node.$type]!.includes(trigger)) {
      const allowed = ALLOWED_TRIGGERS[node.$type]!.join(', ');
      report(reporter, node, trigger === 'none'
        ? `${label(node)}: an intermediate catch event must wait for a timer, a message, a signal or a link.`
        : `${label(node)}: ${trigger} ${POSITION[node.$type]} are not executed by Relais (executed here: ${allowed}).${TRIGGER_ADVICE[trigger] ? ` ${TRIGGER_ADVICE[trigger]}` : ''}`);
    }
  }
  if (is(node, 'bpmn:Activity')) {
    const loop = child(node, 'loopCharacteristics');
    if (loop?.$type === 'bpmn:StandardLoopCharacteristics') {
      report(reporter, node, `${label(node)}: loops (the standard loop marker) are not executed by Relais. Use a multi-instance marker over a list, or a flow back through an exclusive gateway.`);
    }
  }
});

const scriptTask = rule((node, reporter) => {
  if (node.$type !== 'bpmn:ScriptTask') return;
  const script = scriptOf(node);
  if (script.format) {
    report(reporter, node, `Script task ${label(node)} is written in ${script.format}: only FEEL scripts run in Relais. Rewrite it as a FEEL expression (script format "feel").`);
    return;
  }
  if (!script.expression) {
    report(reporter, node, `Script task ${label(node)} has no script: write the FEEL expression whose value it computes.`);
  }
  if (script.resultVariable && !VARIABLE_NAME.test(script.resultVariable)) {
    report(reporter, node, `Script task ${label(node)}: the result variable "${script.resultVariable}" is not a valid variable name (letters, digits and "_", not starting with a digit).`);
  }
});

const linkEvent = rule((node, reporter) => {
  if (!isLinkEvent(node)) return;
  const name = linkName(node);
  if (!name) {
    report(reporter, node, `Link event ${label(node)} has no name: a link throw event continues at the link catch event of the same name. Name both.`);
    return;
  }
  const catches = list(node.$parent!, 'flowElements').filter((e) => e.$type === 'bpmn:IntermediateCatchEvent' && isLinkEvent(e) && linkName(e) === name);
  if (node.$type === 'bpmn:IntermediateThrowEvent' && catches.length === 0) {
    report(reporter, node, `Link event ${label(node)} leads to the link "${name}", which has no catch event in the same process or sub-process. Add a link catch event named "${name}" where the flow continues.`);
  }
  if (node.$type === 'bpmn:IntermediateCatchEvent' && catches.length > 1 && catches[0] !== node) {
    report(reporter, node, `Two link catch events are named "${name}" in the same process or sub-process: a link throw event would not know where to continue. Rename one.`);
  }
});

export const CONSTRUCT_RULES: Record<string, RuleFactory> = {
  'unsupported-element': unsupportedElement,
  'script-task': scriptTask,
  'link-event': linkEvent,
};
