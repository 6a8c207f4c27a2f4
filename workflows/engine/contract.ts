import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Plan } from './plan';

/** What starts a `bpmnProcess` run (and what continue-as-new carries over). */
export interface ProcessInput {
  tenantId: string;
  /** Row id of the instance in the process_instances projection. */
  instanceId: string;
  businessKey: string;
  plan: Plan;
  variables: Record<string, unknown>;
  startedBy: string | null;
  /** The start event that fired, when it is not the none start event (a message start event). */
  startAt?: string;
  /** Set when the run continues a previous one (continue-as-new): where its single token was. */
  resume?: { nodeId: string; completed: Record<string, number>; visits: Record<string, number> };
}

export interface ProcessResult {
  status: 'completed' | 'cancelled';
  variables: Record<string, unknown>;
}

export interface OpenTaskView {
  taskId: string;
  elementId: string;
  name: string | null;
  candidateRoles: string[];
  candidateUsers: string[];
  assignee: string | null;
}

export interface IncidentView {
  incidentId: string;
  elementId: string;
  message: string;
  at: string;
}

export interface ProcessState {
  status: 'running' | 'completed' | 'cancelled';
  activeElements: string[];
  completedElements: Record<string, number>;
  openTasks: OpenTaskView[];
  incidents: IncidentView[];
  variables: Record<string, unknown>;
}

export interface CompleteTaskArgs {
  taskId: string;
  userId: string;
  roles: string[];
  /** Form data, already validated by the API against the task's form schema. */
  data: Record<string, unknown>;
}

export interface ResolveIncidentArgs {
  incidentId: string;
  action: 'retry' | 'skip';
  /** Variables to set before retrying (a corrected address, an amount…). */
  variables?: Record<string, unknown>;
}

export interface ProcessMessageArgs {
  name: string;
  correlationKey: string;
  variables?: Record<string, unknown>;
}

/** Typed message names (STYLE §3): the API uses these constants, never strings. */
export const completeTaskUpdate = defineUpdate<{ ok: true }, [CompleteTaskArgs]>('completeTask');
export const resolveIncidentUpdate = defineUpdate<{ ok: true }, [ResolveIncidentArgs]>('resolveIncident');
export const processMessageSignal = defineSignal<[ProcessMessageArgs]>('processMessage');
export const cancelProcessSignal = defineSignal<[{ reason: string; userId: string | null }]>('cancelProcess');
export const processStateQuery = defineQuery<ProcessState>('processState');

/** Error code carried by an activity's ApplicationFailure (type "BpmnError") to reach a boundary error event. */
export const BPMN_ERROR_TYPE = 'BpmnError';
