import type { Text } from '../i18n/messages';
import relaisDescriptor from '../../kernel/process/moddle/relais.json';

/**
 * The part of the bpmn-moddle object model this code reads (bpmn-moddle's
 * own typings are not exported from its main entry). Nothing here loads
 * bpmn-moddle: the lint rules that use these helpers also run in the browser.
 */
export interface BpmnElement {
  $type: string;
  $parent?: BpmnElement;
  $attrs?: Record<string, string>;
  $instanceOf(type: string): boolean;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

export interface ModdleWarning {
  message: string;
  element?: BpmnElement;
  property?: string;
  value?: unknown;
  error?: Error;
}

export interface FromXmlResult {
  rootElement: BpmnElement;
  elementsById: Record<string, BpmnElement>;
  warnings: ModdleWarning[];
}

/** The prefix of Camunda 8's extensions (zeebe-bpmn-moddle), which Relais reads too. */
export const ZEEBE_PREFIX = 'zeebe';

/** The relais: moddle package (kernel/process/moddle/relais.json), for bpmn-moddle and bpmn-js. */
export const RELAIS_DESCRIPTOR = relaisDescriptor;

/** One problem of a definition, located on a BPMN element (null: the whole file). */
export interface DefinitionProblem {
  elementId: string | null;
  rule: string;
  /** A catalogue message (process.messages.ts), or a text not translated yet. */
  message: Text;
}

export function is(element: BpmnElement | undefined, type: string): boolean {
  return !!element && typeof element.$instanceOf === 'function' && element.$instanceOf(type);
}

export function list(element: BpmnElement, property: string): BpmnElement[] {
  const value = element[property];
  return Array.isArray(value) ? (value as BpmnElement[]) : [];
}

export function child(element: BpmnElement, property: string): BpmnElement | undefined {
  const value = element[property];
  return value && typeof value === 'object' ? (value as BpmnElement) : undefined;
}

/** A string attribute, trimmed; undefined when absent or blank. */
export function text(element: BpmnElement | undefined, property: string): string | undefined {
  const value = element?.[property];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The nearest element (itself or an ancestor) that has an id. */
export function idOf(element: BpmnElement | undefined): string | null {
  for (let e = element; e; e = e.$parent) if (typeof e.id === 'string' && e.id) return e.id;
  return null;
}

/** The body of a bpmn:FormalExpression property (condition, timer value), trimmed. */
export function expressionBody(element: BpmnElement | undefined, property: string): string | undefined {
  return text(child(element ?? ({} as BpmnElement), property), 'body');
}

/** The event definitions of an event (empty: a none event). */
export function eventDefinitions(event: BpmnElement): BpmnElement[] {
  return list(event, 'eventDefinitions');
}

/** The relais:ioMapping extension element of a flow node, if any. */
export function ioMapping(element: BpmnElement): { inputs: BpmnElement[]; outputs: BpmnElement[] } | undefined {
  const ext = child(element, 'extensionElements');
  const mapping = ext ? list(ext, 'values').find((v) => v.$type === 'relais:IoMapping') : undefined;
  return mapping ? { inputs: list(mapping, 'inputParameters'), outputs: list(mapping, 'outputParameters') } : undefined;
}

/** A comma-separated attribute as a list of trimmed, non-empty items. */
export function commaList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Process keys (and called process keys): the BPMN process id, usable in
 * workflow ids and URLs. An XML NCName may start with "_" (the OMG's reference
 * diagrams' "_6-1"), so a key may too.
 */
export const PROCESS_KEY = /^[A-Za-z_][A-Za-z0-9._-]{0,99}$/;

/** Variable names written by mappings, result variables and multi-instance settings. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
