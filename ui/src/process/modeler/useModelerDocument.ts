import { ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import { ApiError } from '@/api/problem';
import { definitionsApi, type DefinitionProblem, type VersionRef } from '@/api/process.api';
import { describeError } from '@/stores/describe-error';
import { useProcessDefinitionsStore } from '@/stores/process-definitions';
import type { BpmnModeler } from './useBpmnModeler';
import type { ModelerLint } from './useModelerLint';

export type Notify = (text: string, color?: string) => void;
/** What is on the canvas came from: the draft, a deployed version; null for a new or imported diagram. */
export type Origin = { key: string; version: number | 'draft' } | null;

function problemsOf(e: unknown): DefinitionProblem[] | null {
  if (e instanceof ApiError && Array.isArray(e.problem.problems)) return e.problem.problems as DefinitionProblem[];
  return null;
}

/**
 * The diagram as a document: opened from the server (draft or version), saved as the draft
 * (the server lints it) or deployed, with its unsaved changes guarded.
 */
export function useModelerDocument(bpmn: BpmnModeler, lint: ModelerLint, hooks: { notify: Notify; onShown: () => Promise<void> | void; onStored: () => Promise<void> | void }) {
  const { t } = useI18n();
  const route = useRoute();
  const router = useRouter();
  const definitions = useProcessDefinitionsStore();
  const busy = shallowRef<'open' | 'save' | 'deploy' | null>(null);
  const loadError = shallowRef<string | null>(null);
  const dirty = shallowRef(false);
  const origin = ref<Origin>(null);

  /** Puts a diagram on the canvas; false (and a notice) when it cannot be read. */
  async function show(xml: string, from: Origin): Promise<boolean> {
    if (!bpmn.modeler.value) return false;
    try {
      await bpmn.show(xml);
    } catch (e) {
      hooks.notify(t('process.modeler.importFailed', { message: e instanceof Error ? e.message : String(e) }), 'error');
      return false;
    }
    origin.value = from;
    dirty.value = false;
    lint.reset();
    await hooks.onShown();
    return true;
  }

  async function open(key: string, version?: VersionRef): Promise<void> {
    busy.value = 'open';
    loadError.value = null;
    try {
      let ref: VersionRef | undefined = version;
      let number: number | null = typeof version === 'number' ? version : null;
      if (ref === undefined || ref === 'latest') {
        const versions = (await definitionsApi.versions(key)).items;
        const draft = versions.find((v) => v.status === 'draft');
        const latest = versions.find((v) => v.status === 'deployed');
        ref = ref === undefined && draft ? 'draft' : latest?.version ?? 'draft';
        number = typeof ref === 'number' ? ref : null;
      }
      const xml = await definitionsApi.xml(key, ref);
      await show(xml, { key, version: number ?? 'draft' });
    } catch (e) {
      loadError.value = describeError(e);
    } finally {
      busy.value = null;
    }
  }

  function confirmDiscard(): boolean {
    return !dirty.value || window.confirm(t('process.modeler.confirmDiscard'));
  }

  /** Saves the draft, or deploys it; the server lints it and answers the problems, painted on the diagram. */
  async function save(deploy: boolean): Promise<void> {
    const xml = await bpmn.currentXml();
    if (!xml) return;
    busy.value = deploy ? 'deploy' : 'save';
    try {
      const saved = await definitionsApi.save(xml, deploy);
      lint.record(saved.problems ?? [], saved.warnings ?? []);
      origin.value = { key: saved.key, version: saved.version ?? 'draft' };
      dirty.value = false;
      const count = lint.warnings.value.length;
      const problems = lint.problems.value.length;
      if (deploy && count) hooks.notify(t('process.modeler.deployedWithWarnings', { key: saved.key, n: saved.version, count }, count), 'warning');
      else if (deploy) hooks.notify(t('process.modeler.deployed', { key: saved.key, n: saved.version }));
      else if (problems) hooks.notify(t('process.modeler.savedWithProblems', { n: problems }, problems), 'warning');
      else hooks.notify(t('process.modeler.saved'));
      void definitions.load(true).then(hooks.onStored);
      if (route.params.key !== saved.key) await router.replace({ name: 'process-modeler', params: { key: saved.key } });
    } catch (e) {
      const found = problemsOf(e);
      if (found) {
        lint.record(found, []);
        hooks.notify(deploy ? t('process.modeler.deployRefused', { n: found.length }, found.length) : t('process.modeler.saveRefused'), 'error');
      } else {
        hooks.notify(describeError(e), 'error');
      }
    } finally {
      busy.value = null;
      lint.paint();
    }
  }

  return { busy, loadError, dirty, origin, show, open, save, confirmDiscard };
}

export type ModelerDocument = ReturnType<typeof useModelerDocument>;
