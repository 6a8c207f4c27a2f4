import { findActivity } from '../modules/registry';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from './activity-definition';
import type { DecisionPlan } from '../../kernel/process/decision-table';
import type {
  BoundaryEventNode, EndEventNode, EventTrigger, Feel, IntermediateCatchNode, IntermediateThrowNode, MultiInstance, Plan, PlanFlow, PlanNode, ReceiveTaskNode,
  StartEventNode,
} from '../../kernel/process/plan';
import { child, eventDefinitions, expressionBody, list, text, type BpmnElement } from './bpmn-model';
import {
  activityName, calledDecisionOf, calledElementPropagation, calledProcessKey, compensationTargets, correlationKeyOf, escalationOf, ioMappingOf, isCompensationBoundary,
  isEventSubProcess, isLinkEvent, linkName, messageOf, multiInstanceSettings, planKindOf, scriptOf, signalOf, userTaskPeople, userTaskSettings,
} from './element-settings';
import { chooseProcess, triggerOf } from './lint-rule-kit';

/** A value that is always FEEL (conditions, collections): stored with its "=" as the plan's convention wants. */
const asFeel = (value: string): Feel => (value.startsWith('=') ? value : `=${value}`);

/** Drops undefined properties, so that the stored JSON and test expectations stay exact. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function mappings(items: BpmnElement[]): Record<string, Feel> | undefined {
  if (items.length === 0) return undefined;
  return Object.fromEntries(items.map((m) => [text(m, 'target')!, typeof m.source === 'string' ? m.source.trim() : '']));
}

function multiInstanceOf(activity: BpmnElement): MultiInstance | undefined {
  const loop = child(activity, 'loopCharacteristics');
  if (loop?.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return undefined;
  const settings = multiInstanceSettings(loop);
  const feel = (value: string | undefined) => (value ? asFeel(value) : undefined);
  return compact({
    sequential: loop.isSequential === true,
    collection: feel(settings.collection),
    loopCardinality: feel(settings.loopCardinality),
    completionCondition: feel(settings.completionCondition),
    elementVariable: settings.elementVariable,
    outputCollection: settings.outputCollection,
    outputElement: feel(settings.outputElement),
  });
}

function triggerFor(event: BpmnElement): EventTrigger | { type: 'terminate' } {
  const definition = eventDefinitions(event)[0];
  switch (triggerOf(event)) {
    case 'none':
      return { type: 'none' };
    case 'terminate':
      return { type: 'terminate' };
    case 'timer':
      return compact({
        type: 'timer' as const, duration: expressionBody(definition, 'timeDuration'), date: expressionBody(definition, 'timeDate'), cycle: expressionBody(definition, 'timeCycle'),
      });
    case 'message':
      return messageTrigger(event);
    case 'error':
      return compact({ type: 'error' as const, errorCode: text(child(definition!, 'errorRef'), 'errorCode') });
    case 'signal':
      return { type: 'signal', signalName: text(signalOf(event), 'name')! };
    case 'escalation':
      return compact({ type: 'escalation' as const, escalationCode: text(escalationOf(event), 'escalationCode') });
    case 'compensation':
      return compact({ type: 'compensation' as const, activityRef: child(definition!, 'activityRef')?.id });
    default:
      throw new Error(`Event ${event.id} has an unsupported trigger: lint it before compiling.`);
  }
}

function messageTrigger(element: BpmnElement): ReceiveTaskNode['trigger'] {
  return compact({ type: 'message' as const, messageName: text(messageOf(element), 'name')!, correlationKey: correlationKeyOf(element) });
}

/**
 * Compiles a linted definition (see definition-linter.ts) into the plan the
 * bpmnProcess workflow interprets (kernel/process/plan.ts). Embedded
 * sub-processes are flattened: their nodes carry the sub-process id as scope.
 * Retry policy and timeout of service tasks are copied from the activity
 * registry, so the workflow needs no registry code. Link events become a
 * flow from each link throw event to the catch event of the same name in
 * its scope (id "<throw id>:link"); both pass the token on. An event
 * sub-process is a sub-process node marked triggeredByEvent (its start event
 * carries the trigger and, there, whether it interrupts). A compensation
 * boundary event's association names its host's handler (compensatedBy).
 * A business rule task embeds its decision's plan, taken from `decisions`
 * (the latest deployed version of each decision id, loadDecisionsForDeploy),
 * so that the workflow reads nothing.
 */
export function compileDefinition(definitions: BpmnElement, version: number, decisions: Record<string, DecisionPlan> = {}): Plan {
  const process = chooseProcess(definitions);
  if (!process) throw new Error('The definition holds no single executable process: lint it before compiling.');
  const nodes: Record<string, PlanNode> = {};
  const flows: Record<string, PlanFlow> = {};

  const compileScope = (container: BpmnElement, scope: string) => {
    const elements = list(container, 'flowElements');
    const boundaries = new Map<string, string[]>();
    for (const b of elements.filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
      const host = child(b, 'attachedToRef')!.id!;
      boundaries.set(host, [...(boundaries.get(host) ?? []), b.id!]);
    }
    for (const element of elements) {
      if (element.$type === 'bpmn:SequenceFlow') {
        const condition = expressionBody(element, 'conditionExpression');
        flows[element.id!] = compact({
          id: element.id!, source: child(element, 'sourceRef')!.id!, target: child(element, 'targetRef')!.id!,
          condition: condition ? asFeel(condition) : undefined, name: element.name?.trim() || undefined,
        });
        continue;
      }
      const node = compileNode(element, scope, boundaries.get(element.id!), decisions);
      if (node) nodes[node.id] = node;
      if (element.$type === 'bpmn:SubProcess') compileScope(element, element.id!);
    }
    for (const thrown of elements.filter((e) => e.$type === 'bpmn:IntermediateThrowEvent' && isLinkEvent(e))) {
      const caught = elements.find((e) => e.$type === 'bpmn:IntermediateCatchEvent' && isLinkEvent(e) && linkName(e) === linkName(thrown));
      if (!caught) throw new Error(`Link event ${thrown.id} leads nowhere: lint it before compiling.`);
      const id = `${thrown.id!}:link`;
      flows[id] = { id, source: thrown.id!, target: caught.id! };
      nodes[thrown.id!]!.outgoing.push(id);
      nodes[caught.id!]!.incoming.push(id);
    }
    for (const boundary of elements.filter(isCompensationBoundary)) {
      const handler = compensationTargets(boundary).find((t) => t.isForCompensation === true);
      if (!handler) throw new Error(`Compensation boundary event ${boundary.id} has no handler: lint it before compiling.`);
      nodes[child(boundary, 'attachedToRef')!.id!]!.compensatedBy = handler.id!;
    }
  };
  compileScope(process, process.id!);

  const startNodeIds = list(process, 'flowElements').filter((e) => e.$type === 'bpmn:StartEvent').map((e) => e.id!);
  return compact({ processKey: process.id!, name: text(process, 'name'), version, root: { id: process.id!, startNodeIds }, nodes, flows });
}

function compileNode(element: BpmnElement, scope: string, boundary: string[] | undefined, decisions: Record<string, DecisionPlan>): PlanNode | undefined {
  const mapping = ioMappingOf(element);
  const kind = planKindOf(element);
  const base = compact({
    id: element.id!,
    name: text(element, 'name'),
    scope,
    incoming: list(element, 'incoming').map((f) => f.id!),
    outgoing: list(element, 'outgoing').map((f) => f.id!),
    boundary,
    outputs: mappings(mapping?.outputs ?? []),
    bpmnType: kind && kind !== element.$type.replace('bpmn:', '').replace(/^./, (c) => c.toLowerCase()) ? element.$type : undefined,
    isForCompensation: element.isForCompensation === true ? true : undefined,
  });
  switch (kind) {
    case 'startEvent':
      return compact({
        ...base, kind, trigger: triggerFor(element) as StartEventNode['trigger'],
        interrupting: isEventSubProcess(element.$parent) ? element.isInterrupting !== false : undefined,
      });
    case 'endEvent':
      // A message end event that sends nothing ends like a none end event (the linter warns).
      return { ...base, kind, trigger: (triggerOf(element) === 'message' ? { type: 'none' } : triggerFor(element)) as EndEventNode['trigger'] };
    case 'intermediateCatchEvent':
      return { ...base, kind, trigger: triggerFor(element) as IntermediateCatchNode['trigger'] };
    case 'intermediateThrowEvent':
      return { ...base, kind, trigger: triggerFor(element) as IntermediateThrowNode['trigger'] };
    case 'boundaryEvent':
      return {
        ...base, kind, attachedTo: child(element, 'attachedToRef')!.id!,
        cancelActivity: element.cancelActivity !== false, trigger: triggerFor(element) as BoundaryEventNode['trigger'],
      };
    case 'passThrough':
      return { ...base, kind };
    case 'serviceTask': {
      const activity = findActivity(activityName(element) ?? '');
      if (!activity) throw new Error(`${element.$type} ${element.id} names no known activity: lint it before compiling.`);
      return compact({
        ...base, kind, activity: activity.name, inputs: mappings(mapping?.inputs ?? []) ?? {},
        resultVariable: text(element, 'resultVariable'),
        retry: { ...DEFAULT_RETRY, ...activity.retry },
        timeoutMs: activity.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        multiInstance: multiInstanceOf(element),
      });
    }
    case 'receiveTask':
      return compact({ ...base, kind, trigger: messageTrigger(element), multiInstance: multiInstanceOf(element) });
    case 'scriptTask': {
      const script = scriptOf(element);
      return compact({ ...base, kind, expression: asFeel(script.expression!), resultVariable: script.resultVariable, multiInstance: multiInstanceOf(element) });
    }
    case 'businessRuleTask': {
      const { decisionId, resultVariable } = calledDecisionOf(element);
      const decision = decisionId ? decisions[decisionId] : undefined;
      if (!decisionId || !decision) throw new Error(`Business rule task ${element.id} names no deployed decision: lint it with the deployed decision ids before compiling.`);
      return compact({ ...base, kind, decisionId, decision, resultVariable, multiInstance: multiInstanceOf(element) });
    }
    case 'userTask': {
      const inlineForm = text(element, 'inlineForm');
      const people = userTaskPeople(element);
      const settings = userTaskSettings(element);
      return compact({
        ...base, kind,
        formKey: settings.formKey,
        inlineForm: inlineForm ? (JSON.parse(inlineForm) as Record<string, unknown>) : undefined,
        candidateRoles: people.candidateRoles,
        candidateUsers: people.candidateUsers,
        assignee: people.assignee,
        dueDate: settings.dueDate,
        priority: settings.priority,
        multiInstance: multiInstanceOf(element),
      });
    }
    case 'exclusiveGateway':
    case 'inclusiveGateway':
      return compact({ ...base, kind, defaultFlow: child(element, 'default')?.id });
    case 'parallelGateway':
    case 'eventBasedGateway':
      return { ...base, kind };
    case 'subProcess':
      return compact({
        ...base, kind, scopeId: element.id!, multiInstance: multiInstanceOf(element), triggeredByEvent: isEventSubProcess(element) ? true : undefined,
      });
    case 'callActivity': {
      const propagation = calledElementPropagation(element);
      const inputs = mappings(mapping?.inputs ?? []);
      return compact({
        ...base, kind, calledProcessKey: calledProcessKey(element)!,
        inputs: inputs ?? (propagation.allParentVariables ? undefined : {}),
        outputs: base.outputs ?? (propagation.allChildVariables ? undefined : {}),
        multiInstance: multiInstanceOf(element),
      });
    }
    default:
      // Data objects and the like: documentation, nothing to execute.
      return undefined;
  }
}
