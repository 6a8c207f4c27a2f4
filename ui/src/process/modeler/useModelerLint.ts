import type Canvas from 'diagram-js/lib/core/Canvas';
import { computed, ref, shallowRef } from 'vue';
import type { DefinitionProblem } from '@/api/process.api';
import { addMarker, decorate, type Badge, type Decorations } from '../shared/diagram-decorations';
import type { BpmnDiff } from './bpmn-diff';
import type { BpmnModeler } from './useBpmnModeler';

/**
 * What the server's lint said of the last save or deploy (problems block a deploy, warnings do
 * not), painted on the canvas with, while comparing, the differences with the deployed version.
 */
export function useModelerLint(bpmn: BpmnModeler, comparedDiff: () => BpmnDiff | null) {
  const problems = ref<DefinitionProblem[]>([]);
  /** What the last save or deploy said Relais will ignore: shown, never blocking. */
  const warnings = ref<DefinitionProblem[]>([]);
  /** null: not linted yet (lint runs on save). */
  const lintedAt = shallowRef<string | null>(null);
  let painted: Decorations | undefined;

  const problemsByElement = computed(() => {
    const counts = new Map<string, number>();
    for (const p of problems.value) if (p.elementId) counts.set(p.elementId, (counts.get(p.elementId) ?? 0) + 1);
    return counts;
  });

  /** A new diagram on the canvas: nothing linted, nothing painted. */
  function reset(): void {
    problems.value = [];
    warnings.value = [];
    lintedAt.value = null;
    painted = undefined;
  }

  function record(found: DefinitionProblem[], warned: DefinitionProblem[]): void {
    problems.value = found;
    warnings.value = warned;
    lintedAt.value = new Date().toISOString();
  }

  /** Problems (red) and, while comparing, added (green) and changed (orange) elements. */
  function paint(): void {
    const modeler = bpmn.modeler.value;
    if (!modeler) return;
    const markers: Record<string, string[]> = {};
    const badges: Badge[] = [];
    const rootId = modeler.get<Canvas>('canvas').getRootElement()?.id;
    for (const [id, n] of problemsByElement.value) {
      // A problem of the whole process is listed below, not painted on the canvas.
      if (id === rootId) continue;
      addMarker(markers, id, 'relais-problem');
      badges.push({ elementId: id, text: String(n), kind: 'problem', title: problems.value.filter((p) => p.elementId === id).map((p) => p.message).join('\n') });
    }
    const diff = comparedDiff();
    if (diff) {
      for (const item of diff.added) addMarker(markers, item.id, 'relais-added');
      for (const item of diff.changed) addMarker(markers, item.id, 'relais-changed');
    }
    painted = decorate(modeler, { markers, badges }, painted);
  }

  return { problems, warnings, lintedAt, reset, record, paint };
}

export type ModelerLint = ReturnType<typeof useModelerLint>;
