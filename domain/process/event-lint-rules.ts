import { child, eventDefinitions, is, list, text, type BpmnElement } from './bpmn-model';
import {
  compensationBoundariesOf, compensationTargets, escalationOf, isCompensationBoundary, isEventSubProcess, messageOf, signalOf,
} from './element-settings';
import { label, report, rule, triggerOf, type Reporter, type RuleFactory } from './lint-rule-kit';

/**
 * Lint rules (errors) for the events that reach beyond their path: event
 * sub-processes, signals, escalations and compensation, checked as Camunda 8
 * checks them, and the names that must tell catch events apart.
 */

/** Triggers that start an event sub-process. */
const EVENT_SUB_PROCESS_TRIGGERS = ['timer', 'message', 'signal', 'error', 'escalation'];

const eventSubProcess = rule((node, reporter) => {
  if (!isEventSubProcess(node)) return;
  const what = `Event sub-process ${label(node)}`;
  if (list(node, 'incoming').length || list(node, 'outgoing').length) {
    report(reporter, node, `${what} is connected by sequence flows: it starts on its start event's trigger while its process or sub-process runs, so no flow may enter or leave it. Remove the flows.`);
  }
  if (child(node, 'loopCharacteristics')) {
    report(reporter, node, `${what} has a multi-instance marker, which an event sub-process cannot have: remove it (put the multi-instance activity inside).`);
  }
  const host = node.$parent;
  for (const boundary of host ? list(host, 'flowElements').filter((e) => e.$type === 'bpmn:BoundaryEvent' && child(e, 'attachedToRef') === node) : []) {
    report(reporter, boundary, `Boundary event ${label(boundary)} is attached to the event sub-process ${label(node)}, which cannot have boundary events. Attach it to an activity, or handle the event inside the event sub-process.`);
  }
  const starts = list(node, 'flowElements').filter((e) => e.$type === 'bpmn:StartEvent');
  // No start event at all: bpmnlint's start-event-required says so.
  if (starts.length > 1) {
    report(reporter, starts[1]!, `${what} has ${starts.length} start events: an event sub-process has exactly one, whose trigger starts it. Keep one.`);
  }
  for (const start of starts) {
    const trigger = triggerOf(start);
    if (!EVENT_SUB_PROCESS_TRIGGERS.includes(trigger)) {
      report(reporter, start, trigger === 'none'
        ? `The start event ${label(start)} of ${what.charAt(0).toLowerCase()}${what.slice(1)} has no trigger: give it the timer, message, signal, error or escalation that starts it.`
        : `The start event ${label(start)} of ${what.charAt(0).toLowerCase()}${what.slice(1)}: ${trigger} start events are not executed by Relais in event sub-processes (executed: ${EVENT_SUB_PROCESS_TRIGGERS.join(', ')}).`);
    }
  }
});

const signalEvent = rule((node, reporter) => {
  if (node.$type !== 'bpmn:SignalEventDefinition') return;
  const event = node.$parent!;
  const name = text(signalOf(event), 'name');
  if (!name) {
    report(reporter, event, `Signal event ${label(event)} has no signal name: choose or create a signal and give it a name (every instance waiting for that name receives it).`);
  } else if (name.startsWith('=')) {
    report(reporter, event, `Signal event ${label(event)}: the signal name "${name}" must be a fixed name, not an expression.`);
  }
});

const escalationEvent = rule((node, reporter) => {
  if (node.$type !== 'bpmn:EscalationEventDefinition') return;
  const event = node.$parent!;
  const escalation = escalationOf(event);
  const code = text(escalation, 'escalationCode');
  if (is(event, 'bpmn:ThrowEvent')) {
    if (!code) report(reporter, event, `Escalation event ${label(event)} has no escalation code: choose or create an escalation with a code, so that a boundary escalation event or an event sub-process can catch it.`);
    else if (code.startsWith('=')) report(reporter, event, `Escalation event ${label(event)}: the escalation code "${code}" must be a fixed code, not an expression.`);
    return;
  }
  if (escalation && !code) {
    report(reporter, event, `Escalation event ${label(event)} refers to an escalation without a code: give the escalation a code, or remove the reference to catch every escalation.`);
  }
  const host = event.$type === 'bpmn:BoundaryEvent' ? child(event, 'attachedToRef') : undefined;
  if (host?.$type === 'bpmn:CallActivity') {
    report(reporter, event, `Boundary escalation event ${label(event)} is attached to the call activity ${label(host)}: escalations thrown in a called process do not reach the caller in Relais yet, so it would never fire. In the called process, end with an error end event and catch it here with a boundary error event, or draw the steps as an embedded sub-process.`);
  }
});

/** The activities and events that a compensation throw event may name: the activities of its own scope. */
const scopeActivities = (event: BpmnElement) => list(event.$parent!, 'flowElements').filter((e) => is(e, 'bpmn:Activity'));

const compensation = rule((node, reporter) => {
  if (is(node, 'bpmn:Activity') && node.isForCompensation === true) {
    const what = `Compensation handler ${label(node)}`;
    if (list(node, 'incoming').length || list(node, 'outgoing').length) {
      report(reporter, node, `${what} is connected by sequence flows: a compensation handler runs only when its activity is compensated. Remove the flows.`);
    }
    if (compensationBoundariesOf(node).length === 0) {
      report(reporter, node, `${what} is not linked to a compensation boundary event: attach a compensation boundary event to the activity it undoes and connect it to this handler with an association.`);
    }
    return;
  }
  if (isCompensationBoundary(node)) {
    const host = child(node, 'attachedToRef');
    const handlers = compensationTargets(node);
    if (list(node, 'outgoing').length) {
      report(reporter, node, `Compensation boundary event ${label(node)} has outgoing sequence flows: it only names the handler of ${host ? label(host) : 'its activity'}. Connect it to the handler with an association instead.`);
    }
    if (handlers.length !== 1 || handlers[0]!.isForCompensation !== true || !is(handlers[0], 'bpmn:Activity')) {
      report(reporter, node, `Compensation boundary event ${label(node)} must be connected by an association to exactly one compensation handler: an activity marked "for compensation" that undoes ${host ? label(host) : 'its activity'}.`);
    }
    if (host?.isForCompensation === true) {
      report(reporter, node, `Compensation boundary event ${label(node)} is attached to a compensation handler: a handler cannot itself be compensated. Attach it to the activity the handler undoes.`);
    }
    return;
  }
  if (node.$type !== 'bpmn:CompensateEventDefinition') return;
  const event = node.$parent!;
  if (!is(event, 'bpmn:ThrowEvent')) return;
  const activity = child(node, 'activityRef');
  if (!activity) return;
  if (!scopeActivities(event).includes(activity)) {
    report(reporter, event, `Compensation event ${label(event)} compensates ${label(activity)}, which is not an activity of its own process or sub-process: name an activity of the same scope, or none to compensate every completed activity of the scope.`);
    return;
  }
  const compensable = activity.$type === 'bpmn:SubProcess' || list(activity.$parent!, 'flowElements').some((e) => isCompensationBoundary(e) && child(e, 'attachedToRef') === activity);
  if (!compensable) {
    report(reporter, event, `Compensation event ${label(event)} compensates ${label(activity)}, which has no compensation handler: attach a compensation boundary event to it, associated with the activity that undoes it.`);
  }
});

/** What tells two catch events apart: their trigger and its name or code ("*": any). */
function catchKey(event: BpmnElement): string | undefined {
  const trigger = triggerOf(event);
  const definition = eventDefinitions(event)[0];
  switch (trigger) {
    case 'message': { const name = text(messageOf(event), 'name'); return name ? `message "${name}"` : undefined; }
    case 'signal': { const name = text(signalOf(event), 'name'); return name ? `signal "${name}"` : undefined; }
    case 'error': { const code = text(child(definition!, 'errorRef'), 'errorCode'); return code ? `error "${code}"` : 'any error'; }
    case 'escalation': { const code = text(escalationOf(event), 'escalationCode'); return code ? `escalation "${code}"` : 'any escalation'; }
    default: return undefined;
  }
}

/** Reports the second and later events waiting for the same thing in a group that waits together. */
function sameTrigger(events: BpmnElement[], where: string, reporter: Reporter) {
  const seen = new Map<string, BpmnElement>();
  for (const event of events) {
    const key = catchKey(event);
    if (!key) continue;
    const first = seen.get(key);
    if (first) report(reporter, event, `${label(event)} and ${label(first)} both wait for the ${key} ${where}: Relais could not tell which one it is for. Keep one, or give them different names.`);
    else seen.set(key, event);
  }
}

const catchNames = rule((node, reporter) => {
  if (!(node.$type === 'bpmn:Process' || node.$type === 'bpmn:SubProcess')) return;
  const elements = list(node, 'flowElements');
  if (node.$type === 'bpmn:Process') sameTrigger(elements.filter((e) => e.$type === 'bpmn:StartEvent'), 'to start the process', reporter);
  const eventSubProcessStarts = elements.filter(isEventSubProcess).flatMap((esp) => list(esp, 'flowElements').filter((e) => e.$type === 'bpmn:StartEvent'));
  sameTrigger(eventSubProcessStarts, `in the event sub-processes of ${label(node)}`, reporter);
  const byHost = new Map<BpmnElement, BpmnElement[]>();
  for (const b of elements.filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
    const host = child(b, 'attachedToRef');
    if (host) byHost.set(host, [...(byHost.get(host) ?? []), b]);
  }
  for (const [host, boundaries] of byHost) sameTrigger(boundaries, `on ${label(host)}`, reporter);
});

/** The rules, by name (used as `relais/<name>` in lint configurations). */
export const EVENT_RULES: Record<string, RuleFactory> = {
  'event-sub-process': eventSubProcess,
  signal: signalEvent,
  escalation: escalationEvent,
  compensation,
  'catch-names': catchNames,
};
