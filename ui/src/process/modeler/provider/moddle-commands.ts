import type BpmnFactory from 'bpmn-js/lib/features/modeling/BpmnFactory';
import type { Element, ModdleElement } from 'bpmn-js/lib/model/Types';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import type CommandStack from 'diagram-js/lib/command/CommandStack';

/**
 * Every change the Relais properties go through: commands on the command stack
 * (element.updateProperties / element.updateModdleProperties, several at once
 * through the panel's multi-command executor), so that undo and redo work.
 */
export interface Command {
  cmd: 'element.updateProperties' | 'element.updateModdleProperties';
  context: Record<string, unknown>;
}

export interface Services {
  commandStack: CommandStack;
  bpmnFactory: BpmnFactory;
}

export function execute(commandStack: CommandStack, commands: Command[]): void {
  if (!commands.length) return;
  commandStack.execute('properties-panel.multi-command-executor', commands as unknown as Record<string, unknown>);
}

function updateModdle(element: Element, moddleElement: ModdleElement, properties: Record<string, unknown>): Command {
  return { cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } };
}

/** A Relais attribute (relais:activity, relais:formKey…) on the element itself; '' removes it. */
export function setAttribute(commandStack: CommandStack, element: Element, name: string, value: string | undefined): void {
  const text = value?.trim() ? value : undefined;
  execute(commandStack, [{ cmd: 'element.updateProperties', context: { element, properties: { [`relais:${name}`]: text } } }]);
}

export function getAttribute(element: Element | ModdleElement, name: string): string {
  const value: unknown = getBusinessObject(element).get(`relais:${name}`);
  return typeof value === 'string' ? value : '';
}

// relais:ioMapping ///////////////////////////////////////////////////////////

export function getIoMapping(element: Element): ModdleElement | undefined {
  const values: ModdleElement[] = getBusinessObject(element).get('extensionElements')?.get('values') ?? [];
  return values.find((v) => is(v, 'relais:IoMapping'));
}

export function getInputs(element: Element): ModdleElement[] {
  return [...(getIoMapping(element)?.get('inputParameters') ?? [])];
}

export function findInput(element: Element, target: string): ModdleElement | undefined {
  return getInputs(element).find((input) => input.get('target') === target);
}

/** The commands that make sure extensionElements and a relais:ioMapping exist; answers the mapping. */
function ensureIoMapping(element: Element, services: Services, commands: Command[]): ModdleElement {
  const bo = getBusinessObject(element);
  let extensionElements = bo.get('extensionElements');
  if (!extensionElements) {
    extensionElements = services.bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensionElements.$parent = bo;
    commands.push(updateModdle(element, bo, { extensionElements }));
  }
  let ioMapping = getIoMapping(element);
  if (!ioMapping) {
    ioMapping = services.bpmnFactory.create('relais:IoMapping', { inputParameters: [], outputParameters: [] });
    ioMapping.$parent = extensionElements;
    commands.push(updateModdle(element, extensionElements, { values: [...extensionElements.get('values'), ioMapping] }));
  }
  return ioMapping;
}

/** Removes the mapping when nothing is left in it (and extensionElements when it becomes empty). */
function dropEmptyIoMapping(element: Element, ioMapping: ModdleElement, remainingInputs: ModdleElement[], commands: Command[]): void {
  if (remainingInputs.length || ioMapping.get('outputParameters')?.length) return;
  const bo = getBusinessObject(element);
  const extensionElements = bo.get('extensionElements');
  const values = extensionElements.get('values').filter((v: ModdleElement) => v !== ioMapping);
  commands.push(values.length
    ? updateModdle(element, extensionElements, { values })
    : updateModdle(element, bo, { extensionElements: undefined }));
}

/**
 * Sets the source (a literal or "=FEEL") of the input mapped to `target`:
 * creates the input (and its mapping) when missing, removes it when the source is emptied.
 */
export function setInputSource(element: Element, services: Services, target: string, source: string | undefined): void {
  const commands: Command[] = [];
  const existing = findInput(element, target);
  if (!source?.trim()) {
    if (!existing) return;
    const ioMapping = getIoMapping(element)!;
    const remaining = getInputs(element).filter((i) => i !== existing);
    commands.push(updateModdle(element, ioMapping, { inputParameters: remaining }));
    dropEmptyIoMapping(element, ioMapping, remaining, commands);
  } else if (existing) {
    commands.push(updateModdle(element, existing, { source }));
  } else {
    const ioMapping = ensureIoMapping(element, services, commands);
    const input = services.bpmnFactory.create('relais:Input', { source, target });
    input.$parent = ioMapping;
    commands.push(updateModdle(element, ioMapping, { inputParameters: [...(ioMapping.get('inputParameters') ?? []), input] }));
  }
  execute(services.commandStack, commands);
}

/** A new input with a free target name (for activities that take any record). */
export function addInput(element: Element, services: Services, target: string): void {
  const commands: Command[] = [];
  const ioMapping = ensureIoMapping(element, services, commands);
  const input = services.bpmnFactory.create('relais:Input', { source: '', target });
  input.$parent = ioMapping;
  commands.push(updateModdle(element, ioMapping, { inputParameters: [...(ioMapping.get('inputParameters') ?? []), input] }));
  execute(services.commandStack, commands);
}

export function removeInput(element: Element, services: Services, input: ModdleElement): void {
  const ioMapping = getIoMapping(element);
  if (!ioMapping) return;
  const commands: Command[] = [];
  const remaining = getInputs(element).filter((i) => i !== input);
  commands.push(updateModdle(element, ioMapping, { inputParameters: remaining }));
  dropEmptyIoMapping(element, ioMapping, remaining, commands);
  execute(services.commandStack, commands);
}

export function updateInput(element: Element, commandStack: CommandStack, input: ModdleElement, properties: { source?: string; target?: string }): void {
  execute(commandStack, [updateModdle(element, input, properties)]);
}

// Standard BPMN parts: conditions, timers, messages ///////////////////////////

export function getConditionBody(element: Element): string {
  return getBusinessObject(element).get('conditionExpression')?.get('body') ?? '';
}

/** bpmn:conditionExpression as a bpmn:FormalExpression; a condition on the default flow makes it an ordinary flow. */
export function setCondition(element: Element, services: Services, body: string | undefined): void {
  const bo = getBusinessObject(element);
  const commands: Command[] = [];
  const source = (element as Element & { source?: Element }).source;
  if (body?.trim() && source && getBusinessObject(source).get('default') === bo) {
    commands.push({ cmd: 'element.updateProperties', context: { element: source, properties: { default: undefined } } });
  }
  let conditionExpression: ModdleElement | undefined;
  if (body?.trim()) {
    conditionExpression = services.bpmnFactory.create('bpmn:FormalExpression', { body });
    conditionExpression.$parent = bo;
  }
  commands.push({ cmd: 'element.updateProperties', context: { element, properties: { conditionExpression } } });
  execute(services.commandStack, commands);
}

export function getEventDefinition(element: Element, type: string): ModdleElement | undefined {
  const definitions: ModdleElement[] = getBusinessObject(element).get('eventDefinitions') ?? [];
  return definitions.find((d) => is(d, type));
}

export type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';

export function getTimer(element: Element): { kind: TimerKind | null; body: string } {
  const timer = getEventDefinition(element, 'bpmn:TimerEventDefinition');
  for (const kind of ['timeDuration', 'timeDate', 'timeCycle'] as const) {
    const expression = timer?.get(kind);
    if (expression) return { kind, body: expression.get('body') ?? '' };
  }
  return { kind: null, body: '' };
}

/** One of timeDuration / timeDate on the timer definition (the other ones removed). */
export function setTimer(element: Element, services: Services, kind: TimerKind, body: string | undefined): void {
  const timer = getEventDefinition(element, 'bpmn:TimerEventDefinition');
  if (!timer) return;
  let expression: ModdleElement | undefined;
  if (body?.trim()) {
    expression = services.bpmnFactory.create('bpmn:FormalExpression', { body });
    expression.$parent = timer;
  }
  const properties: Record<string, unknown> = { timeDuration: undefined, timeDate: undefined, timeCycle: undefined, [kind]: expression };
  execute(services.commandStack, [updateModdle(element, timer, properties)]);
}

function definitionsOf(element: Element): ModdleElement | undefined {
  let node: ModdleElement | undefined = getBusinessObject(element);
  while (node && !is(node, 'bpmn:Definitions')) node = node.$parent;
  return node;
}

export function getMessageName(element: Element): string {
  return getEventDefinition(element, 'bpmn:MessageEventDefinition')?.get('messageRef')?.get('name') ?? '';
}

/** Renames the event's bpmn:Message, or creates one (in the definitions' root elements) and refers to it. */
export function setMessageName(element: Element, services: Services, name: string | undefined): void {
  const definition = getEventDefinition(element, 'bpmn:MessageEventDefinition');
  if (!definition) return;
  const message = definition.get('messageRef');
  if (message) {
    execute(services.commandStack, [updateModdle(element, message, { name: name?.trim() ? name : undefined })]);
    return;
  }
  if (!name?.trim()) return;
  const definitions = definitionsOf(element);
  if (!definitions) return;
  const created = services.bpmnFactory.create('bpmn:Message', { name });
  created.$parent = definitions;
  execute(services.commandStack, [
    updateModdle(element, definitions, { rootElements: [...(definitions.get('rootElements') ?? []), created] }),
    updateModdle(element, definition, { messageRef: created }),
  ]);
}

export function commaList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}
