import { child, eventDefinitions, is, list, text, type BpmnElement } from './bpmn-model';
import {
  compensationBoundariesOf, compensationTargets, escalationOf, isCompensationBoundary, isEventSubProcess, messageOf, signalOf,
} from './element-settings';
import { named, report, rule, triggerOf, type Reporter, type RuleFactory } from './lint-rule-kit';
import { lintMessage as m } from './lint.messages';

/**
 * Lint rules (errors) for the events that reach beyond their path: event
 * sub-processes, signals, escalations and compensation, checked as Camunda 8
 * checks them, and the names that must tell catch events apart.
 */

/** Triggers that start an event sub-process. */
const EVENT_SUB_PROCESS_TRIGGERS = ['timer', 'message', 'signal', 'error', 'escalation'];

const eventSubProcess = rule((node, reporter) => {
  if (!isEventSubProcess(node)) return;
  const el = named(node);
  if (list(node, 'incoming').length || list(node, 'outgoing').length) report(reporter, node, m('lint.event-sub-process.flows', { el }));
  if (child(node, 'loopCharacteristics')) report(reporter, node, m('lint.event-sub-process.multi-instance', { el }));
  const host = node.$parent;
  for (const boundary of host ? list(host, 'flowElements').filter((e) => e.$type === 'bpmn:BoundaryEvent' && child(e, 'attachedToRef') === node) : []) {
    report(reporter, boundary, m('lint.event-sub-process.boundary', { el: named(boundary), sub: el }));
  }
  const starts = list(node, 'flowElements').filter((e) => e.$type === 'bpmn:StartEvent');
  // No start event at all: bpmnlint's start-event-required says so.
  if (starts.length > 1) report(reporter, starts[1]!, m('lint.event-sub-process.several-starts', { el, count: starts.length }));
  for (const start of starts) {
    const trigger = triggerOf(start);
    if (!EVENT_SUB_PROCESS_TRIGGERS.includes(trigger)) {
      report(reporter, start, trigger === 'none'
        ? m('lint.event-sub-process.start-no-trigger', { el: named(start), sub: el })
        : m('lint.event-sub-process.start-trigger', { el: named(start), sub: el, trigger, allowed: EVENT_SUB_PROCESS_TRIGGERS }));
    }
  }
});

const signalEvent = rule((node, reporter) => {
  if (node.$type !== 'bpmn:SignalEventDefinition') return;
  const event = node.$parent!;
  const name = text(signalOf(event), 'name');
  if (!name) report(reporter, event, m('lint.signal.no-name', { el: named(event) }));
  else if (name.startsWith('=')) report(reporter, event, m('lint.signal.name-expression', { el: named(event), name }));
});

const escalationEvent = rule((node, reporter) => {
  if (node.$type !== 'bpmn:EscalationEventDefinition') return;
  const event = node.$parent!;
  const escalation = escalationOf(event);
  const code = text(escalation, 'escalationCode');
  const el = named(event);
  if (is(event, 'bpmn:ThrowEvent')) {
    if (!code) report(reporter, event, m('lint.escalation.no-code', { el }));
    else if (code.startsWith('=')) report(reporter, event, m('lint.escalation.code-expression', { el, code }));
    return;
  }
  if (escalation && !code) report(reporter, event, m('lint.escalation.reference-no-code', { el }));
  const host = event.$type === 'bpmn:BoundaryEvent' ? child(event, 'attachedToRef') : undefined;
  if (host?.$type === 'bpmn:CallActivity') report(reporter, event, m('lint.escalation.call-activity', { el, host: named(host) }));
});

/** The activities and events that a compensation throw event may name: the activities of its own scope. */
const scopeActivities = (event: BpmnElement) => list(event.$parent!, 'flowElements').filter((e) => is(e, 'bpmn:Activity'));

const compensation = rule((node, reporter) => {
  if (is(node, 'bpmn:Activity') && node.isForCompensation === true) {
    const el = named(node);
    if (list(node, 'incoming').length || list(node, 'outgoing').length) report(reporter, node, m('lint.compensation.handler-flows', { el }));
    if (compensationBoundariesOf(node).length === 0) report(reporter, node, m('lint.compensation.handler-unlinked', { el }));
    return;
  }
  if (isCompensationBoundary(node)) {
    const host = child(node, 'attachedToRef');
    const handlers = compensationTargets(node);
    const about = { el: named(node), host: host ? named(host) : null };
    if (list(node, 'outgoing').length) report(reporter, node, m('lint.compensation.boundary-flows', about));
    if (handlers.length !== 1 || handlers[0]!.isForCompensation !== true || !is(handlers[0], 'bpmn:Activity')) {
      report(reporter, node, m('lint.compensation.boundary-handler', about));
    }
    if (host?.isForCompensation === true) report(reporter, node, m('lint.compensation.boundary-on-handler', { el: about.el }));
    return;
  }
  if (node.$type !== 'bpmn:CompensateEventDefinition') return;
  const event = node.$parent!;
  if (!is(event, 'bpmn:ThrowEvent')) return;
  const activity = child(node, 'activityRef');
  if (!activity) return;
  if (!scopeActivities(event).includes(activity)) {
    report(reporter, event, m('lint.compensation.other-scope', { el: named(event), activity: named(activity) }));
    return;
  }
  const compensable = activity.$type === 'bpmn:SubProcess' || list(activity.$parent!, 'flowElements').some((e) => isCompensationBoundary(e) && child(e, 'attachedToRef') === activity);
  if (!compensable) report(reporter, event, m('lint.compensation.no-handler', { el: named(event), activity: named(activity) }));
});

interface CatchKey { trigger: 'message' | 'signal' | 'error' | 'escalation'; name: string | null }

/** What tells two catch events apart: their trigger and its name or code (null: any). */
function catchKey(event: BpmnElement): CatchKey | undefined {
  const trigger = triggerOf(event);
  const definition = eventDefinitions(event)[0];
  switch (trigger) {
    case 'message': { const name = text(messageOf(event), 'name'); return name ? { trigger, name } : undefined; }
    case 'signal': { const name = text(signalOf(event), 'name'); return name ? { trigger, name } : undefined; }
    case 'error': return { trigger, name: text(child(definition!, 'errorRef'), 'errorCode') ?? null };
    case 'escalation': return { trigger, name: text(escalationOf(event), 'escalationCode') ?? null };
    default: return undefined;
  }
}

type Where = { where: 'process-start' | 'event-sub-processes' | 'boundary'; of: string | null };

/** Reports the second and later events waiting for the same thing in a group that waits together. */
function sameTrigger(events: BpmnElement[], where: Where, reporter: Reporter) {
  const seen = new Map<string, BpmnElement>();
  for (const event of events) {
    const key = catchKey(event);
    if (!key) continue;
    const id = `${key.trigger} ${key.name ?? '*'}`;
    const first = seen.get(id);
    if (first) report(reporter, event, m('lint.catch-names', { el: named(event), first: named(first), ...key, ...where }));
    else seen.set(id, event);
  }
}

const catchNames = rule((node, reporter) => {
  if (!(node.$type === 'bpmn:Process' || node.$type === 'bpmn:SubProcess')) return;
  const elements = list(node, 'flowElements');
  if (node.$type === 'bpmn:Process') sameTrigger(elements.filter((e) => e.$type === 'bpmn:StartEvent'), { where: 'process-start', of: null }, reporter);
  const eventSubProcessStarts = elements.filter(isEventSubProcess).flatMap((esp) => list(esp, 'flowElements').filter((e) => e.$type === 'bpmn:StartEvent'));
  sameTrigger(eventSubProcessStarts, { where: 'event-sub-processes', of: named(node) }, reporter);
  const byHost = new Map<BpmnElement, BpmnElement[]>();
  for (const b of elements.filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
    const host = child(b, 'attachedToRef');
    if (host) byHost.set(host, [...(byHost.get(host) ?? []), b]);
  }
  for (const [host, boundaries] of byHost) sameTrigger(boundaries, { where: 'boundary', of: named(host) }, reporter);
});

/** The rules, by name (used as `relais/<name>` in lint configurations). */
export const EVENT_RULES: Record<string, RuleFactory> = {
  'event-sub-process': eventSubProcess,
  signal: signalEvent,
  escalation: escalationEvent,
  compensation,
  'catch-names': catchNames,
};
