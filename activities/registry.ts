import { ApplicationFailure } from '@temporalio/activity';
import type { z } from 'zod';

/**
 * The activity registry (DESIGN §5): every activity a BPMN service task may
 * name (`relais:activity="comms.sms.send"`), with its input and output schemas,
 * a description for the modeler's palette and its retry policy. The compiler
 * checks service tasks against it and copies the retry policy into the plan;
 * the worker registers the implementations under the same names.
 */
export interface RetryPolicy {
  maximumAttempts: number;
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
}

export interface ActivityDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  description: { fr: string; en: string };
  input: I;
  output: O;
  retry?: Partial<RetryPolicy>;
  /** Start-to-close timeout of one attempt. */
  timeoutMs?: number;
  /**
   * Business errors the activity may raise (code → what it means): a
   * boundary error event with that code on the service task catches it
   * (the linter checks the code is declared); uncaught, it opens an incident.
   * '*' declares that the caller chooses the code (system.require).
   */
  errors?: Record<string, { fr: string; en: string }>;
}

/** What the engine passes to every service-task activity besides its input. */
export interface ServiceTaskMeta {
  tenantId: string;
  /** The process instance's workflow id (tenant/processKey/businessKey). */
  workflowId: string;
  elementId: string;
  loopCounter: number;
  /** Stable across retries of this task execution: side effects are keyed on it. */
  idempotencyKey: string;
}

export type ServiceTaskActivity<I = unknown, O = unknown> = (input: I, meta: ServiceTaskMeta) => Promise<O>;

export const DEFAULT_RETRY: RetryPolicy = { maximumAttempts: 5, initialIntervalMs: 1000, backoffCoefficient: 2, maximumIntervalMs: 60_000 };
export const DEFAULT_TIMEOUT_MS = 60_000;

export function defineActivity<I extends z.ZodType, O extends z.ZodType>(def: ActivityDefinition<I, O>): ActivityDefinition<I, O> {
  return def;
}

/** ApplicationFailure type the interpreter routes to boundary error events (workflows/engine/contract.ts BPMN_ERROR_TYPE). */
export const BPMN_ERROR_TYPE = 'BpmnError';

/**
 * A business error raised by an activity (a declared code, not a technical
 * failure): never retried, routed by the interpreter to the boundary error
 * event that catches the code.
 */
export function bpmnError(code: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: BPMN_ERROR_TYPE, message, details: [code], nonRetryable: true });
}
