/**
 * The plain data the BPMN engine's workflow and everything around it exchange:
 * what starts a run, what it returns, what its query shows, what its updates
 * and signals carry. Types only (and one constant), so the domain, the API and
 * the UI read them without importing the workflow; the Temporal definitions
 * that carry them (signals, updates, the query) are in
 * workflows/engine/contract.ts.
 */
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
  resume?: {
    nodeId: string; completed: Record<string, number>; visits: Record<string, number>;
    /** The flow the token arrived by (a join needs it); the next element history number. */
    via?: string; seq?: number;
  };
  /**
   * Set on a called process: the error codes its caller (or the caller's
   * caller) catches around the call activity ("*": any). An error end event
   * nothing inside catches ends the child with that error instead of an incident.
   */
  parentCatches?: string[];
  /**
   * Messages already received when the run starts, in the order they were
   * sent (a client joining its process where its records stand, ADR 0005):
   * they wait in the inbox as if they had arrived at once. A run continued as
   * new carries over the messages nobody consumed.
   */
  inbox?: ProcessMessageArgs[];
  /** A run continued as new carries the ids of the last signals it took, so a retried broadcast still reaches it once. */
  signalIds?: string[];
}

export interface ProcessResult {
  /** error: an error end event that nothing in this process catches (a calling process may). */
  status: 'completed' | 'cancelled' | 'error';
  variables: Record<string, unknown>;
  errorCode?: string;
}

/** How an element instance ended (active: it has not yet). */
export type ElementOutcome = 'active' | 'completed' | 'interrupted' | 'terminated' | 'cancelled' | 'failed';

/**
 * One execution of one element (Camunda Operate's "instance history"): kept by
 * the workflow while it runs, stored in process_element_instances when the run
 * ends or continues as new, so a finished instance still says what it did.
 */
export interface ElementInstance {
  /** Order of start within the instance, across continue-as-new runs (1, 2, …). */
  seq: number;
  elementId: string;
  name: string | null;
  /** The plan node's kind (userTask, exclusiveGateway…), or its bpmnType when drawn as another type. */
  type: string;
  /** The process or embedded sub-process the element ran in. */
  scopeId: string;
  /** 1-based index inside a multi-instance; null outside one. */
  loopCounter: number | null;
  startedAt: string;
  endedAt: string | null;
  outcome: ElementOutcome;
  /** Sequence flows the token left by (a gateway's chosen flows; a boundary event's). */
  takenFlows: string[];
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
  status: 'running' | 'completed' | 'cancelled' | 'failed';
  /** Every element instance of this run and the runs it continues (those already stored are not repeated: see elementsFrom). */
  elements: ElementInstance[];
  /** seq of the first element in `elements`; the earlier ones are in process_element_instances. */
  elementsFrom: number;
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

/** A BPMN signal broadcast within the tenant (POST /api/v1/process-signals, or a signal throw event of another instance). */
export interface ProcessSignalArgs {
  name: string;
  variables?: Record<string, unknown>;
  /** The broadcast's id: a retried broadcast signals again with the same, and the instance takes it once. */
  signalId?: string;
}

/** Error code carried by an activity's ApplicationFailure (type "BpmnError") to reach a boundary error event. */
export const BPMN_ERROR_TYPE = 'BpmnError';
