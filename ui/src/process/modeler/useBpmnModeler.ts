import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import '../shared/bpmn-styles';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import Modeler from 'bpmn-js/lib/Modeler';
import type { ModdleElement } from 'bpmn-js/lib/model/Types';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import type CommandStack from 'diagram-js/lib/command/CommandStack';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import { shallowRef } from 'vue';
import relaisDescriptor from '../../../../kernel/process/moddle/relais.json';
import { relaisPropertiesModule, type RelaisCatalogue } from './provider/RelaisPropertiesProvider';
import { frenchTranslateModule } from './translate-fr';

export interface ModelerSetup {
  canvas: HTMLElement;
  panel: HTMLElement;
  catalogue: RelaisCatalogue;
  french: boolean;
  /** After every edit (the undo state and the process key are already up to date). */
  onChanged: () => void;
}

/** The bpmn-js modeler of the page: its canvas and properties panel, undo stack, and the process it draws. */
export function useBpmnModeler() {
  const modeler = shallowRef<Modeler | null>(null);
  const ready = shallowRef(false);
  const canUndo = shallowRef(false);
  const canRedo = shallowRef(false);
  /** The process key and name of the diagram as it is now. */
  const processKey = shallowRef<string | null>(null);
  const processName = shallowRef<string | null>(null);
  let resizeObserver: ResizeObserver | undefined;

  function readProcess(): void {
    const root: ModdleElement | undefined = modeler.value?.getDefinitions()?.get('rootElements')?.find((e: ModdleElement) => is(e, 'bpmn:Process'));
    processKey.value = root?.id ?? null;
    processName.value = root?.name ?? null;
  }

  function syncUndo(): void {
    const stack = modeler.value?.get<CommandStack>('commandStack');
    canUndo.value = !!stack?.canUndo();
    canRedo.value = !!stack?.canRedo();
  }

  function create(setup: ModelerSetup): void {
    const instance = new Modeler({
      container: setup.canvas,
      propertiesPanel: { parent: setup.panel },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        relaisPropertiesModule(setup.catalogue),
        ...(setup.french ? [frenchTranslateModule] : []),
      ],
      moddleExtensions: { relais: relaisDescriptor },
    });
    instance.on('commandStack.changed', () => {
      syncUndo();
      readProcess();
      setup.onChanged();
    });
    modeler.value = instance;
    resizeObserver = new ResizeObserver(() => instance.get<Canvas>('canvas').resized());
    resizeObserver.observe(setup.canvas);
    ready.value = true;
  }

  function destroy(): void {
    resizeObserver?.disconnect();
    modeler.value?.destroy();
    modeler.value = null;
  }

  /** Draws a diagram (throws when the XML cannot be read), fitted to the view. */
  async function show(xml: string): Promise<void> {
    const current = modeler.value;
    if (!current) return;
    await current.importXML(xml);
    current.get<Canvas>('canvas').zoom('fit-viewport');
    readProcess();
    syncUndo();
  }

  async function currentXml(): Promise<string | null> {
    const result = await modeler.value?.saveXML({ format: true });
    return result?.xml ?? null;
  }

  function undo(): void {
    modeler.value?.get<CommandStack>('commandStack').undo();
  }

  function redo(): void {
    modeler.value?.get<CommandStack>('commandStack').redo();
  }

  /** Selects an element named by a problem or a difference, and brings it into view. */
  function reveal(elementId: string | null): void {
    if (!elementId || !modeler.value) return;
    const element = modeler.value.get<ElementRegistry>('elementRegistry').get(elementId);
    if (!element) return;
    modeler.value.get<Selection>('selection').select(element);
    modeler.value.get<Canvas>('canvas').scrollToElement(element);
  }

  /** The canvas changed size (comparison opened or closed): fit the diagram again. */
  function refit(): void {
    const canvas = modeler.value?.get<Canvas>('canvas');
    if (!canvas) return;
    canvas.resized();
    canvas.zoom('fit-viewport');
  }

  return { modeler, ready, canUndo, canRedo, processKey, processName, create, destroy, show, currentXml, undo, redo, reveal, refit };
}

export type BpmnModeler = ReturnType<typeof useBpmnModeler>;
