import { findActivity } from '../../activities/catalogue';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from '../../activities/registry';
import type {
  BoundaryEventNode, EndEventNode, EventTrigger, Feel, IntermediateCatchNode, MultiInstance, Plan, PlanFlow, PlanNode, StartEventNode,
} from '../../workflows/engine/plan';
import { child, commaList, eventDefinitions, expressionBody, ioMapping, list, text, type BpmnElement } from './bpmn-model';
import { chooseProcess, triggerOf } from './relais-lint-rules';

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
  const outputElement = text(loop, 'outputElement');
  return compact({
    sequential: loop.isSequential === true,
    collection: asFeel(text(loop, 'collection')!),
    elementVariable: text(loop, 'elementVariable')!,
    outputCollection: text(loop, 'outputCollection'),
    outputElement: outputElement ? asFeel(outputElement) : undefined,
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
      return compact({ type: 'timer' as const, duration: expressionBody(definition, 'timeDuration'), date: expressionBody(definition, 'timeDate') });
    case 'message': {
      const message = child(definition!, 'messageRef');
      return compact({ type: 'message' as const, messageName: text(message, 'name')!, correlationKey: text(event, 'correlationKey') ?? text(message, 'correlationKey') });
    }
    case 'error':
      return compact({ type: 'error' as const, errorCode: text(child(definition!, 'errorRef'), 'errorCode') });
    default:
      throw new Error(`Event ${event.id} has an unsupported trigger: lint it before compiling.`);
  }
}

/**
 * Compiles a linted definition (see definition-linter.ts) into the plan the
 * bpmnProcess workflow interprets (workflows/engine/plan.ts). Embedded
 * sub-processes are flattened: their nodes carry the sub-process id as scope.
 * Retry policy and timeout of service tasks are copied from the activity
 * registry, so the workflow needs no registry code.
 */
export function compileDefinition(definitions: BpmnElement, version: number): Plan {
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
          condition: condition ? asFeel(condition) : undefined,
        });
        continue;
      }
      const node = compileNode(element, scope, boundaries.get(element.id!));
      if (node) nodes[node.id] = node;
      if (element.$type === 'bpmn:SubProcess') compileScope(element, element.id!);
    }
  };
  compileScope(process, process.id!);

  const startNodeIds = list(process, 'flowElements').filter((e) => e.$type === 'bpmn:StartEvent').map((e) => e.id!);
  return compact({ processKey: process.id!, name: text(process, 'name'), version, root: { id: process.id!, startNodeIds }, nodes, flows });
}

function compileNode(element: BpmnElement, scope: string, boundary: string[] | undefined): PlanNode | undefined {
  const mapping = ioMapping(element);
  const base = compact({
    id: element.id!,
    name: text(element, 'name'),
    scope,
    incoming: list(element, 'incoming').map((f) => f.id!),
    outgoing: list(element, 'outgoing').map((f) => f.id!),
    boundary,
    outputs: mappings(mapping?.outputs ?? []),
  });
  switch (element.$type) {
    case 'bpmn:StartEvent':
      return { ...base, kind: 'startEvent', trigger: triggerFor(element) as StartEventNode['trigger'] };
    case 'bpmn:EndEvent':
      return { ...base, kind: 'endEvent', trigger: triggerFor(element) as EndEventNode['trigger'] };
    case 'bpmn:IntermediateCatchEvent':
      return { ...base, kind: 'intermediateCatchEvent', trigger: triggerFor(element) as IntermediateCatchNode['trigger'] };
    case 'bpmn:BoundaryEvent':
      return {
        ...base, kind: 'boundaryEvent', attachedTo: child(element, 'attachedToRef')!.id!,
        cancelActivity: element.cancelActivity !== false, trigger: triggerFor(element) as BoundaryEventNode['trigger'],
      };
    case 'bpmn:ServiceTask': {
      const activity = findActivity(text(element, 'activity') ?? '');
      if (!activity) throw new Error(`Service task ${element.id} names no known activity: lint it before compiling.`);
      return compact({
        ...base, kind: 'serviceTask' as const, activity: activity.name, inputs: mappings(mapping?.inputs ?? []) ?? {},
        resultVariable: text(element, 'resultVariable'),
        retry: { ...DEFAULT_RETRY, ...activity.retry },
        timeoutMs: activity.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        multiInstance: multiInstanceOf(element),
      });
    }
    case 'bpmn:UserTask': {
      const inlineForm = text(element, 'inlineForm');
      return compact({
        ...base, kind: 'userTask' as const,
        formKey: text(element, 'formKey'),
        inlineForm: inlineForm ? (JSON.parse(inlineForm) as Record<string, unknown>) : undefined,
        candidateRoles: commaList(text(element, 'candidateRoles')),
        candidateUsers: commaList(text(element, 'candidateUsers')),
        assignee: text(element, 'assignee'),
        dueDate: text(element, 'dueDate'),
        priority: text(element, 'priority'),
        multiInstance: multiInstanceOf(element),
      });
    }
    case 'bpmn:ExclusiveGateway':
    case 'bpmn:InclusiveGateway':
      return compact({
        ...base, kind: element.$type === 'bpmn:ExclusiveGateway' ? 'exclusiveGateway' as const : 'inclusiveGateway' as const,
        defaultFlow: child(element, 'default')?.id,
      });
    case 'bpmn:ParallelGateway':
      return { ...base, kind: 'parallelGateway' };
    case 'bpmn:EventBasedGateway':
      return { ...base, kind: 'eventBasedGateway' };
    case 'bpmn:SubProcess':
      return compact({ ...base, kind: 'subProcess' as const, scopeId: element.id!, multiInstance: multiInstanceOf(element) });
    case 'bpmn:CallActivity':
      return compact({
        ...base, kind: 'callActivity' as const, calledProcessKey: text(element, 'calledProcess')!,
        inputs: mappings(mapping?.inputs ?? []),
      });
    default:
      // Data objects and the like: documentation, nothing to execute.
      return undefined;
  }
}
