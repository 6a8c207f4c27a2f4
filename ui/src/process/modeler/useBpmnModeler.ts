import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import '../shared/bpmn-styles';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import Modeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type { ModdleElement } from 'bpmn-js/lib/model/Types';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import type CommandStack from 'diagram-js/lib/command/CommandStack';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import { shallowRef } from 'vue';
import relaisDescriptor from '../../../../kernel/process/moddle/relais.json';
import { relaisPropertiesModule, type RelaisCatalogue } from './provider/RelaisPropertiesProvider';
import { liveLint } from './live-lint';
import { frenchTranslateModule } from './translate-fr';

export interface ModelerSetup {
  canvas: HTMLElement;
  /** Absent for a read-only person: the diagram is only viewed. */
  panel: HTMLElement | null;
  catalogue: RelaisCatalogue;
  language: 'fr' | 'en';
  /** No palette, context pad, properties or editing: the diagram can be viewed, searched and downloaded. */
  readOnly: boolean;
  /** After every edit (the undo state and the process key are already up to date). */
  onChanged: () => void;
}

/** Room kept around a fitted diagram (px): the palette's width is added on the left, the lint button's height below. */
const FIT_MARGIN = 24;
const LINT_BUTTON = 40;

/**
 * The bpmn-js modeler of the page: its canvas and properties panel, undo stack, and the process it
 * draws, with lint while drawing; a viewer (no editing tools) for a person who may not edit.
 */
export function useBpmnModeler() {
  const modeler = shallowRef<Modeler | NavigatedViewer | null>(null);
  const ready = shallowRef(false);
  const canUndo = shallowRef(false);
  const canRedo = shallowRef(false);
  /** The process key and name of the diagram as it is now. */
  const processKey = shallowRef<string | null>(null);
  const processName = shallowRef<string | null>(null);
  let resizeObserver: ResizeObserver | undefined;
  /** Fit again when the canvas changes size, until the person zooms or scrolls. */
  let autoFit = false;
  let container: HTMLElement | undefined;
  const stopAutoFit = () => { autoFit = false; };

  function readProcess(): void {
    const root: ModdleElement | undefined = modeler.value?.getDefinitions()?.get('rootElements')?.find((e: ModdleElement) => is(e, 'bpmn:Process'));
    processKey.value = root?.id ?? null;
    processName.value = root?.name ?? null;
  }

  function syncUndo(): void {
    const stack = modeler.value?.get<CommandStack>('commandStack', false);
    canUndo.value = !!stack?.canUndo();
    canRedo.value = !!stack?.canRedo();
  }

  function create(setup: ModelerSetup): void {
    const translation = setup.language === 'fr' ? [frenchTranslateModule] : [];
    const lint = liveLint(setup.language);
    const instance = setup.readOnly || !setup.panel
      ? new NavigatedViewer({ container: setup.canvas, additionalModules: translation, moddleExtensions: { relais: relaisDescriptor } })
      : new Modeler({
        container: setup.canvas,
        propertiesPanel: { parent: setup.panel },
        linting: lint.config,
        additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, relaisPropertiesModule(setup.catalogue), lint.module, ...translation],
        moddleExtensions: { relais: relaisDescriptor },
      });
    instance.on('commandStack.changed', () => {
      syncUndo();
      readProcess();
      setup.onChanged();
    });
    modeler.value = instance;
    container = setup.canvas;
    for (const type of ['wheel', 'pointerdown', 'keydown'] as const) container.addEventListener(type, stopAutoFit, { capture: true, passive: true });
    resizeObserver = new ResizeObserver(() => {
      instance.get<Canvas>('canvas').resized();
      if (autoFit) fit();
    });
    resizeObserver.observe(setup.canvas);
    ready.value = true;
  }

  function destroy(): void {
    resizeObserver?.disconnect();
    for (const type of ['wheel', 'pointerdown', 'keydown'] as const) container?.removeEventListener(type, stopAutoFit, { capture: true });
    modeler.value?.destroy();
    modeler.value = null;
  }

  /**
   * The whole diagram in view, at most at 100 %, clear of the palette (left) and of the lint
   * button (bottom): bpmn-js's 'fit-viewport' would put the start event under the palette.
   */
  function fit(): void {
    const current = modeler.value;
    if (!current || !container) return;
    const canvas = current.get<Canvas>('canvas');
    const size = canvas.getSize();
    const inner = canvas.viewbox().inner;
    if (!size.width || !size.height || !inner.width || !inner.height) return;
    const palette = container.querySelector('.djs-palette')?.getBoundingClientRect();
    const left = (palette ? palette.right - container.getBoundingClientRect().left : 0) + FIT_MARGIN;
    const bottom = (current instanceof Modeler ? LINT_BUTTON : 0) + FIT_MARGIN;
    const room = { width: Math.max(size.width - left - FIT_MARGIN, 1), height: Math.max(size.height - FIT_MARGIN - bottom, 1) };
    const scale = Math.min(1, room.width / inner.width, room.height / inner.height);
    // The diagram centred in the room left, in diagram coordinates.
    const x = inner.x - (left + (room.width - inner.width * scale) / 2) / scale;
    const y = inner.y - (FIT_MARGIN + (room.height - inner.height * scale) / 2) / scale;
    canvas.viewbox({ x, y, width: size.width / scale, height: size.height / scale });
  }

  /** Draws a diagram (throws when the XML cannot be read), fitted to the view. */
  async function show(xml: string): Promise<void> {
    const current = modeler.value;
    if (!current) return;
    await current.importXML(xml);
    autoFit = true;
    fit();
    readProcess();
    syncUndo();
  }

  async function currentXml(): Promise<string | null> {
    const result = await modeler.value?.saveXML({ format: true });
    return result?.xml ?? null;
  }

  function undo(): void {
    modeler.value?.get<CommandStack>('commandStack', false)?.undo();
  }

  function redo(): void {
    modeler.value?.get<CommandStack>('commandStack', false)?.redo();
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
    modeler.value?.get<Canvas>('canvas').resized();
    fit();
  }

  return { modeler, ready, canUndo, canRedo, processKey, processName, create, destroy, show, currentXml, undo, redo, reveal, refit };
}

export type BpmnModeler = ReturnType<typeof useBpmnModeler>;
