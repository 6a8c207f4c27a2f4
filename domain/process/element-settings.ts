import {
  child, commaList, eventDefinitions, expressionBody, list, text, ZEEBE_PREFIX, type BpmnElement,
} from './bpmn-model';

/**
 * What an element asks of the engine, whichever notation the modeler wrote it
 * in: Relais' own attributes (relais:), standard BPMN (resource assignments,
 * calledElement, bpmn:script, loopCardinality) or Camunda 8's extensions
 * (zeebe:, as Camunda Modeler writes them). Relais' attribute wins when both
 * are present. The linter checks these settings and the compiler copies them
 * into the plan, so both read the same thing. No bpmn-moddle here: the lint
 * rules that use it also run in the browser.
 */

/** The extension elements of an element (bpmn:extensionElements' values). */
export function extensions(element: BpmnElement | undefined): BpmnElement[] {
  const ext = element ? child(element, 'extensionElements') : undefined;
  return ext ? list(ext, 'values') : [];
}

/** The first extension element of a type (e.g. "zeebe:TaskDefinition"). */
export function extension(element: BpmnElement | undefined, type: string): BpmnElement | undefined {
  return extensions(element).find((v) => v.$type === type);
}

const zeebe = (element: BpmnElement | undefined, name: string) => extension(element, `${ZEEBE_PREFIX}:${name}`);

/** The name of the activity a task (or a message end or throw event) runs: relais:activity or zeebe:taskDefinition type. */
export function activityName(element: BpmnElement): string | undefined {
  return text(element, 'activity') ?? text(zeebe(element, 'TaskDefinition'), 'type');
}

/**
 * The DMN decision a business rule task evaluates and where its result goes:
 * relais:decision and relais:resultVariable, or zeebe:calledDecision
 * decisionId and resultVariable (as Camunda Modeler writes them).
 */
export function calledDecisionOf(element: BpmnElement): { decisionId?: string; resultVariable?: string } {
  const called = zeebe(element, 'CalledDecision');
  return {
    decisionId: text(element, 'decision') ?? text(called, 'decisionId'),
    resultVariable: text(element, 'resultVariable') ?? text(called, 'resultVariable'),
  };
}

/** Every decision id the business rule tasks of a definition name (to load them before linting and compiling). */
export function namedDecisionIds(root: BpmnElement): string[] {
  const found = new Set<string>();
  const visit = (container: BpmnElement) => {
    for (const e of [...list(container, 'rootElements'), ...list(container, 'flowElements')]) {
      if (e.$type === 'bpmn:BusinessRuleTask') {
        const id = calledDecisionOf(e).decisionId;
        if (id) found.add(id);
      }
      if (e.$type === 'bpmn:Process' || e.$type === 'bpmn:SubProcess') visit(e);
    }
  };
  visit(root);
  return [...found];
}

/** Input and output mappings: relais:ioMapping, or zeebe:ioMapping (same source/target shape). */
export function ioMappingOf(element: BpmnElement): { inputs: BpmnElement[]; outputs: BpmnElement[] } | undefined {
  const mapping = extension(element, 'relais:IoMapping') ?? zeebe(element, 'IoMapping');
  return mapping ? { inputs: list(mapping, 'inputParameters'), outputs: list(mapping, 'outputParameters') } : undefined;
}

/** The first message event definition of an event, if that is its trigger. */
function messageDefinition(element: BpmnElement): BpmnElement | undefined {
  const definition = eventDefinitions(element)[0];
  return definition?.$type === 'bpmn:MessageEventDefinition' ? definition : undefined;
}

/** The bpmn:Message an event or a receive/send task refers to. */
export function messageOf(element: BpmnElement): BpmnElement | undefined {
  if (element.$type === 'bpmn:ReceiveTask' || element.$type === 'bpmn:SendTask') return child(element, 'messageRef');
  const definition = messageDefinition(element);
  return definition ? child(definition, 'messageRef') : undefined;
}

/** The correlation key a message declares: relais:correlationKey, or its zeebe:subscription's. */
export function messageCorrelationKey(message: BpmnElement | undefined): string | undefined {
  return text(message, 'correlationKey') ?? text(zeebe(message, 'Subscription'), 'correlationKey');
}

/** The correlation key of a catching element: on the element, else its message's. */
export function correlationKeyOf(element: BpmnElement): string | undefined {
  return text(element, 'correlationKey') ?? messageCorrelationKey(messageOf(element));
}

/** True for an end or intermediate throw event that sends a message. */
export function isMessageThrow(element: BpmnElement): boolean {
  return (element.$type === 'bpmn:EndEvent' || element.$type === 'bpmn:IntermediateThrowEvent') && !!messageDefinition(element);
}

/** True for an intermediate event (throw or catch) with a link trigger. */
export function isLinkEvent(element: BpmnElement): boolean {
  return (element.$type === 'bpmn:IntermediateThrowEvent' || element.$type === 'bpmn:IntermediateCatchEvent')
    && eventDefinitions(element)[0]?.$type === 'bpmn:LinkEventDefinition';
}

/** The name that pairs a link throw event with its catch event. */
export function linkName(element: BpmnElement): string | undefined {
  return text(eventDefinitions(element)[0], 'name') ?? text(element, 'name');
}

/** The bpmn:Signal a signal event refers to. */
export function signalOf(event: BpmnElement): BpmnElement | undefined {
  const definition = eventDefinitions(event)[0];
  return definition?.$type === 'bpmn:SignalEventDefinition' ? child(definition, 'signalRef') : undefined;
}

/** The bpmn:Escalation an escalation event refers to. */
export function escalationOf(event: BpmnElement): BpmnElement | undefined {
  const definition = eventDefinitions(event)[0];
  return definition?.$type === 'bpmn:EscalationEventDefinition' ? child(definition, 'escalationRef') : undefined;
}

/** True for an event sub-process (started by its start event's trigger, reached by no flow). */
export function isEventSubProcess(element: BpmnElement | undefined): boolean {
  return element?.$type === 'bpmn:SubProcess' && element.triggeredByEvent === true;
}

/** True for a boundary event with a compensation trigger (it marks its host's compensation handler). */
export function isCompensationBoundary(element: BpmnElement): boolean {
  return element.$type === 'bpmn:BoundaryEvent' && eventDefinitions(element)[0]?.$type === 'bpmn:CompensateEventDefinition';
}

/** Every association of the containers around an element (process, sub-processes) and of the collaborations of its file. */
function associationsAround(element: BpmnElement): BpmnElement[] {
  const found: BpmnElement[] = [];
  let e: BpmnElement | undefined = element.$parent;
  for (; e; e = e.$parent) {
    found.push(...list(e, 'artifacts'));
    if (e.$type === 'bpmn:Definitions') {
      for (const root of list(e, 'rootElements')) if (root.$type === 'bpmn:Collaboration') found.push(...list(root, 'artifacts'));
    }
  }
  return found.filter((a) => a.$type === 'bpmn:Association');
}

/** The elements a compensation boundary event is associated with (its compensation handler, when drawn right). */
export function compensationTargets(boundary: BpmnElement): BpmnElement[] {
  const targets: BpmnElement[] = [];
  for (const association of associationsAround(boundary)) {
    const source = child(association, 'sourceRef');
    const target = child(association, 'targetRef');
    if (source === boundary && target) targets.push(target);
    else if (target === boundary && source) targets.push(source);
  }
  return targets;
}

/** The compensation boundary events associated with an activity (the events whose handler it is). */
export function compensationBoundariesOf(handler: BpmnElement): BpmnElement[] {
  return associationsAround(handler).flatMap((association) => [child(association, 'sourceRef'), child(association, 'targetRef')])
    .filter((end): end is BpmnElement => !!end && end !== handler && isCompensationBoundary(end) && compensationTargets(end).includes(handler));
}

/** Items of a standard resource assignment: "user(id)" and "group(key)" (as Activiti writes them) or plain comma-separated keys. */
function assignmentItems(role: BpmnElement): string[] {
  return commaList(expressionBody(child(role, 'resourceAssignmentExpression'), 'expression'));
}

function standardResources(task: BpmnElement, type: string): string[] {
  return list(task, 'resources').filter((r) => r.$type === type).flatMap(assignmentItems);
}

const USER_ITEM = /^user\((.+)\)$/;
const GROUP_ITEM = /^group\((.+)\)$/;

/** Who may do a user task, from relais: attributes, bpmn:potentialOwner / bpmn:humanPerformer and zeebe:assignmentDefinition. */
export function userTaskPeople(task: BpmnElement): { candidateRoles: string[]; candidateUsers: string[]; assignee?: string } {
  const zeebeAssignment = zeebe(task, 'AssignmentDefinition');
  const owners = standardResources(task, 'bpmn:PotentialOwner');
  const roles = [
    ...commaList(text(task, 'candidateRoles')),
    ...owners.filter((o) => !USER_ITEM.test(o)).map((o) => GROUP_ITEM.exec(o)?.[1]?.trim() ?? o),
    ...commaList(text(zeebeAssignment, 'candidateGroups')),
  ];
  const users = [
    ...commaList(text(task, 'candidateUsers')),
    ...owners.map((o) => USER_ITEM.exec(o)?.[1]?.trim()).filter((u): u is string => !!u),
    ...commaList(text(zeebeAssignment, 'candidateUsers')),
  ];
  const performer = standardResources(task, 'bpmn:HumanPerformer')[0];
  const assignee = text(task, 'assignee') ?? (performer ? (USER_ITEM.exec(performer)?.[1]?.trim() ?? performer) : undefined) ?? text(zeebeAssignment, 'assignee');
  return { candidateRoles: [...new Set(roles)], candidateUsers: [...new Set(users)], assignee };
}

/** The other settings of a user task: form, due date, priority. */
export function userTaskSettings(task: BpmnElement): { formKey?: string; dueDate?: string; priority?: string } {
  return {
    formKey: text(task, 'formKey') ?? text(zeebe(task, 'FormDefinition'), 'formKey'),
    dueDate: text(task, 'dueDate') ?? text(zeebe(task, 'TaskSchedule'), 'dueDate'),
    priority: text(task, 'priority') ?? text(zeebe(task, 'PriorityDefinition'), 'priority'),
  };
}

/** The process a call activity starts: relais:calledProcess, zeebe:calledElement processId, or BPMN's calledElement. */
export function calledProcessKey(element: BpmnElement): string | undefined {
  return text(element, 'calledProcess') ?? text(zeebe(element, 'CalledElement'), 'processId') ?? text(element, 'calledElement');
}

/** Whether a call activity passes every variable down and up (zeebe:calledElement propagate*; true unless said otherwise). */
export function calledElementPropagation(element: BpmnElement): { allParentVariables: boolean; allChildVariables: boolean } {
  const called = zeebe(element, 'CalledElement');
  return { allParentVariables: called?.propagateAllParentVariables !== false, allChildVariables: called?.propagateAllChildVariables !== false };
}

/** Multi-instance settings: relais: attributes or zeebe:loopCharacteristics, and BPMN's loopCardinality and completionCondition. */
export function multiInstanceSettings(loop: BpmnElement): {
  collection?: string; elementVariable?: string; outputCollection?: string; outputElement?: string; loopCardinality?: string; completionCondition?: string;
} {
  const z = zeebe(loop, 'LoopCharacteristics');
  return {
    collection: text(loop, 'collection') ?? text(z, 'inputCollection'),
    elementVariable: text(loop, 'elementVariable') ?? text(z, 'inputElement'),
    outputCollection: text(loop, 'outputCollection') ?? text(z, 'outputCollection'),
    outputElement: text(loop, 'outputElement') ?? text(z, 'outputElement'),
    loopCardinality: expressionBody(loop, 'loopCardinality'),
    completionCondition: expressionBody(loop, 'completionCondition'),
  };
}

/** Script formats that mean FEEL. */
const FEEL_FORMAT = /^((text|application)\/)?(x-)?feel$/i;

/** A script task's FEEL: zeebe:script, or bpmn:script in FEEL; `format` names another language when that is what it holds. */
export function scriptOf(task: BpmnElement): { expression?: string; resultVariable?: string; format?: string } {
  const z = zeebe(task, 'Script');
  if (z) return { expression: text(z, 'expression'), resultVariable: text(z, 'resultVariable') };
  const format = text(task, 'scriptFormat');
  const body = text(task, 'script');
  const resultVariable = text(task, 'resultVariable') ?? task.$attrs?.['camunda:resultVariable'];
  if (format && !FEEL_FORMAT.test(format)) return { format, resultVariable };
  return { expression: body, resultVariable };
}

/** Throw events that do something of their own: broadcast a signal, raise an escalation, compensate. */
const THROWN = new Set(['bpmn:SignalEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:CompensateEventDefinition']);

/** What a flow element runs as in the plan (kernel/process/plan.ts), or undefined when it is not executed (data, documentation). */
export function planKindOf(element: BpmnElement): string | undefined {
  switch (element.$type) {
    case 'bpmn:StartEvent': return 'startEvent';
    case 'bpmn:EndEvent': return isMessageThrow(element) && activityName(element) ? 'serviceTask' : 'endEvent';
    case 'bpmn:IntermediateCatchEvent': return isLinkEvent(element) ? 'passThrough' : 'intermediateCatchEvent';
    case 'bpmn:IntermediateThrowEvent':
      if (THROWN.has(eventDefinitions(element)[0]?.$type ?? '')) return 'intermediateThrowEvent';
      return isMessageThrow(element) && activityName(element) ? 'serviceTask' : 'passThrough';
    case 'bpmn:BoundaryEvent': return 'boundaryEvent';
    case 'bpmn:ServiceTask': return 'serviceTask';
    case 'bpmn:SendTask': return activityName(element) ? 'serviceTask' : 'passThrough';
    case 'bpmn:Task': case 'bpmn:ManualTask': return 'passThrough';
    case 'bpmn:UserTask': return 'userTask';
    case 'bpmn:ReceiveTask': return 'receiveTask';
    case 'bpmn:ScriptTask': return 'scriptTask';
    // Camunda 8 also lets a job worker implement it (a task definition and no called decision): then it runs an activity.
    case 'bpmn:BusinessRuleTask': return !calledDecisionOf(element).decisionId && activityName(element) ? 'serviceTask' : 'businessRuleTask';
    case 'bpmn:SubProcess': return 'subProcess';
    case 'bpmn:CallActivity': return 'callActivity';
    case 'bpmn:ExclusiveGateway': return 'exclusiveGateway';
    case 'bpmn:ParallelGateway': return 'parallelGateway';
    case 'bpmn:InclusiveGateway': return 'inclusiveGateway';
    case 'bpmn:EventBasedGateway': return 'eventBasedGateway';
    default: return undefined;
  }
}
