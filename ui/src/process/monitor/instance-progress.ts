import type { ElementOutcome, InstanceDetail } from '@/api/process.api';
import { addMarker, type Badge, type Decorations } from '../shared/diagram-decorations';

/** Diagram marker of each outcome (bpmn-markers.css: a colour and a line style each). */
export const OUTCOME_MARKER: Record<ElementOutcome, string> = {
  active: 'relais-active', completed: 'relais-completed', interrupted: 'relais-interrupted',
  terminated: 'relais-terminated', cancelled: 'relais-cancelled', failed: 'relais-failed',
};
/** Which outcome an element that ran several times shows: the most telling one. */
const PRECEDENCE: ElementOutcome[] = ['active', 'failed', 'interrupted', 'terminated', 'cancelled', 'completed'];
export const TAKEN_FLOW_MARKER = 'relais-taken';

export interface SequenceFlow { id: string; source: string; target: string }

/**
 * Paints what an instance did, like Camunda Operate's instance history: each
 * executed element by its outcome (with the number of executions when more
 * than one), the sequence flows taken, and the open incidents.
 */
export function progressDecorations(d: InstanceDetail, flows: SequenceFlow[], timesTitle: (n: number) => string): Decorations {
  const markers: Record<string, string[]> = {};
  const badges: Badge[] = [];
  const outcomes = new Map<string, ElementOutcome[]>();
  for (const e of d.elements ?? []) outcomes.set(e.elementId, [...(outcomes.get(e.elementId) ?? []), e.outcome]);
  for (const id of d.activeElements) if (!outcomes.get(id)?.includes('active')) outcomes.set(id, [...(outcomes.get(id) ?? []), 'active']);
  let taken = new Set(d.takenFlows ?? []);
  if (!d.elements?.length) {
    // An instance that ended before elements were kept: its completed counts, the flows guessed from them.
    for (const [id, n] of Object.entries(d.completedElements ?? {})) if (!outcomes.has(id)) outcomes.set(id, Array<ElementOutcome>(n).fill('completed'));
    const reached = new Set(outcomes.keys());
    taken = new Set(flows.filter((f) => d.completedElements?.[f.source] && reached.has(f.target)).map((f) => f.id));
  }
  for (const [id, list] of outcomes) {
    addMarker(markers, id, OUTCOME_MARKER[PRECEDENCE.find((o) => list.includes(o)) ?? 'completed']);
    if (list.length > 1) badges.push({ elementId: id, text: `×${list.length}`, kind: 'count', title: timesTitle(list.length) });
  }
  for (const id of taken) addMarker(markers, id, TAKEN_FLOW_MARKER);
  for (const incident of d.incidents.filter((i) => i.status === 'open')) {
    addMarker(markers, incident.elementId, 'relais-incident');
    badges.push({ elementId: incident.elementId, text: '!', kind: 'incident', title: incident.message });
  }
  return { markers, badges };
}
