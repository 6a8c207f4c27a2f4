/** A process key as the server accepts it (domain/process/bpmn-model.ts PROCESS_KEY). */
export const PROCESS_KEY = /^[A-Za-z][A-Za-z0-9._-]{0,99}$/;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A minimal diagram: one process with a start event, the Relais namespace declared. */
export function newDiagramXml(key: string, name: string, startLabel: string): string {
  const k = escapeXml(key);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:relais="http://relais.dev/schema/bpmn/1.0" id="Definitions_${k}" targetNamespace="http://relais.dev/bpmn">
  <bpmn:process id="${k}" name="${escapeXml(name)}" isExecutable="true">
    <bpmn:startEvent id="Start" name="${escapeXml(startLabel)}" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${k}">
      <bpmndi:BPMNShape id="Start_di" bpmnElement="Start">
        <dc:Bounds x="160" y="102" width="36" height="36" />
        <bpmndi:BPMNLabel>
          <dc:Bounds x="150" y="145" width="56" height="14" />
        </bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
