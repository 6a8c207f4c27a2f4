import type { LoadedDataConverter, Payload } from '@temporalio/common';
import type { ElementInstance } from '../../kernel/process/engine-types';
import { DEFAULT_LOCALE, type Locale } from '../../domain/i18n/messages';
import { processMessage } from '../../domain/process/process.messages';

/**
 * The element each Temporal event of an instance concerns, where it can be known:
 * - an activity's input names it (service tasks get `meta.elementId`; the engine's
 *   activities an `elementId`, a `taskId` or the called process's workflow id),
 *   read by decoding the input (only that id leaves this function);
 * - an activity's completion or failure points at its scheduling event;
 * - a called process's workflow id is `<caller>/<element>/<visit>`.
 * Timers carry only the SDK's sequence number: their element cannot be known
 * from the history (the element instances say when a timer event was reached).
 */
export async function elementsOfEvents(
  events: Array<Record<string, unknown>>, workflowId: string, converter: LoadedDataConverter, taskElements: Map<string, string>,
): Promise<Map<string, string>> {
  const byEvent = new Map<string, string>();
  const ofChild = (childId: unknown) => {
    if (typeof childId !== 'string' || !childId.startsWith(`${workflowId}/`)) return undefined;
    const [elementId] = childId.slice(workflowId.length + 1).split('/');
    return elementId || undefined;
  };
  for (const event of events) {
    const id = String(event.eventId);
    const attrs = (key: string) => event[key] as Record<string, unknown> | null | undefined;
    const scheduled = attrs('activityTaskScheduledEventAttributes');
    const pointer = attrs('activityTaskStartedEventAttributes') ?? attrs('activityTaskCompletedEventAttributes') ?? attrs('activityTaskFailedEventAttributes')
      ?? attrs('activityTaskTimedOutEventAttributes') ?? attrs('activityTaskCanceledEventAttributes');
    const child = attrs('startChildWorkflowExecutionInitiatedEventAttributes');
    const childEvent = attrs('childWorkflowExecutionStartedEventAttributes') ?? attrs('childWorkflowExecutionCompletedEventAttributes')
      ?? attrs('childWorkflowExecutionFailedEventAttributes') ?? attrs('childWorkflowExecutionCanceledEventAttributes')
      ?? attrs('childWorkflowExecutionTerminatedEventAttributes') ?? attrs('childWorkflowExecutionTimedOutEventAttributes');
    let elementId: string | undefined;
    if (scheduled) elementId = await elementOfInput(scheduled.input as { payloads?: Payload[] | null } | undefined, converter, taskElements, ofChild);
    else if (pointer?.scheduledEventId != null) elementId = byEvent.get(String(pointer.scheduledEventId));
    else if (child) elementId = ofChild(child.workflowId);
    else if (childEvent) elementId = ofChild((childEvent.workflowExecution as { workflowId?: string } | undefined)?.workflowId);
    if (elementId) byEvent.set(id, elementId);
  }
  return byEvent;
}

async function elementOfInput(
  input: { payloads?: Payload[] | null } | undefined, converter: LoadedDataConverter, taskElements: Map<string, string>,
  ofChild: (childId: unknown) => string | undefined,
): Promise<string | undefined> {
  let payloads = input?.payloads ?? [];
  if (!payloads.length) return undefined;
  try {
    for (const codec of [...converter.payloadCodecs].reverse()) payloads = await codec.decode(payloads);
    const args = payloads.map((p) => converter.payloadConverter.fromPayload(p) as Record<string, unknown> | null);
    for (const arg of [...args].reverse()) {
      if (!arg || typeof arg !== 'object') continue;
      if (typeof arg.elementId === 'string') return arg.elementId;
      if (typeof arg.taskId === 'string' && taskElements.has(arg.taskId)) return taskElements.get(arg.taskId);
      const called = ofChild(arg.workflowId);
      if (called) return called;
    }
  } catch {
    // A payload that cannot be read (a key gone with its tenant) leaves its event without element.
  }
  return undefined;
}

export interface ElementEvent {
  id: string;
  at: string | null;
  type: string;
  elementId: string;
  elementName: string | null;
  /** started, or how it ended (completed, interrupted…). */
  phase: 'started' | Exclude<ElementInstance['outcome'], 'active'>;
  loopCounter: number | null;
}

/** Each element instance as one or two history lines: when it started, when and how it ended (in the reader's language). */
export function elementEvents(elements: ElementInstance[], locale: Locale = DEFAULT_LOCALE): ElementEvent[] {
  const out: ElementEvent[] = [];
  for (const e of elements) {
    const element = e.name ? `${e.name} (${e.elementId})` : e.elementId;
    const base = { elementId: e.elementId, elementName: e.name, loopCounter: e.loopCounter };
    const type = (phase: string) => processMessage('history.element', { element, phase }).render(locale);
    out.push({ ...base, id: `element-${e.seq}-start`, at: e.startedAt, type: type('started'), phase: 'started' });
    if (e.outcome !== 'active') out.push({ ...base, id: `element-${e.seq}-end`, at: e.endedAt, type: type(e.outcome), phase: e.outcome });
  }
  return out.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}

/** Two lists already in time order, merged by time (the first wins a tie). */
export function mergeByTime<A extends { at: string | null }, B extends { at: string | null }>(first: A[], second: B[]): Array<A | B> {
  const out: Array<A | B> = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    const a = first[i];
    const b = second[j];
    if (a && (!b || (a.at ?? '') <= (b.at ?? ''))) { out.push(a); i++; } else { out.push(b!); j++; }
  }
  return out;
}
