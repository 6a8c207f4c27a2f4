import { ApplicationFailure } from '@temporalio/activity';
import type { z } from 'zod';
import { BPMN_ERROR_TYPE } from '../kernel/process/engine-types';

/**
 * The Temporal side of service tasks: what the engine passes to an activity
 * besides its input, and how an activity raises a BPMN error. The contracts
 * (names, schemas, retry policies) are in the domain
 * (`domain/process/activity-definition.ts`, declared by each module).
 */

/** What the engine passes to every service-task activity besides its input. */
export interface ServiceTaskMeta {
  tenantId: string;
  /** The process instance's workflow id (tenant/processKey/businessKey). */
  workflowId: string;
  elementId: string;
  loopCounter: number;
  /** Stable across retries of this task execution: side effects are keyed on it. */
  idempotencyKey: string;
  /**
   * The person the task acts for: who completed the instance's latest user
   * task, else who started it; null for a process nobody started. What the
   * task writes in a record's history is credited to them.
   */
  actorUserId?: string | null;
}

export type ServiceTaskActivity<I = unknown, O = unknown> = (input: I, meta: ServiceTaskMeta) => Promise<O>;

/**
 * A business error raised by an activity (a declared code, not a technical
 * failure): never retried, routed by the interpreter to the boundary error
 * event that catches the code.
 */
export function bpmnError(code: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: BPMN_ERROR_TYPE, message, details: [code], nonRetryable: true });
}

/** A service task's input checked against its contract: a wrong input fails the task at once (never retried), naming the fields. */
export function parseTaskInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ');
  throw ApplicationFailure.create({ type: 'InvalidInput', nonRetryable: true, message: `Invalid input: ${why}` });
}
