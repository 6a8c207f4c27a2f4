import type { z } from 'zod';

/**
 * An activity contract (DESIGN §5): what a BPMN service task may name
 * (`relais:activity="comms.sms.send"`), with its input and output schemas,
 * a description for the modeler's palette and its retry policy. Each module
 * declares its contracts (`domain/<context>/<context>.activity-contracts.ts`)
 * in its manifest; the compiler and the linter read them from the module
 * registry and copy the retry policy into the plan; the worker registers the
 * implementations (`activities/`) under the same names.
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

export const DEFAULT_RETRY: RetryPolicy = { maximumAttempts: 5, initialIntervalMs: 1000, backoffCoefficient: 2, maximumIntervalMs: 60_000 };
export const DEFAULT_TIMEOUT_MS = 60_000;

export function defineActivity<I extends z.ZodType, O extends z.ZodType>(def: ActivityDefinition<I, O>): ActivityDefinition<I, O> {
  return def;
}
