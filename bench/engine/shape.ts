/**
 * What both variants of bench/engine share: the process key, the task queues
 * and the options of the do-nothing activity. Plain data only: the
 * hand-written workflow imports it into its bundle.
 *
 * The shape (ten-steps.bpmn, and hand-written.workflow.ts written to match):
 *
 *   start → Echo1 → Echo2 → Route (exclusive: `route = "a"`, default b)
 *     ├─ a: Echo3A ─┐
 *     └─ b: Echo3B ─┴→ Merge (exclusive merge) → Split (parallel)
 *                       → Echo4 ‖ Echo5 ‖ Echo6 → Join (parallel) → Echo7 → Echo8 → end
 *
 * 14 nodes are visited per instance, 8 of them service tasks (system.echo,
 * which returns its input), in 6 sequential rounds; then the instance's
 * projection row is closed (process.finishInstance, one PostgreSQL transaction).
 */

export const PROCESS_KEY = 'bench-ten-steps';
export const HAND_WRITTEN_WORKFLOW = 'handWrittenTenSteps';

/**
 * The compiled plan's retry policy and timeout for system.echo (the registry's
 * DEFAULT_RETRY with maximumAttempts 3, DEFAULT_TIMEOUT_MS). The bench checks
 * that the compiled plan still says exactly this before it measures anything.
 */
export const ECHO_RETRY = { maximumAttempts: 3, initialIntervalMs: 1000, backoffCoefficient: 2, maximumIntervalMs: 60_000 } as const;
export const ECHO_TIMEOUT_MS = 60_000;
/** The interpreter marks BPMN errors non-retryable; the hand-written workflow does the same. */
export const BPMN_ERROR_TYPE = 'BpmnError';

/** What the hand-written workflow takes: the same fields as a bpmnProcess input, without the plan. */
export interface HandWrittenInput {
  tenantId: string;
  instanceId: string;
  businessKey: string;
  variables: Record<string, unknown>;
  /** Skip the final process.finishInstance (a diagnostic variant, not the baseline). */
  skipFinish?: boolean;
}

export interface HandWrittenResult {
  status: 'completed';
  variables: Record<string, unknown>;
}
