import { is, ZEEBE_PREFIX, type BpmnElement } from './bpmn-model';
import { activityName, extensions, isMessageThrow, userTaskPeople } from './element-settings';
import { named, report, rule, type RuleFactory } from './lint-rule-kit';
import { lintMessage as m } from './lint.messages';

/**
 * Relais' lint WARNINGS: what a diagram says that Relais will not do, when
 * the process still runs as drawn otherwise (an extension of another tool, a
 * send task that sends nothing). They do not stop a deploy; the modeler and
 * the deploy answer show them.
 */

/** The zeebe: extension elements Relais reads, and which of their attributes (element-settings.ts). */
const ZEEBE_READ: Record<string, string[]> = {
  TaskDefinition: ['type'],
  IoMapping: [],
  Subscription: ['correlationKey'],
  AssignmentDefinition: ['assignee', 'candidateGroups', 'candidateUsers'],
  CalledElement: ['processId', 'propagateAllChildVariables', 'propagateAllParentVariables'],
  Script: ['expression', 'resultVariable'],
  CalledDecision: ['decisionId', 'resultVariable'],
  LoopCharacteristics: ['inputCollection', 'inputElement', 'outputCollection', 'outputElement'],
  // formId and externalReference are refused by relais/user-task.
  FormDefinition: ['formKey', 'formId', 'externalReference'],
  UserTask: [],
  PriorityDefinition: ['priority'],
  TaskSchedule: ['dueDate'],
};

/** The name as written in the XML (moddle types are capitalised, tags are not). */
const xmlName = (type: string) => type.replace(/:(\w)/, (_, c: string) => `:${c.toLowerCase()}`);

/** Attributes and extension elements of this element that Relais does not read, as "prefix:name". */
function ignoredExtensions(node: BpmnElement): string[] {
  const names: string[] = [];
  for (const name of Object.keys(node.$attrs ?? {})) {
    // zeebe: attributes Camunda's descriptor does not know are named by the parser's warning (definition-parser.ts).
    if (!/^xmlns(:|$)/.test(name) && !name.startsWith('xsi:') && !name.startsWith('relais:') && !name.startsWith(`${ZEEBE_PREFIX}:`)) names.push(name);
  }
  const descriptor = (node as { $descriptor?: { properties?: Array<{ name: string; ns: { prefix: string; localName: string } }> } }).$descriptor;
  for (const property of descriptor?.properties ?? []) {
    if (property.ns.prefix === ZEEBE_PREFIX && Object.hasOwn(node, property.ns.localName)) names.push(property.name);
  }
  for (const value of extensions(node)) {
    if (value.$type.startsWith('relais:')) continue;
    const read = value.$type.startsWith(`${ZEEBE_PREFIX}:`) ? ZEEBE_READ[value.$type.slice(ZEEBE_PREFIX.length + 1)] : undefined;
    if (!read) {
      names.push(xmlName(value.$type));
      continue;
    }
    const properties = (value as { $descriptor?: { properties?: Array<{ name: string; isAttr?: boolean; ns: { localName: string } }> } }).$descriptor?.properties ?? [];
    for (const property of properties) {
      if (property.isAttr && Object.hasOwn(value, property.ns.localName) && !read.includes(property.ns.localName)) names.push(`${xmlName(value.$type)} ${property.ns.localName}`);
    }
    for (const name of Object.keys(value.$attrs ?? {})) if (!/^xmlns(:|$)/.test(name)) names.push(`${xmlName(value.$type)} ${name}`);
  }
  return names;
}

const extension = rule((node, reporter) => {
  if (!is(node, 'bpmn:BaseElement') && !is(node, 'bpmn:Definitions')) return;
  const names = ignoredExtensions(node);
  if (names.length === 0) return;
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  // The names are the XML's own; what to do instead is said for those people use most (lint.messages.ts).
  report(reporter, node, m('lint.extension', {
    el: node.id ? named(node) : null,
    names: [...counts].map(([name, n]) => (n > 1 ? `${name} (×${n})` : name)),
    hints: [...counts.keys()],
  }));
});

const nothingSent = rule((node, reporter) => {
  const sender = node.$type === 'bpmn:SendTask' || isMessageThrow(node);
  if (!sender || activityName(node)) return;
  const kind = node.$type === 'bpmn:SendTask' ? 'sendTask' : node.$type === 'bpmn:EndEvent' ? 'messageEndEvent' : 'messageThrowEvent';
  report(reporter, node, m('lint.nothing-sent', { kind, el: named(node) }));
});

const userTaskCandidates = rule((node, reporter) => {
  if (node.$type !== 'bpmn:UserTask') return;
  const { candidateRoles, candidateUsers, assignee } = userTaskPeople(node);
  if (candidateRoles.length || candidateUsers.length || assignee) return;
  report(reporter, node, m('lint.user-task-candidates', { el: named(node) }));
});

/** Relais' warning rules, by name (used as `relais/<name>` in lint configurations, at level "warn"). */
export const RELAIS_WARNING_RULES: Record<string, RuleFactory> = {
  extension,
  'nothing-sent': nothingSent,
  'user-task-candidates': userTaskCandidates,
};
