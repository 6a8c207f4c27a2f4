import { computed, nextTick, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { definitionsApi } from '@/api/process.api';
import { describeError } from '@/stores/describe-error';
import { addMarker, type Decorations } from '../shared/diagram-decorations';
import { diffBpmn, type BpmnDiff } from './bpmn-diff';
import type { BpmnModeler } from './useBpmnModeler';

/** The diagram beside its latest deployed version: what was added, removed or changed, kept up to date while editing. */
export function useModelerCompare(bpmn: BpmnModeler, options: { latestVersion: () => number | null; paint: () => void }) {
  const { t } = useI18n();
  const comparing = shallowRef(false);
  const deployedXml = shallowRef<string | null>(null);
  const deployedVersion = shallowRef<number | null>(null);
  const diff = ref<BpmnDiff | null>(null);
  const compareError = shallowRef<string | null>(null);
  let diffTimer: ReturnType<typeof setTimeout> | undefined;

  const deployedDecorations = computed<Decorations>(() => {
    const markers: Record<string, string[]> = {};
    for (const item of diff.value?.removed ?? []) addMarker(markers, item.id, 'relais-removed');
    for (const item of diff.value?.changed ?? []) addMarker(markers, item.id, 'relais-changed');
    return { markers };
  });

  async function refreshDiff(): Promise<void> {
    const xml = await bpmn.currentXml();
    diff.value = xml && deployedXml.value ? diffBpmn(deployedXml.value, xml) : null;
    options.paint();
  }

  async function loadDeployed(): Promise<void> {
    compareError.value = null;
    const key = bpmn.processKey.value;
    const version = options.latestVersion();
    if (!key || !version) {
      deployedXml.value = null;
      deployedVersion.value = null;
      diff.value = null;
      compareError.value = t('process.modeler.nothingDeployed');
      options.paint();
      return;
    }
    try {
      deployedXml.value = await definitionsApi.xml(key, version);
      deployedVersion.value = version;
      await refreshDiff();
    } catch (e) {
      compareError.value = describeError(e);
    }
  }

  /** While comparing, the deployed version is read again (another diagram, a new deployment). */
  async function reload(): Promise<void> {
    if (comparing.value) await loadDeployed();
  }

  async function toggle(): Promise<void> {
    comparing.value = !comparing.value;
    await nextTick();
    bpmn.refit();
    if (comparing.value) await loadDeployed();
    else {
      diff.value = null;
      options.paint();
    }
  }

  /** After an edit: the differences again, once the typing pauses. */
  function scheduleDiff(): void {
    if (!comparing.value) return;
    clearTimeout(diffTimer);
    diffTimer = setTimeout(() => void refreshDiff(), 400);
  }

  function dispose(): void {
    clearTimeout(diffTimer);
  }

  return { comparing, deployedXml, deployedVersion, diff, compareError, deployedDecorations, reload, toggle, scheduleDiff, dispose };
}
