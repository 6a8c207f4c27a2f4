import type { Knex } from 'knex';
import type { ElementInstance, ElementOutcome } from '../../kernel/process/engine-types';

/**
 * What an instance did, element by element: the rows the engine stored
 * (process_element_instances, written when a run continues as new or ends)
 * merged with what the running workflow answers to its processState query.
 */
export interface ElementHistory {
  elements: ElementInstance[];
  /** Every sequence flow a token left by, in the order first taken. */
  takenFlows: string[];
  /** Completed executions per element id. */
  completedElements: Record<string, number>;
}

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : null);

export async function storedElements(trx: Knex | Knex.Transaction, instanceId: string): Promise<ElementInstance[]> {
  const rows: Array<Record<string, unknown>> = await trx('processElementInstances').where({ instanceId }).orderBy('seq')
    .select('seq', 'elementId', 'name', 'type', 'scopeId', 'loopCounter', 'startedAt', 'endedAt', 'outcome', 'takenFlows');
  return rows.map((r) => ({
    seq: Number(r.seq), elementId: String(r.elementId), name: (r.name as string | null) ?? null, type: String(r.type), scopeId: String(r.scopeId),
    loopCounter: r.loopCounter === null || r.loopCounter === undefined ? null : Number(r.loopCounter),
    startedAt: iso(r.startedAt) ?? '', endedAt: iso(r.endedAt), outcome: r.outcome as ElementOutcome, takenFlows: (r.takenFlows as string[] | null) ?? [],
  }));
}

/** Stored rows and the live ones by seq (the live copy wins: it may have ended since), in order of start. */
export function elementHistory(stored: ElementInstance[], live: ElementInstance[] = []): ElementHistory {
  const bySeq = new Map<number, ElementInstance>();
  for (const e of stored) bySeq.set(e.seq, e);
  for (const e of live) bySeq.set(e.seq, e);
  const elements = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const takenFlows = [...new Set(elements.flatMap((e) => e.takenFlows))];
  const completedElements: Record<string, number> = {};
  for (const e of elements) if (e.outcome === 'completed') completedElements[e.elementId] = (completedElements[e.elementId] ?? 0) + 1;
  return { elements, takenFlows, completedElements };
}
