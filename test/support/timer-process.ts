/**
 * A process that starts at its timer start event "Clock" (the timer element
 * given: timeDate, timeDuration or timeCycle) and waits at a manager's task "Check".
 */
export function timerStartedProcessXml(key: string, timer: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:relais="http://relais.dev/schema/bpmn/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="http://relais.dev/bpmn">
  <bpmn:process id="${key}" name="Contrôle" isExecutable="true">
    <bpmn:startEvent id="Clock" name="À l'heure dite">
      <bpmn:outgoing>F1</bpmn:outgoing>
      <bpmn:timerEventDefinition id="T">${timer}</bpmn:timerEventDefinition>
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Clock" targetRef="Check" />
    <bpmn:userTask id="Check" name="Contrôler les lignes" relais:candidateRoles="manager">
      <bpmn:incoming>F1</bpmn:incoming>
      <bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Check" targetRef="End" />
    <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}
