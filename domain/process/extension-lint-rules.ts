import { is, ZEEBE_PREFIX, type BpmnElement } from './bpmn-model';
import { activityName, extensions, isMessageThrow, userTaskPeople } from './element-settings';
import { label, report, rule, type RuleFactory } from './lint-rule-kit';

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

/** What to do instead, for the extensions people use most. */
const HINTS: Record<string, string> = {
  'zeebe:taskHeaders': 'Task headers are not passed to activities: give those values as input mappings.',
  'zeebe:taskDefinition retries': 'Relais retries as the activity\'s own policy says.',
  'zeebe:calledDecision bindingType': 'Relais embeds the latest deployed version of the decision when the process is deployed: deploy the process again to take a newer one.',
  'zeebe:calledDecision versionTag': 'Relais embeds the latest deployed version of the decision when the process is deployed: deploy the process again to take a newer one.',
  'zeebe:executionListeners': 'Execution listeners do not run: draw the step as a service task.',
  'zeebe:taskListeners': 'Task listeners do not run: draw the step as a service task.',
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
  const listed = [...counts].map(([name, n]) => (n > 1 ? `${name} (×${n})` : name)).join(', ');
  const hints = [...counts.keys()].map((name) => HINTS[name]).filter(Boolean).join(' ');
  const what = node.id ? label(node) : 'The file';
  report(reporter, node, `${what} carries extensions Relais does not read, which are ignored: ${listed}.${hints ? ` ${hints}` : ''} Remove them if the process depends on them.`);
});

const nothingSent = rule((node, reporter) => {
  const sender = node.$type === 'bpmn:SendTask' || isMessageThrow(node);
  if (!sender || activityName(node)) return;
  const what = node.$type === 'bpmn:SendTask' ? 'Send task' : node.$type === 'bpmn:EndEvent' ? 'Message end event' : 'Message throw event';
  const effect = node.$type === 'bpmn:EndEvent' ? 'it ends its path like a none end event' : 'it is passed through';
  report(reporter, node, `${what} ${label(node)} sends nothing: ${effect}. To send a message, choose the sending activity it runs (relais:activity, or the job type of a Camunda task definition).`);
});

const userTaskCandidates = rule((node, reporter) => {
  if (node.$type !== 'bpmn:UserTask') return;
  const { candidateRoles, candidateUsers, assignee } = userTaskPeople(node);
  if (candidateRoles.length || candidateUsers.length || assignee) return;
  report(reporter, node, `User task ${label(node)} is offered to nobody: only managers, who see every task, will find it in the task list, and one must give it to someone before it can be done. Give it candidate roles, candidate users or an assignee.`);
});

/** Relais' warning rules, by name (used as `relais/<name>` in lint configurations, at level "warn"). */
export const RELAIS_WARNING_RULES: Record<string, RuleFactory> = {
  extension,
  'nothing-sent': nothingSent,
  'user-task-candidates': userTaskCandidates,
};
