import type { Text } from '../i18n/messages';
import { eventDefinitions, idOf, list, type BpmnElement } from './bpmn-model';

/**
 * What every Relais lint rule is made of. The rules are bpmnlint rules (a
 * factory that takes the rule's configuration and returns a `check` called on
 * every element of the model) so that the modeler can run the same rules
 * through bpmn-js-bpmnlint. Messages are for the process owner: what is
 * wrong, what to do; they are catalogue messages (lint.messages.ts), written
 * in the reader's language when answered.
 */
export interface Reporter {
  report(id: string, message: Text): void;
}
export interface RuleDefinition {
  check(node: BpmnElement, reporter: Reporter): void;
}
export type RuleFactory = (config?: Record<string, unknown>) => RuleDefinition;

export const rule = (check: (node: BpmnElement, reporter: Reporter, config: Record<string, unknown>) => void): RuleFactory =>
  (config = {}) => ({ check: (node, reporter) => check(node, reporter, config) });

export const report = (reporter: Reporter, element: BpmnElement, message: Text) => reporter.report(idOf(element) ?? '', message);
/** What messages call an element: its name, else its id. */
export const named = (element: BpmnElement): string => element.name || String(element.id);

const DEFINITION_NAMES: Record<string, string> = {
  'bpmn:MessageEventDefinition': 'message', 'bpmn:TimerEventDefinition': 'timer', 'bpmn:ErrorEventDefinition': 'error',
  'bpmn:TerminateEventDefinition': 'terminate', 'bpmn:SignalEventDefinition': 'signal', 'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:CompensateEventDefinition': 'compensation', 'bpmn:ConditionalEventDefinition': 'conditional', 'bpmn:LinkEventDefinition': 'link',
  'bpmn:CancelEventDefinition': 'cancel',
};

/** The trigger of an event, in words: none, message, timer, error, terminate, link, signal… */
export function triggerOf(event: BpmnElement): string {
  const defs = eventDefinitions(event);
  return defs.length === 0 ? 'none' : (DEFINITION_NAMES[defs[0]!.$type] ?? defs[0]!.$type);
}

/** The process a definition deploys: its only process, or its only executable one. */
export function chooseProcess(definitions: BpmnElement): BpmnElement | undefined {
  const processes = list(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  if (processes.length === 1) return processes[0];
  const executable = processes.filter((p) => p.isExecutable === true);
  return executable.length === 1 ? executable[0] : undefined;
}
