export { bpmnProcess } from './bpmn-process.workflow';
