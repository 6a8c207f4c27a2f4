/**
 * The compiled, JSON form of a BPMN process that the `bpmnProcess` workflow
 * interprets. The compiler (domain/process/compiler) produces it from BPMN XML
 * at deploy time; the workflow receives it as input, so execution never reads
 * the database and stays deterministic. Everything here is plain data.
 *
 * Expressions are FEEL source text (evaluated with feelin against the process
 * variables); an expression that starts with "=" is FEEL, any other string
 * is a literal, as in Camunda 8.
 */
import type { DecisionPlan } from './decision-table';

export type Feel = string;

export interface Plan {
  /** The BPMN process element's id; the definition key. */
  processKey: string;
  name?: string;
  /** Version of the definition for this tenant (set at deploy). */
  version: number;
  /** The scope of the process itself: its start events and all top-level nodes. */
  root: Scope;
  /** Every node of every scope, by BPMN element id. */
  nodes: Record<string, PlanNode>;
  /** Every sequence flow, by BPMN element id. */
  flows: Record<string, PlanFlow>;
}

/** A process or an embedded sub-process: where tokens start and end together. */
export interface Scope {
  id: string;
  /** The none start event of the scope (for the process: also message and timer starts). */
  startNodeIds: string[];
}

export interface PlanFlow {
  id: string;
  source: string;
  target: string;
  /** FEEL condition; absent means unconditional. */
  condition?: Feel;
  /** The flow's name on the diagram (« Oui », « Reste à payer »): the monitor says why a branch was taken with it. */
  name?: string;
}

interface NodeBase {
  id: string;
  name?: string;
  /** The scope (process or sub-process id) this node belongs to. */
  scope: string;
  incoming: string[];
  outgoing: string[];
  /** Boundary events attached to this node. */
  boundary?: string[];
  /** Output mappings applied when the node completes: variable → FEEL. */
  outputs?: Record<string, Feel>;
  /**
   * The BPMN element type it was drawn as, when it differs from its kind
   * (bpmn:ManualTask runs as a passThrough, bpmn:SendTask as a serviceTask):
   * the element history shows what was drawn.
   */
  bpmnType?: string;
  /** The activity that compensates this one (linked from its compensation boundary event), run by a compensation throw. */
  compensatedBy?: string;
  /** A compensation handler: run only by a compensation throw, never reached by a flow. */
  isForCompensation?: boolean;
}

export type EventTrigger =
  | { type: 'none' }
  | {
    type: 'timer';
    /** ISO 8601 duration (PT15M) or FEEL giving one */ duration?: Feel;
    /** ISO 8601 date-time or FEEL */ date?: Feel;
    /**
     * A repeating timer (non-interrupting boundary events, event sub-process starts):
     * an ISO 8601 repeating interval (R3/PT10M, R/PT1H forever, R2/2026-12-01T09:00:00Z/P1D)
     * or a 5-field cron expression ("0 9 * * MON-FRI"); FEEL giving one.
     */
    cycle?: Feel;
  }
  | { type: 'message'; messageName: string; /** FEEL giving the correlation key; defaults to the business key */ correlationKey?: Feel }
  | { type: 'error'; /** absent on a boundary: catch any error */ errorCode?: string }
  /** Broadcast to every instance of the tenant waiting for this name (and starts the processes a signal start event begins). */
  | { type: 'signal'; signalName: string }
  /** Thrown inside a sub-process, caught by its boundary or an event sub-process; absent code on a catch: any escalation. */
  | { type: 'escalation'; escalationCode?: string }
  /** Throw: compensate this activity (absent: every completed activity of the scope, in reverse order). Boundary: marks the handler. */
  | { type: 'compensation'; activityRef?: string };

export interface MultiInstance {
  sequential: boolean;
  /** FEEL giving the list to iterate over (or loopCardinality). */
  collection?: Feel;
  /** FEEL giving the number of instances, when there is no collection. */
  loopCardinality?: Feel;
  /** FEEL evaluated after each instance completes; true ends the others (they are interrupted). */
  completionCondition?: Feel;
  /** Name of the variable holding the current item inside each instance. */
  elementVariable?: string;
  /** Variable that receives the list of each instance's result (optional). */
  outputCollection?: string;
  /** FEEL giving what each instance contributes to outputCollection. */
  outputElement?: Feel;
}

type ThrownTrigger = Extract<EventTrigger, { type: 'signal' } | { type: 'escalation' } | { type: 'compensation' }>;

export interface StartEventNode extends NodeBase {
  kind: 'startEvent';
  trigger: EventTrigger;
  /** Start event of an event sub-process: false lets the enclosing scope go on (default true). */
  interrupting?: boolean;
}
export interface EndEventNode extends NodeBase {
  kind: 'endEvent';
  trigger: { type: 'none' } | { type: 'error'; errorCode: string } | { type: 'terminate' } | Exclude<ThrownTrigger, { type: 'escalation' }> | { type: 'escalation'; escalationCode: string };
}
export interface IntermediateCatchNode extends NodeBase { kind: 'intermediateCatchEvent'; trigger: Extract<EventTrigger, { type: 'timer' } | { type: 'message' } | { type: 'signal' }> }
/** Throws a signal, an escalation or a compensation, then goes on. */
export interface IntermediateThrowNode extends NodeBase {
  kind: 'intermediateThrowEvent';
  trigger: Exclude<ThrownTrigger, { type: 'escalation' }> | { type: 'escalation'; escalationCode: string };
}
export interface BoundaryEventNode extends NodeBase {
  kind: 'boundaryEvent';
  attachedTo: string;
  /** false: the task goes on and a new token leaves (escalation, SLA reminder). */
  cancelActivity: boolean;
  /** A compensation boundary event only marks its host's compensation handler (compensatedBy): it is never waited for. */
  trigger: Exclude<EventTrigger, { type: 'none' }>;
}

export interface ServiceTaskNode extends NodeBase {
  kind: 'serviceTask';
  /** Name of an activity of the registry, e.g. "comms.sms.send". */
  activity: string;
  /** Activity input fields → FEEL over the process variables. */
  inputs: Record<string, Feel>;
  /** Variable that receives the activity's result. */
  resultVariable?: string;
  /** Copied from the registry at deploy time, so the workflow needs no registry code. */
  retry: { maximumAttempts: number; initialIntervalMs: number; backoffCoefficient: number; maximumIntervalMs: number };
  timeoutMs: number;
  multiInstance?: MultiInstance;
}

export interface UserTaskNode extends NodeBase {
  kind: 'userTask';
  /** A registered form key (e.g. "events.assign-support"). */
  formKey?: string;
  /** Or a small inline JSON Schema written in the modeler. */
  inlineForm?: Record<string, unknown>;
  candidateRoles: string[];
  candidateUsers: string[];
  /** FEEL giving the assignee's user id. */
  assignee?: Feel;
  /** FEEL giving an ISO 8601 duration from creation (P2D) or a date-time. */
  dueDate?: Feel;
  /** FEEL giving 0..100 (default 50). */
  priority?: Feel;
  multiInstance?: MultiInstance;
}

export interface GatewayNode extends NodeBase {
  kind: 'exclusiveGateway' | 'parallelGateway' | 'inclusiveGateway' | 'eventBasedGateway';
  /** Flow taken when no condition holds (exclusive, inclusive). */
  defaultFlow?: string;
}

/**
 * Elements that only pass the token on (plain and manual tasks, none or
 * message intermediate throw events without an activity, link events once
 * their link is resolved into a flow): recorded in the history, nothing runs.
 */
export interface PassThroughNode extends NodeBase { kind: 'passThrough' }

/** A receive task: waits for a message like a message catch event, and can carry boundary events. */
export interface ReceiveTaskNode extends NodeBase {
  kind: 'receiveTask';
  trigger: Extract<EventTrigger, { type: 'message' }>;
  multiInstance?: MultiInstance;
}

/**
 * A business rule task: a DMN decision, embedded at deploy time (its table and
 * the decisions it requires), evaluated in the workflow; the result goes to
 * resultVariable.
 */
export interface BusinessRuleTaskNode extends NodeBase {
  kind: 'businessRuleTask';
  decisionId: string;
  decision: DecisionPlan;
  resultVariable?: string;
  multiInstance?: MultiInstance;
}

/** A script task in FEEL: the expression's value goes to resultVariable. */
export interface ScriptTaskNode extends NodeBase {
  kind: 'scriptTask';
  expression: Feel;
  resultVariable?: string;
  multiInstance?: MultiInstance;
}

export interface SubProcessNode extends NodeBase {
  kind: 'subProcess';
  /** the scope it opens */ scopeId: string;
  multiInstance?: MultiInstance;
  /** An event sub-process: no flow reaches it; its start event's trigger starts it while its enclosing scope runs. */
  triggeredByEvent?: boolean;
}

export interface CallActivityNode extends NodeBase {
  kind: 'callActivity';
  calledProcessKey: string;
  /** Child variables → FEEL over the parent's; absent: the child gets all the parent's variables. */
  inputs?: Record<string, Feel>;
  /** Parent variables → FEEL over the child's result; absent: all of the child's variables are merged back. */
  outputs?: Record<string, Feel>;
  multiInstance?: MultiInstance;
}

export type PlanNode =
  | StartEventNode | EndEventNode | IntermediateCatchNode | BoundaryEventNode
  | ServiceTaskNode | UserTaskNode | GatewayNode | SubProcessNode | CallActivityNode
  | PassThroughNode | ReceiveTaskNode | ScriptTaskNode | IntermediateThrowNode | BusinessRuleTaskNode;

export type PlanNodeKind = PlanNode['kind'];
