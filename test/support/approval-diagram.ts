/**
 * A drawn BPMN diagram that deploys, for the browser tests that show one: start, a review task,
 * a gateway towards two ends (`yes` when `approved`, `no` by default).
 */
export function approvalXml(key: string): string {
  const shape = (id: string, x: number, y: number, w: number, h: number) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`;
  const edge = (id: string, points: Array<[number, number]>) => `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${points.map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`).join('')}</bpmndi:BPMNEdge>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs" targetNamespace="https://relais.example/bpmn">
  <bpmn:process id="${key}" name="Validation de commande" isExecutable="true">
    <bpmn:startEvent id="start" name="Commande reçue" />
    <bpmn:userTask id="review" name="Vérifier la commande" />
    <bpmn:exclusiveGateway id="decide" name="Acceptée ?" default="no" />
    <bpmn:endEvent id="end-approved" name="Commande acceptée" />
    <bpmn:endEvent id="end-rejected" name="Commande refusée" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="decide" />
    <bpmn:sequenceFlow id="yes" name="oui" sourceRef="decide" targetRef="end-approved"><bpmn:conditionExpression>=approved</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="no" name="non" sourceRef="decide" targetRef="end-rejected" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="${key}">
    ${shape('start', 100, 100, 36, 36)}${shape('review', 190, 78, 100, 80)}${shape('decide', 345, 93, 50, 50)}
    ${shape('end-approved', 460, 40, 36, 36)}${shape('end-rejected', 460, 160, 36, 36)}
    ${edge('f1', [[136, 118], [190, 118]])}${edge('f2', [[290, 118], [345, 118]])}
    ${edge('yes', [[370, 93], [370, 58], [460, 58]])}${edge('no', [[370, 143], [370, 178], [460, 178]])}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
