import type { ShallowRef } from 'vue';
import type { BpmnModeler } from './useBpmnModeler';
import type { ModelerDocument } from './useModelerDocument';

/** Import a .bpmn file from the computer (unsaved until saved), export the diagram as one. */
export function useModelerFiles(bpmn: BpmnModeler, doc: ModelerDocument, input: Readonly<ShallowRef<HTMLInputElement | null>>) {
  function openFile(): void {
    if (!doc.confirmDiscard()) return;
    input.value?.click();
  }

  async function onFile(event: Event): Promise<void> {
    const target = event.target as HTMLInputElement;
    const file = target.files?.[0];
    target.value = '';
    if (!file) return;
    if (await doc.show(await file.text(), null)) doc.dirty.value = true;
  }

  async function download(): Promise<void> {
    const xml = await bpmn.currentXml();
    if (!xml) return;
    const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${bpmn.processKey.value ?? 'process'}.bpmn`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return { openFile, onFile, download };
}
